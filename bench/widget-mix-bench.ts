import autocannon from 'autocannon';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildService, busyShare, count, log, numberOption, phaseClock, ROOT } from './bench-kit';
import { RunningService, startService } from './service';
import { BenchUnit, COMMUNES, PROVINCES, UrlStream, VARIANTS, benchDossiers, benchUnits, communesWithDossiers, urlStream } from './widget-mix-data';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const HOT = 'xa-01-001';
/** Requests in flight while the units are created: a few at a time, as the brief of the bench says. */
const CREATE_CLIENTS = 8;
const DOSSIERS_PER_COMMUNE = 20;
const DOSSIER_BATCH = 2000;
const SEED = 20260701;

interface Options {
  seconds: number;
  connections: number;
  keep: boolean;
}

function options(args: string[]): Options {
  const value = (name: string, fallback: number) => numberOption(args, name, fallback);
  return { seconds: value('seconds', 10), connections: value('connections', 50), keep: args.includes('--keep') };
}

/** One autocannon run: its rate, latencies, answers other than 2xx, and requests never answered. */
interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Errors and timeouts: no answer within autocannon's 10 s (a timeout also counts as an error). */
  unanswered: number;
  /** Status codes other than 2xx with their counts, e.g. "503 ×3". */
  statuses: string;
}

interface MixRow {
  label: string;
  target: Run;
  health: Run;
  peakRssMb: number;
  urls: { requests: number; distinct: number } | null;
}

/**
 * `npm run bench -- widget-mix [--seconds S] [--connections C] [--keep]`: the public widget as a
 * host serving every commune's portal sees it. The built service (as `npm start` runs it, 192 MB
 * heap, embedded SQLite in a temporary DATA_DIR) with 34 provinces and 3,321 communes, dossiers
 * for 302 of them; then, each for S seconds (default 10) with C connections (default 50) after a
 * 2 s burst and beside GET /health/live measured just before it: one hot URL, a Zipf mix
 * (exponent 1) over every commune's widget URLs in 8 variants, and a uniform mix over the same.
 * `--keep` leaves the temporary folder (its SQLite file) in place.
 */
export async function widgetMixBench(args: string[]): Promise<void> {
  const o = options(args);
  const { phase } = phaseClock(true);
  log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GB RAM; Node ${process.version}; embedded SQLite`);
  const busyBefore = await busyShare(2000);
  log(`CPU busy before the start (other processes): ${Math.round(busyBefore * 100)} %${busyBefore > 0.2 ? ' — WARNING: the figures below share the machine' : ''}`);
  await phase('build (nest build, if dist/ is older than src/)', ensureBuilt);

  const dataDir = mkdtempSync(join(tmpdir(), 'tthc-bench-widget-mix-'));
  const env = {
    DATA_DIR: dataDir, DATABASE_URL: '', DATABASE_READ_URL: '', DEMO_DATA: 'never', REPORTS_TICK_SECONDS: '0', PUBLIC_RATE_LIMIT: '0', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
  };
  let service: RunningService | null = null;
  try {
    service = await phase('start the service (SQLite, DEMO_DATA=never)', () => startService(ROOT, env));
    const running: RunningService = service;
    const { provinces, communes } = benchUnits();
    await phase(`units: ${PROVINCES} provinces, ${count(COMMUNES)} communes (POST /api/v1/units, ${CREATE_CLIENTS} at a time)`, () => createUnits(running, provinces, communes));
    const withDossiers = communesWithDossiers(communes, HOT);
    await phase(`dossiers: ${DOSSIERS_PER_COMMUNE} each for ${withDossiers.length} communes (POST /api/v1/dossiers)`, () =>
      sendDossiers(running, benchDossiers(withDossiers, DOSSIERS_PER_COMMUNE, new Date())),
    );
    await checkWidget(running);
    const idleRssMb = running.peakRssMb();
    log(`   peak RSS (VmHWM) after the setup: ${idleRssMb} MB`);

    const codes = communes.map((unit) => unit.code);
    const rows: MixRow[] = [];
    const measures: { label: string; stream: UrlStream | null }[] = [
      { label: `one hot URL /widget/${HOT}`, stream: null },
      { label: `Zipf mix (s = 1), ${count(COMMUNES)} communes × ${VARIANTS} variants`, stream: urlStream(codes, 'zipf', SEED) },
      { label: `uniform mix, ${count(COMMUNES)} communes × ${VARIANTS} variants`, stream: urlStream(codes, 'uniform', SEED) },
    ];
    for (const measure of measures) {
      rows.push(await phase(`${measure.label} (${o.connections} connections, ${o.seconds} s, beside /health/live)`, () => measureRow(running, measure.label, measure.stream, o)));
    }
    await running.stop();
    service = null;
    printRows(rows, o, idleRssMb);
  } finally {
    if (service) await service.stop();
    if (o.keep) log(`kept: ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `nest build` when dist/main.js is missing or older than a file under src/. */
async function ensureBuilt(): Promise<void> {
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }
    return latest;
  };
  let built = 0;
  try {
    built = statSync(join(ROOT, 'dist', 'main.js')).mtimeMs;
  } catch {
    // not built yet
  }
  if (built > newest(join(ROOT, 'src'))) {
    log('   dist/ is up to date');
    return;
  }
  await buildService();
}

async function post(service: RunningService, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(service.base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${(await response.text()).slice(0, 500)}`);
  return response.json();
}

/** Runs `work` over `items`, `clients` at a time. */
async function inParallel<T>(items: readonly T[], clients: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: clients }, client));
}

async function createUnits(service: RunningService, provinces: BenchUnit[], communes: BenchUnit[]): Promise<void> {
  const started = Date.now();
  await inParallel(provinces, CREATE_CLIENTS, (unit) => post(service, '/api/v1/units', unit));
  await inParallel(communes, CREATE_CLIENTS, (unit) => post(service, '/api/v1/units', unit));
  const seconds = (Date.now() - started) / 1000;
  log(`   ${count(provinces.length + communes.length)} units in ${seconds.toFixed(1)} s (${count(Math.round((provinces.length + communes.length) / seconds))} a second)`);
}

async function sendDossiers(service: RunningService, records: Record<string, string>[]): Promise<void> {
  const batches: Record<string, string>[][] = [];
  for (let start = 0; start < records.length; start += DOSSIER_BATCH) batches.push(records.slice(start, start + DOSSIER_BATCH));
  let created = 0;
  let rejected = 0;
  await inParallel(batches, 2, async (batch) => {
    const answer = (await post(service, '/api/v1/dossiers', { dossiers: batch })) as { created: number; rejected: { errors: string[] }[] };
    created += answer.created;
    rejected += answer.rejected.length;
    if (answer.rejected.length > 0) log(`   rejected, e.g.: ${answer.rejected[0].errors.join('; ')}`);
  });
  log(`   created ${count(created)}, rejected ${count(rejected)}`);
  if (rejected > 0) throw new Error('dossiers were rejected: the bench data is wrong');
}

/** The hot commune's widget shows its dossiers, and a commune without any answers too. */
async function checkWidget(service: RunningService): Promise<void> {
  for (const code of [HOT, 'xa-34-097']) {
    const response = await fetch(`${service.base}/widget/${code}.json`);
    if (!response.ok) throw new Error(`GET /widget/${code}.json: ${response.status} ${await response.text()}`);
    const answer = (await response.json()) as { received?: { total: number }; stats?: { received: { total: number } } };
    const received = answer.stats?.received.total ?? answer.received?.total;
    log(`   /widget/${code}.json: 200, received ${received ?? '?'}`);
  }
}

type Target = { url: string } | { stream: UrlStream };

async function cannon(service: RunningService, target: Target, connections: number, seconds: number): Promise<Run> {
  const common = { connections, duration: seconds };
  const result =
    'url' in target
      ? await autocannon({ ...common, url: service.base + target.url })
      : await autocannon({
          ...common,
          url: service.base,
          requests: [
            {
              setupRequest: (request) => {
                request.path = target.stream.next();
                return request;
              },
            },
          ],
        });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    unanswered: result.errors,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, stat]) => `${code} ×${(stat as { count: number }).count}`)
      .join(', '),
  };
}

/**
 * /health/live, then the target, each after a 2 s burst of its own (the JIT, the pools and the
 * widget's caches warm). A stream's burst draws from it too, so the measured part goes on where
 * the burst ended, and its distinct URLs are those of the measured part alone.
 */
async function measureRow(service: RunningService, label: string, stream: UrlStream | null, o: Options): Promise<MixRow> {
  await cannon(service, { url: '/health/live' }, o.connections, 2);
  const health = await cannon(service, { url: '/health/live' }, o.connections, o.seconds);
  log(`   GET /health/live: ${count(Math.round(health.rps))} req/s, p50 ${health.p50} ms, p99 ${health.p99} ms${health.non2xx + health.unanswered ? `, ${health.non2xx} non-2xx, ${health.unanswered} unanswered` : ''}`);
  const target: Target = stream ? { stream } : { url: `/widget/${HOT}` };
  await cannon(service, target, o.connections, 2);
  stream?.reset();
  const run = await cannon(service, target, o.connections, o.seconds);
  const urls = stream ? stream.drawn() : null;
  const drained = await settle(service);
  const peakRssMb = service.peakRssMb();
  log(
    `   ${label}: ${count(Math.round(run.rps))} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${count(run.non2xx)} non-2xx${run.statuses ? ` (${run.statuses})` : ''}, ${count(run.unanswered)} unanswered (errors/timeouts); peak RSS ${peakRssMb} MB` +
      (urls ? `; ${count(urls.distinct)} distinct URLs in ${count(urls.requests)} drawn` : '') +
      `; the service answered /health/live at once again ${drained.toFixed(1)} s after the run`,
  );
  return { label, target: run, health, peakRssMb, urls };
}

/**
 * Waits until the service is idle again: the requests autocannon had in flight when it stopped
 * are still worked off (on SQLite each uncached render holds the event loop), and would
 * otherwise slow the next measure. Idle: three /health/live in a row answered within 20 ms.
 * Returns the seconds it took.
 */
async function settle(service: RunningService): Promise<number> {
  const started = performance.now();
  let quick = 0;
  while (quick < 3) {
    if (performance.now() - started > 120_000) throw new Error('the service was still busy 120 s after the run');
    const at = performance.now();
    await (await fetch(`${service.base}/health/live`)).arrayBuffer();
    quick = performance.now() - at < 20 ? quick + 1 : 0;
  }
  return (performance.now() - started) / 1000;
}

function printRows(rows: MixRow[], o: Options, setupRssMb: number): void {
  const header = ['measure', 'req/s', 'p99 ms', 'GET /health/live (same run)', 'ratio', 'non-2xx', 'unanswered (10 s timeout)', 'peak RSS after', 'distinct URLs requested'];
  const table = [
    header,
    ...rows.map((row) => [
      row.label,
      count(Math.round(row.target.rps)),
      String(row.target.p99),
      `${count(Math.round(row.health.rps))} req/s, p99 ${row.health.p99} ms`,
      ratioText(row.target.rps / row.health.rps),
      count(row.target.non2xx),
      count(row.target.unanswered),
      `${row.peakRssMb} MB`,
      row.urls ? `${count(row.urls.distinct)} of ${count(COMMUNES * VARIANTS)} (${count(row.urls.requests)} drawn)` : '1',
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  const right = new Set([1, 2, 4, 5, 6]);
  const line = (cells: string[]) => `| ${cells.map((cell, column) => (right.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
  log('');
  log(`widget-mix: ${o.connections} connections, ${o.seconds} s per measure after a 2 s burst; peak RSS (VmHWM, cumulative) after the setup ${setupRssMb} MB`);
  log(line(header));
  log(`|${widths.map((width, column) => (right.has(column) ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`);
  for (const cells of table.slice(1)) log(line(cells));
}

/** Two decimals, three below 0.1: a mix at 0.5 % of the trivial route is not "0.00". */
function ratioText(ratio: number): string {
  return ratio.toFixed(ratio < 0.1 ? 3 : 2);
}
