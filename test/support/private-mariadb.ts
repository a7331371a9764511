import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

/**
 * A MariaDB server of the suite's own, in a temporary data directory on a free port, so a test
 * may stop and start it (the shared server of the other suites must never go down).
 */
export interface PrivateMariaDb {
  /** mysql://root@127.0.0.1:<port>, without a database. */
  url: string;
  port: number;
  running(): boolean;
  /** Same data directory and port: what an operator's restart does. */
  start(): Promise<void>;
  /** SIGKILL: a crash (InnoDB rolls back open transactions at the next start); SIGTERM: a clean shutdown. */
  stop(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
}

export interface MariaDbBinaries {
  installDb: string;
  server: string;
}

/** `mariadb-install-db` and `mariadbd` as Debian installs them, or on the PATH; null if missing. */
export function findMariaDbBinaries(): MariaDbBinaries | null {
  const find = (names: string[], dirs: string[]) => {
    for (const dir of [...dirs, ...(process.env.PATH ?? '').split(delimiter)]) {
      for (const name of names) if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
    return null;
  };
  const installDb = find(['mariadb-install-db', 'mysql_install_db'], ['/usr/bin', '/usr/local/bin']);
  const server = find(['mariadbd', 'mysqld'], ['/usr/sbin', '/usr/local/sbin', '/usr/bin']);
  return installDb && server ? { installDb, server } : null;
}

/** A port nothing listens on now, on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const START_TIMEOUT_MS = 30_000;

export async function startPrivateMariaDb(binaries: MariaDbBinaries): Promise<PrivateMariaDb> {
  const dir = mkdtempSync(join(tmpdir(), 'tthc-mariadb-'));
  const datadir = join(dir, 'data');
  const errorLog = join(dir, 'error.log');
  const port = await freePort();
  const url = `mysql://root@127.0.0.1:${port}`;
  // As root (CI), mariadbd refuses to run without --user; as anyone else it runs as that user.
  const user = userInfo().username;
  await promisify(execFile)(
    binaries.installDb,
    ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', `--user=${user}`],
    { timeout: 60_000 },
  ).catch((error: Error & { stderr?: string }) => {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed: ${error.message}\n${error.stderr ?? ''}`);
  });

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  // If the test run dies without afterAll, the server must not outlive it.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const server: PrivateMariaDb = {
    url,
    port,
    running: () => child !== null,
    async start() {
      if (child) return;
      const process_ = spawn(
        binaries.server,
        [
          '--no-defaults',
          `--datadir=${datadir}`,
          `--port=${port}`,
          `--socket=${join(dir, 'mysqld.sock')}`,
          `--pid-file=${join(dir, 'mysqld.pid')}`,
          `--log-error=${errorLog}`,
          `--user=${user}`,
          '--skip-networking=0',
          '--bind-address=127.0.0.1',
          '--skip-name-resolve',
          '--skip-log-bin',
          '--innodb-buffer-pool-size=32M',
          '--innodb-log-file-size=16M',
          '--max-connections=100',
        ],
        { stdio: 'ignore' },
      );
      child = process_;
      exited = new Promise((resolve) => process_.once('exit', () => resolve()));
      void exited.then(() => {
        if (child === process_) child = null;
      });
      const deadline = Date.now() + START_TIMEOUT_MS;
      for (;;) {
        if (child !== process_) throw new Error(`mariadbd exited while starting:\n${tail(errorLog)}`);
        try {
          const connection = await createConnection({ uri: url, connectTimeout: 1000 });
          await connection.query('SELECT 1');
          await connection.end();
          return;
        } catch (error) {
          if (Date.now() > deadline) {
            await server.stop('SIGKILL');
            throw new Error(`mariadbd did not accept connections within ${START_TIMEOUT_MS / 1000} s: ${(error as Error).message}\n${tail(errorLog)}`);
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    async stop(signal = 'SIGKILL') {
      if (!child) return;
      child.kill(signal);
      await exited;
    },
    async destroy() {
      await server.stop('SIGKILL');
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

function tail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no error log)';
  }
}
