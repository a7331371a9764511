import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** What the benches share: the machine line, the CPU other processes take, the table, running commands. */

export const ROOT = resolve(__dirname, '..');

/** `--name N` among a bench's arguments, as a number; `fallback` when it is not given. */
export function numberOption(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

/** The MySQL/MariaDB server the benches create their databases on (no database in the URL). */
export function benchServer(): string {
  return (process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
}

/** One measured row of a bench's final table. */
export interface Row {
  measure: string;
  value: string;
  baseline: string;
  ratio: number | null;
  target: string;
  /** null: no target, for information. */
  met: boolean | null;
}

export async function machineInfo(server: string): Promise<string> {
  const connection = await createConnection({ uri: server });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool');
    const { version, pool } = (rows as { version: string; pool: number }[])[0];
    return `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GB RAM; Node ${process.version}; ${/mariadb/i.test(version) ? 'MariaDB' : 'MySQL'} ${version} (InnoDB buffer pool ${Math.round(Number(pool) / 2 ** 20)} MB)`;
  } finally {
    await connection.end();
  }
}

/** Share of the machine's CPU time that was busy over `ms` milliseconds (from /proc/stat). */
export async function busyShare(ms: number): Promise<number> {
  const sample = () => {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number) as number[];
    return { idle: cpu[3] + (cpu[4] ?? 0), total: cpu.reduce((a, b) => a + b, 0) };
  };
  const a = sample();
  await new Promise((wait) => setTimeout(wait, ms));
  const b = sample();
  return b.total === a.total ? 0 : 1 - (b.idle - a.idle) / (b.total - a.total);
}

/** The machine's CPU time and that of some processes, in clock ticks, to tell what others took. */
export interface CpuSample {
  total: number;
  busy: number;
  ours: number;
}

export function cpuSample(pids: readonly number[]): CpuSample {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number) as number[];
  const total = cpu.reduce((a, b) => a + b, 0);
  let ours = 0;
  for (const pid of pids) {
    try {
      // utime and stime: fields 14 and 15, counted from after the command's closing parenthesis.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
      ours += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return { total, busy: total - cpu[3] - (cpu[4] ?? 0), ours };
}

/** Share of the machine's CPU that processes other than `pids` took between two samples. */
export function othersShare(a: CpuSample, b: CpuSample): number {
  return b.total === a.total ? 0 : Math.max(0, (b.busy - a.busy - (b.ours - a.ours)) / (b.total - a.total));
}

/** The database server's processes on this machine (none when it runs elsewhere). */
export function databasePids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (/^(mariadbd|mysqld)$/.test(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

export function printMarkdown(rows: Row[]): void {
  const table = [
    ['measure', 'value', 'baseline (same run)', 'ratio', 'target', 'verdict'],
    ...rows.map((row) => [
      row.measure,
      row.value,
      row.baseline,
      row.ratio === null ? '—' : row.ratio.toFixed(2),
      row.target,
      row.met === null ? 'info' : row.met ? 'met' : 'NOT met',
    ]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  log(line(table[0]));
  log(`|${widths.map((width, column) => (column === 3 ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`);
  for (const row of table.slice(1)) log(line(row));
}

export function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return runQuiet(command, args, env).then((result) => {
    if (result.code !== 0) throw new Error(`${args.join(' ')} exited ${result.code}:\n${result.output}`);
    return result.stdout;
  });
}

export function runQuiet(command: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code: code ?? -1, stdout, output }));
  });
}

/** `nest build`: the benches run the service as `npm start` does, from dist/. */
export function buildService(): Promise<string> {
  return run(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], {});
}

export const count = (n: number) => n.toLocaleString('en');
export const ms = (value: number) => (value < 10 ? value.toFixed(1) : Math.round(value).toString());

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Named phases of a bench run and how long each took: `phase(name, work)` logs the name, runs the
 * work, keeps its seconds in `phases` (and logs them with `logDuration`).
 */
export function phaseClock(logDuration = false): { phases: [string, number][]; phase: <T>(name: string, work: () => Promise<T>) => Promise<T> } {
  const phases: [string, number][] = [];
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const at = Date.now();
    log(`-- ${name}`);
    const result = await work();
    phases.push([name, (Date.now() - at) / 1000]);
    if (logDuration) log(`   (${((Date.now() - at) / 1000).toFixed(1)} s)`);
    return result;
  };
  return { phases, phase };
}
