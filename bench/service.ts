import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The built service (`node dist/main.js`) as a child process of the benchmark. */
export interface RunningService {
  base: string;
  pid: number;
  /** VmHWM of the process: the highest resident set it has had, in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
let hooked = false;

/** The children die with the benchmark, whether it ends, fails or is interrupted. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      for (const child of children) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The node flags of `npm start` (the heap cap), so the service runs here as users run it. */
const START_FLAGS = (require('../package.json') as { scripts: { start: string } }).scripts.start
  .split(' ')
  .filter((part) => part.startsWith('--'));

/**
 * Starts the service as `npm start` and its Dockerfile do (NODE_ENV=production,
 * `node --max-old-space-size=192 dist/main.js`) on a free loopback port, and waits until it
 * answers. `nodeFlags` go after the heap cap (e.g. `--cpu-prof` to see where a measure's time goes).
 */
export async function startService(root: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<RunningService> {
  hookExit();
  const port = await freePort();
  const child = spawn(process.execPath, [...START_FLAGS, ...nodeFlags, join(root, 'dist', 'main.js')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null = null;
  const exit = new Promise<void>((resolveExit) =>
    child.on('exit', (code) => {
      exited = code ?? -1;
      children.delete(child);
      resolveExit();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== null) throw new Error(`the service exited (${exited}) while starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not answer within 90 s:\n${output}`);
    }
    try {
      if ((await fetch(`${base}/health/live`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  const pid = child.pid!;
  return {
    base,
    pid,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024);
    },
    stop: async () => {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
