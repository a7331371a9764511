import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { MariaDbBinaries, findMariaDbBinaries, freePort } from './private-mariadb';

/**
 * A MariaDB Galera cluster of the suite's own on loopback: each node a mariadbd in a temporary
 * data directory with four free ports (SQL, group communication, IST, SST). The first node is
 * installed and bootstraps the cluster; the others join it and receive its data by rsync SST.
 */
export interface GaleraCluster {
  /** mysql://root@127.0.0.1:<port> of each node, without a database, in start order. */
  urls: string[];
  /** Kills every node (and its SST helpers) and removes the data directories. */
  destroy(): Promise<void>;
}

/** The Galera 4 provider library as Debian's galera-4 installs it, or null if missing. */
export function findGaleraProvider(): string | null {
  const candidates = [process.env.WSREP_PROVIDER, '/usr/lib/galera/libgalera_smm.so', '/usr/lib/galera-4/libgalera_smm.so', '/usr/lib64/galera-4/libgalera_smm.so'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

interface Node {
  index: number;
  dir: string;
  config: string;
  errorLog: string;
  url: string;
  ports: { sql: number; gcomm: number; ist: number; sst: number };
  child: ChildProcess | null;
  /** Of mariadbd, and so of its process group (SST script, rsync), which may outlive it. */
  pid: number | null;
  exited: Promise<void>;
}

/** How long one node may take to start and reach Synced (the joiners include their SST). */
const NODE_TIMEOUT_MS = 60_000;

export async function startGaleraCluster(nodes = 3): Promise<GaleraCluster> {
  const binaries = findMariaDbBinaries();
  const provider = findGaleraProvider();
  if (!binaries || !provider) throw new Error('a Galera cluster needs mariadbd, mariadb-install-db and galera-4 (libgalera_smm.so)');
  const root = mkdtempSync(join(tmpdir(), 'tthc-galera-'));
  const members: Node[] = [];
  // If the test run dies without afterAll, no node may outlive it.
  const killOnExit = () => members.forEach(killGroup);
  process.once('exit', killOnExit);
  const cluster: GaleraCluster = {
    urls: [],
    async destroy() {
      await Promise.all(members.map(stopNode));
      process.removeListener('exit', killOnExit);
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    const ports = new Set<number>();
    for (let index = 1; index <= nodes; index++) members.push(await prepareNode(root, index, ports));
    const name = `tthc-${process.pid}-${Date.now()}`;
    for (const node of members) writeConfig(node, provider, name, members[0].ports.gcomm);
    openDataDirs(members);
    await installFirst(binaries, members[0]);
    // One joiner at a time: a second one would wait for the donor (some 8 s here), not gain.
    for (const node of members) {
      startNode(binaries, node);
      await waitForNode(node, node.index, members);
    }
    for (const node of members) await waitForNode(node, nodes, members);
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  cluster.urls = members.map((node) => node.url);
  return cluster;
}

async function prepareNode(root: string, index: number, taken: Set<number>): Promise<Node> {
  const dir = join(root, `node${index}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  if (asRoot()) for (const path of [root, dir]) chmodSync(path, 0o711);
  const port = async () => {
    for (;;) {
      const candidate = await freePort();
      if (!taken.has(candidate)) return taken.add(candidate), candidate;
    }
  };
  const ports = { sql: await port(), gcomm: await port(), ist: await port(), sst: await port() };
  return {
    index,
    dir,
    config: join(dir, 'my.cnf'),
    errorLog: join(dir, 'error.log'),
    url: `mysql://root@127.0.0.1:${ports.sql}`,
    ports,
    child: null,
    pid: null,
    exited: Promise.resolve(),
  };
}

/**
 * One options file per node (the SST script reads it too). Small memory: the cluster runs beside
 * the shared server and the suites' services.
 */
function writeConfig(node: Node, provider: string, clusterName: string, firstGcommPort: number): void {
  const { dir, ports } = node;
  const options = [
    '[mysqld]',
    `datadir=${join(dir, 'data')}`,
    `port=${ports.sql}`,
    `socket=${join(dir, 'mysqld.sock')}`,
    `pid-file=${join(dir, 'mysqld.pid')}`,
    `log-error=${node.errorLog}`,
    // As root (CI), mariadbd refuses to run without --user; as anyone else it runs as that user.
    `user=${userInfo().username}`,
    'bind-address=127.0.0.1',
    'skip-name-resolve',
    'skip-log-bin',
    'innodb-buffer-pool-size=32M',
    'innodb-log-file-size=16M',
    'max-connections=100',
    'binlog_format=ROW',
    'default_storage_engine=InnoDB',
    'innodb_autoinc_lock_mode=2',
    'wsrep_on=ON',
    `wsrep_provider=${provider}`,
    `wsrep_cluster_name=${clusterName}`,
    `wsrep_cluster_address=gcomm://${node.index === 1 ? '' : `127.0.0.1:${firstGcommPort}`}`,
    `wsrep_node_name=node${node.index}`,
    'wsrep_node_address=127.0.0.1',
    `wsrep_node_incoming_address=127.0.0.1:${ports.sql}`,
    `wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:${ports.gcomm};ist.recv_addr=127.0.0.1:${ports.ist};gcache.size=64M"`,
    'wsrep_sst_method=rsync',
    `wsrep_sst_receive_address=127.0.0.1:${ports.sst}`,
    'wsrep_slave_threads=2',
  ];
  writeFileSync(node.config, `${options.join('\n')}\n`);
}

/** Only the first node's data directory is installed: the others receive it by SST. */
async function installFirst(binaries: MariaDbBinaries, node: Node): Promise<void> {
  const args = ['--no-defaults', `--datadir=${join(node.dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db', `--user=${userInfo().username}`];
  await promisify(execFile)(binaries.installDb, args, { timeout: 60_000 }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`mariadb-install-db failed: ${error.message}\n${error.stderr ?? ''}`);
  });
  openDataDirs([node]);
}

const asRoot = () => process.getuid?.() === 0;

/**
 * As root, a joiner's rsync daemon writes as `nobody` (rsyncd's default uid under root, which
 * wsrep_sst_rsync does not set): it must fill the data directory, and finds the donor's mode on
 * it already (it may not change the mode of a directory it does not own).
 */
function openDataDirs(nodes: Node[]): void {
  if (asRoot()) for (const node of nodes) chmodSync(join(node.dir, 'data'), 0o777);
}

/**
 * In a process group of its own (detached), so that killing the group also ends the SST script
 * and the rsync daemon a joiner runs.
 */
function startNode(binaries: MariaDbBinaries, node: Node): void {
  const args = [`--defaults-file=${node.config}`, ...(node.index === 1 ? ['--wsrep-new-cluster'] : [])];
  const child = spawn(binaries.server, args, { stdio: 'ignore', detached: true });
  node.child = child;
  node.pid = child.pid ?? null;
  node.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  void node.exited.then(() => {
    if (node.child === child) node.child = null;
  });
}

interface WsrepState {
  state: string;
  size: number;
}

async function wsrepState(url: string): Promise<WsrepState> {
  const connection = await createConnection({ uri: url, connectTimeout: 1000 });
  try {
    const [rows] = await connection.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_size')",
    );
    const status = new Map((rows as { Variable_name: string; Value: string }[]).map((row) => [row.Variable_name, row.Value]));
    return { state: status.get('wsrep_local_state_comment') ?? '?', size: Number(status.get('wsrep_cluster_size') ?? 0) };
  } finally {
    await connection.end();
  }
}

/**
 * Until the node accepts connections, is Synced and sees `size` members. A node that exits or
 * misses the deadline fails the start, with the error-log tail of every node.
 */
async function waitForNode(node: Node, size: number, members: Node[]): Promise<void> {
  const deadline = Date.now() + NODE_TIMEOUT_MS;
  let last = 'no connection yet';
  for (;;) {
    if (!node.child) throw new Error(`Galera node ${node.index} exited while starting\n${tails(members)}`);
    try {
      const state = await wsrepState(node.url);
      if (state.state === 'Synced' && state.size === size) return;
      last = `${state.state}, cluster size ${state.size}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`Galera node ${node.index} not Synced in a cluster of ${size} within ${NODE_TIMEOUT_MS / 1000} s (last: ${last})\n${tails(members)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function killGroup(node: Node): void {
  if (!node.pid) return;
  try {
    process.kill(-node.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function stopNode(node: Node): Promise<void> {
  killGroup(node);
  await node.exited;
}


function tails(members: Node[]): string {
  return members.map((node) => `--- node ${node.index}, the end of its error log:\n${tail(node.errorLog)}`).join('\n');
}

function tail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no error log)';
  }
}
