import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { databaseSettings, validateEnvironment } from '../src/config/configuration';
import { dataSourceOptions, detectServer } from '../src/database/data-source-options';
import { writeExport } from './generate-export';

const ROOT = resolve(__dirname, '..');
const TS_NODE = [require.resolve('ts-node/dist/bin.js'), '--transpile-only', '--project', join(ROOT, 'tsconfig.json')];
/** The importer as users run it: `npm run cli` (compiled, with the heap cap package.json gives it). */
const CLI = (require('../package.json') as { scripts: { cli: string } }).scripts.cli
  .split(' ')
  .slice(1) // "node"
  .map((part) => (part.endsWith('.js') ? join(ROOT, part) : part));

export interface Run {
  rows: number;
  seconds: number;
  peakRssMb: number;
}

/**
 * `npm run bench -- import [--rows N]`: N realistic export rows (default 1,000,000) loaded into
 * MySQL/MariaDB by the command-line importer, beside the raw baseline measured in the same run
 * (the same file through plain mysql2 multi-row INSERT … ON DUPLICATE KEY UPDATE).
 */
export async function importBench(args: string[]): Promise<void> {
  const rowsArg = args.indexOf('--rows');
  const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
  log('building the command line (tsc)');
  await run([require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], {});
  const { raw: rawRun, app: appRun, again: againRun, rawCount, appCount, unchanged } = await compareImport(rows, { again: true });
  const rate = (r: Run) => r.rows / r.seconds;
  const table = [
    ['', 'rows', 'seconds', 'rows/s', 'peak RSS MB', 'rows/s vs raw'],
    ['raw mysql2 baseline', rawRun.rows, rawRun.seconds.toFixed(1), Math.round(rate(rawRun)), rawRun.peakRssMb, '1.00'],
    ['CLI import (first load)', appRun.rows, appRun.seconds.toFixed(1), Math.round(rate(appRun)), appRun.peakRssMb, (rate(appRun) / rate(rawRun)).toFixed(2)],
    ['CLI import (re-run, unchanged)', againRun!.rows, againRun!.seconds.toFixed(1), Math.round(rate(againRun!)), againRun!.peakRssMb, (rate(againRun!) / rate(rawRun)).toFixed(2)],
  ];
  printTable(table);
  log(`stored: raw ${rawCount.toLocaleString('en')}, app ${appCount.toLocaleString('en')}; re-run unchanged ${unchanged!.toLocaleString('en')}`);
  log(`targets: CLI ≥ 0.60 × raw rows/s → ${rate(appRun) / rate(rawRun) >= 0.6 ? 'met' : 'NOT met'}; peak RSS < 300 MB → ${appRun.peakRssMb < 300 ? 'met' : 'NOT met'}`);
}

export interface ImportComparison {
  raw: Run;
  app: Run;
  again?: Run;
  rawCount: number;
  appCount: number;
  unchanged?: number;
}

/**
 * N export rows loaded by the raw baseline and by the command-line importer (already built in
 * dist/), each into its own fresh database; with `again`, the importer loads the same file a
 * second time. The databases are dropped afterwards.
 */
export async function compareImport(rows: number, options: { again?: boolean; quiet?: boolean } = {}): Promise<ImportComparison> {
  const say = options.quiet ? () => undefined : log;
  const server = (process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
  const dir = mkdtempSync(join(tmpdir(), 'tthc-bench-'));
  const file = join(dir, 'export.csv');
  try {
    let started = Date.now();
    await writeExport(file, rows);
    say(`generated ${rows.toLocaleString('en')} rows (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const raw = await prepareDatabase(server, 'tthc_bench_raw');
    const app = await prepareDatabase(server, 'tthc_bench_app');

    say('raw baseline: csv-parse + mysql2 multi-row INSERT … ON DUPLICATE KEY UPDATE');
    const rawRun = JSON.parse(await run(TS_NODE.concat(join(__dirname, 'raw-import.ts'), file, raw.url, String(raw.unitId)), {})) as Run;

    say('tthc-monitor: npm run cli -- import (mapping, validation, classification, upsert)');
    started = Date.now();
    const appOutput = await run(CLI.concat('import', file, '--unit', 'xa-bench'), { DATABASE_URL: app.url });
    const appRun = parseCli(appOutput);
    say(`  (whole command incl. start-up: ${((Date.now() - started) / 1000).toFixed(1)} s)`);

    let againRun: Run | undefined;
    let unchanged: number | undefined;
    if (options.again) {
      say('tthc-monitor again, same file: every row must come back unchanged');
      const againOutput = await run(CLI.concat('import', file, '--unit', 'xa-bench'), { DATABASE_URL: app.url });
      againRun = parseCli(againOutput);
      unchanged = Number(/unchanged:\s+([\d.]+)/.exec(againOutput)?.[1].replace(/\./g, '') ?? -1);
    }

    const [rawCount, appCount] = await Promise.all([countRows(raw.url), countRows(app.url)]);
    await dropDatabase(server, 'tthc_bench_raw');
    await dropDatabase(server, 'tthc_bench_app');
    return { raw: rawRun, app: appRun, again: againRun, rawCount, appCount, unchanged };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function prepareDatabase(server: string, name: string): Promise<{ url: string; unitId: number }> {
  await dropDatabase(server, name);
  const admin = await createConnection({ uri: server });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = `${server}/${name}`;
  const settings = databaseSettings(validateEnvironment({ DATABASE_URL: url }));
  const dataSource = new DataSource(dataSourceOptions(settings, await detectServer(url)));
  await dataSource.initialize();
  await dataSource.query("INSERT INTO units (code, name, level, path, dataVersion, createdAt) VALUES ('xa-bench', 'Xã Benchmark', 'commune', '/1/', 0, NOW(3))");
  await dataSource.destroy();
  return { url, unitId: 1 };
}

async function dropDatabase(server: string, name: string): Promise<void> {
  const admin = await createConnection({ uri: server });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.end();
}

async function countRows(url: string): Promise<number> {
  const connection = await createConnection({ uri: url });
  const [rows] = await connection.query('SELECT COUNT(*) AS n FROM dossiers');
  await connection.end();
  return Number((rows as { n: number }[])[0].n);
}

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('close', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

function parseCli(output: string): Run {
  const read = /rows read:\s+([\d.]+) in ([\d.]+) s/.exec(output);
  const rss = /peak RSS:\s+(\d+) MB/.exec(output);
  if (!read || !rss) throw new Error(`unexpected CLI output:\n${output}`);
  return { rows: Number(read[1].replace(/\./g, '')), seconds: Number(read[2]), peakRssMb: Number(rss[1]) };
}

function printTable(rows: (string | number)[][]): void {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  for (const row of rows) log(row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  '));
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
