import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { benchServer, buildService, busyShare, count, log, machineInfo, ms, numberOption, phaseClock, printMarkdown, ROOT, Row, run, runQuiet } from './bench-kit';
import { compareImport } from './import-bench';
import { PROVINCE_CODE, Stream, dossierStream, rowOf } from './province-data';
import { dropDatabase, loadDossiers, rawUpsert, recreateDatabase, unitIdsByCode } from './province-load';
import { RunningService, startService } from './service';

const TS_NODE = [require.resolve('ts-node/dist/bin.js'), '--transpile-only', '--project', join(ROOT, 'tsconfig.json')];
/** The command line as users run it (`npm run cli`: compiled, with its heap cap). */
const CLI = (require('../package.json') as { scripts: { cli: string } }).scripts.cli
  .split(' ')
  .slice(1)
  .map((part) => (part.endsWith('.js') ? join(ROOT, part) : part));
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const DATABASE = 'tthc_bench';
const COMMUNE = 'tn-h03-x05';
/** The first commune of district 1, which absorbs the second on 1 July (twoLevelAct). */
const MERGED = 'tn-h01-x01';
const DISTRICT = 'tn-h03';

interface Options {
  dossiers: number;
  sample: number;
  ingest: number;
  importRows: number;
  widgetSeconds: number;
  connections: number;
  statsRequests: number;
  keep: boolean;
}

function options(args: string[]): Options {
  const value = (name: string, fallback: number) => numberOption(args, name, fallback);
  const dossiers = value('dossiers', 2_000_000);
  const sample = value('sample', dossiers / 10);
  if (!Number.isInteger(dossiers / sample)) throw new Error('--dossiers must be a multiple of --sample');
  return {
    dossiers,
    sample,
    ingest: value('ingest', 100_000),
    importRows: value('import-rows', 200_000),
    widgetSeconds: value('widget-seconds', 10),
    connections: value('connections', 50),
    statsRequests: value('stats-requests', 40),
    keep: args.includes('--keep'),
  };
}

interface Percentiles {
  n: number;
  p50: number;
  p99: number;
}

/**
 * `npm run bench` (or `npm run bench -- province [--dossiers N] [--sample N] [--ingest N]
 * [--import-rows N] [--widget-seconds S] [--connections C] [--stats-requests N] [--keep]`):
 * a province of 10 districts and 200 communes with 2 M dossiers over three years, loaded into
 * MySQL/MariaDB, measured through the built service; one table of figures, each beside a
 * baseline measured in the same run.
 */
export async function provinceBench(args: string[]): Promise<void> {
  const started = Date.now();
  const o = options(args);
  const server = benchServer();
  const rows: Row[] = [];
  const { phases, phase } = phaseClock();

  const machine = await machineInfo(server);
  log(machine);
  const busyBefore = await busyShare(2000);
  log(`CPU busy before the start (other processes): ${Math.round(busyBefore * 100)} %${busyBefore > 0.2 ? ' — WARNING: the figures below share the machine' : ''}`);

  await phase('build (nest build)', buildService);

  const url = await recreateDatabase(server, DATABASE);
  const env = { DATABASE_URL: url, DEMO_DATA: 'never', REPORTS_TICK_SECONDS: '0', PUBLIC_RATE_LIMIT: '0', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY };
  const now = new Date();
  const stream = dossierStream(o.dossiers, o.sample, now);
  const ytd = { from: `${stream.today.slice(0, 4)}-01-01`, to: stream.today };
  let service: RunningService | null = null;
  try {
    await phase('schema (the service runs its migrations) and units (POST /api/v1/units)', async () => {
      service = await startService(ROOT, env);
      for (const unit of stream.units) {
        await post(service, '/api/v1/units', { code: unit.code, name: unit.name, level: unit.level, ...(unit.parentCode ? { parentCode: unit.parentCode } : {}) });
      }
      // The shape of 2025: on 1 July of this year the districts are abolished, their communes
      // stand under the province, and in each district the first commune absorbs the second.
      await post(service, '/api/v1/reorganizations', twoLevelAct(stream.units, reformDay(stream.today)));
      await service.stop();
      service = null;
    });
    const unitIds = await unitIdsByCode(url);
    log(`units: ${unitIds.size} (1 province, ${stream.units.filter((u) => u.level === 'district').length} districts, ${stream.units.filter((u) => u.level === 'commune').length} communes); dossiers received ${stream.firstDay} … ${stream.today}`);

    // Stage 1: the first tenth of the stream, the same province over the same days.
    const load1 = await phase(`raw load: ${count(o.sample)} dossiers`, () => timedLoad(url, stream, 0, o.sample, unitIds));
    const rebuild1 = await phase('rollups rebuild', () => rebuildRollups(url));
    const stats1 = await phase(`stats at ${count(o.sample)} (uncached, through the API)`, async () => {
      service = await startService(ROOT, env);
      const result = await measureStats(service, ytd, o.statsRequests);
      await service.stop();
      service = null;
      return result;
    });

    // Stage 2: the rest of the stream.
    const load2 = await phase(`raw load: ${count(o.dossiers - o.sample)} more dossiers (${count(o.dossiers)} in all)`, () =>
      timedLoad(url, stream, o.sample, o.dossiers, unitIds),
    );
    const rebuild2 = await phase('rollups rebuild', () => rebuildRollups(url));
    log(await datasetFacts(url));

    service = await startService(ROOT, env);
    const running: RunningService = service;
    const idleRssMb = readRss(running.pid);
    const { results: widget, trivialPeakRssMb } = await phase(`widget under autocannon (${o.connections} connections, ${o.widgetSeconds} s each)`, () =>
      measureWidget(running, o.widgetSeconds, o.connections),
    );
    const peakRssMb = running.peakRssMb();
    const stats2 = await phase(`stats at ${count(o.dossiers)} (uncached, through the API)`, () => measureStats(running, ytd, o.statsRequests));
    const lastMonth = previousMonth(stream.today);
    const provinceMonth = await timeRequest(running, `/api/v1/units/${PROVINCE_CODE}/stats?from=${lastMonth}-01&to=${lastDayOf(lastMonth)}&includeChildren=true&groupBy=unit`);
    const report = await phase(`report ${lastMonth} of the province (build + e-mail + XLSX, 3 runs)`, async () =>
      JSON.parse(await run(process.execPath, [...TS_NODE, join(__dirname, 'report-timing.ts'), PROVINCE_CODE, lastMonth, '3'], { DATABASE_URL: url, REPORTS_TICK_SECONDS: '0' })) as ReportTiming,
    );
    const ingest = await phase(`ingest ${count(o.ingest)} dossiers: JSON API against raw upsert`, () => measureIngest(running, url, stream, unitIds, o.ingest));
    await running.stop();
    service = null;
    const cli = await phase(`CLI import of ${count(o.importRows)} export rows against the raw baseline`, () => compareImport(o.importRows, { quiet: true }));

    // The table.
    const trivial = widget.find((w) => w.name === 'trivial')!;
    for (const w of widget) {
      if (w.name === 'trivial') continue;
      const ratio = w.rps / trivial.rps;
      const gated = w.gated;
      rows.push({
        measure: w.label,
        value: `${count(Math.round(w.rps))} req/s, p99 ${w.p99} ms${w.bad ? ` (${count(w.bad)} unexpected answers!)` : ''}`,
        baseline: `GET /health/live: ${count(Math.round(trivial.rps))} req/s, p99 ${trivial.p99} ms`,
        ratio,
        target: gated ? '≥ 0.80' : '—',
        met: gated ? ratio >= 0.8 && w.bad === 0 : null,
      });
    }
    for (const scope of STATS_SCOPES) {
      const a = stats1.get(scope.name)!;
      const b = stats2.get(scope.name)!;
      const ratio = b.p50 / a.p50;
      rows.push({
        measure: `stats YTD, ${scope.label}: p50 / p99 ms`,
        value: `${count(o.dossiers)}: ${ms(b.p50)} / ${ms(b.p99)} (n=${b.n})`,
        baseline: `${count(o.sample)}: ${ms(a.p50)} / ${ms(a.p99)} (n=${a.n})`,
        ratio,
        target: 'flat: ≤ 1.5',
        met: ratio <= 1.5,
      });
    }
    rows.push({
      measure: 'ingest, JSON API, batches spanning all 211 units (a provincial system)',
      value: `${count(Math.round(ingest.api.rate))} rows/s (${count(ingest.rows)} in ${ingest.api.seconds.toFixed(1)} s)`,
      baseline: `raw mysql2 upsert: ${count(Math.round(ingest.raw.rate))} rows/s`,
      ratio: ingest.api.rate / ingest.raw.rate,
      target: '≥ 0.60',
      met: ingest.api.rate / ingest.raw.rate >= 0.6 && ingest.rejected === 0,
    });
    rows.push({
      measure: 'ingest, JSON API, one unit per request (as a desk system sends)',
      value: `${count(Math.round(ingest.apiByUnit.rate))} rows/s (${count(ingest.rows)} in ${ingest.apiByUnit.seconds.toFixed(1)} s)`,
      baseline: `raw mysql2 upsert: ${count(Math.round(ingest.raw.rate))} rows/s`,
      ratio: ingest.apiByUnit.rate / ingest.raw.rate,
      target: '—',
      met: null,
    });
    const cliRate = cli.app.rows / cli.app.seconds;
    const cliRaw = cli.raw.rows / cli.raw.seconds;
    rows.push({
      measure: 'ingest, CLI import (npm run cli -- import)',
      value: `${count(Math.round(cliRate))} rows/s (${count(cli.app.rows)} rows, peak RSS ${cli.app.peakRssMb} MB)`,
      baseline: `raw csv-parse + mysql2 upsert: ${count(Math.round(cliRaw))} rows/s`,
      ratio: cliRate / cliRaw,
      target: '≥ 0.60',
      met: cliRate / cliRaw >= 0.6,
    });
    const best = Math.min(...report.runs.map((r) => r.total));
    const bestRun = report.runs.find((r) => r.total === best)!;
    rows.push({
      measure: `monthly report ${lastMonth}, province + ${stream.units.length - 1} units below (build + e-mail + XLSX)`,
      value: `${best.toFixed(2)} s best of ${report.runs.length} (cold ${report.runs[0].total.toFixed(2)} s; figures ${bestRun.build.toFixed(2)} s, render ${bestRun.render.toFixed(2)} s)`,
      baseline: `one stats API call, same period, by unit: ${ms(provinceMonth)} ms`,
      ratio: best / 3,
      target: '≤ 3 s',
      met: best <= 3,
    });
    rows.push({
      measure: 'peak RSS of the service (VmHWM) after the widget load',
      value: `${peakRssMb} MB`,
      baseline: `same process after the trivial route's load: ${trivialPeakRssMb} MB (idle after start: ${idleRssMb} MB)`,
      ratio: peakRssMb / 300,
      target: '≤ 300 MB',
      met: peakRssMb <= 300,
    });
    rows.push({
      measure: `raw load, ${count(o.sample)} then ${count(o.dossiers - o.sample)} dossiers`,
      value: `${count(Math.round(load2.rate))} rows/s (${load2.seconds.toFixed(0)} s)`,
      baseline: `first ${count(o.sample)}: ${count(Math.round(load1.rate))} rows/s`,
      ratio: load2.rate / load1.rate,
      target: '—',
      met: null,
    });
    rows.push({
      measure: `rollups rebuild after the raw load, at ${count(o.dossiers)}`,
      value: rebuild2.note ?? `${rebuild2.seconds.toFixed(1)} s (command ${rebuild2.wall.toFixed(1)} s)`,
      baseline: rebuild1.note ?? `at ${count(o.sample)}: ${rebuild1.seconds.toFixed(1)} s`,
      ratio: rebuild2.note || rebuild1.note ? null : rebuild2.seconds / rebuild1.seconds,
      target: '—',
      met: null,
    });

    const total = (Date.now() - started) / 1000;
    const busyAfter = await busyShare(2000);
    log('');
    log('phases: ' + phases.map(([name, seconds]) => `${name.replace(/ \(.*\)$/, '')} ${seconds.toFixed(0)} s`).join('; '));
    log('');
    log(`${machine}; CPU busy from other processes: ${Math.round(busyBefore * 100)} % before, ${Math.round(busyAfter * 100)} % after the run`);
    log('');
    printMarkdown(rows);
    log('');
    log('ratio: widget = req/s ÷ the trivial route of the same app; stats = p50 at the full set ÷ p50 at the tenth;');
    log('ingest = rows/s ÷ raw mysql2 rows/s; report and RSS = value ÷ target (report: best of 3 runs, the cold one shown too).');
    log(`dossiers: ${count(o.dossiers)} (stage 1: ${count(o.sample)}); period YTD = ${ytd.from} … ${ytd.to}; total wall time ${Math.floor(total / 60)} min ${Math.round(total % 60)} s`);
  } finally {
    if (service) await (service as RunningService).stop();
    if (!o.keep) await dropDatabase(server, DATABASE);
  }
}

// ---------------------------------------------------------------------------------------------
// Load and rollups

async function timedLoad(url: string, stream: Stream, from: number, to: number, unitIds: Map<string, number>): Promise<{ seconds: number; rate: number }> {
  const at = Date.now();
  let last = at;
  await loadDossiers(url, stream, from, to, unitIds, (done) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    log(`   ${count(done)} / ${count(to - from)} (${count(Math.round(done / ((last - at) / 1000)))} rows/s)`);
  });
  const seconds = (Date.now() - at) / 1000;
  log(`   ${count(to - from)} rows in ${seconds.toFixed(1)} s`);
  return { seconds, rate: (to - from) / seconds };
}

/**
 * `npm run cli -- rollups rebuild`: the figures' rollup rows are kept by the service's writes,
 * so rows loaded with SQL need them recounted. An older build without the command says so.
 */
async function rebuildRollups(url: string): Promise<{ seconds: number; wall: number; note?: string }> {
  const at = Date.now();
  const result = await runQuiet(process.execPath, [...CLI, 'rollups', 'rebuild'], { DATABASE_URL: url });
  const wall = (Date.now() - at) / 1000;
  if (result.code !== 0) {
    if (/usage/i.test(result.output)) {
      log('   (no "rollups rebuild" command in this build: figures are read from the dossiers)');
      return { seconds: wall, wall, note: 'no rollups rebuild command' };
    }
    throw new Error(`rollups rebuild failed (${result.code}):\n${result.output}`);
  }
  const seconds = Number(/in ([\d.]+) s/.exec(result.output)?.[1] ?? wall);
  log(`   ${result.output.trim().split('\n').pop()} (command with start-up: ${wall.toFixed(1)} s)`);
  return { seconds, wall };
}

async function datasetFacts(url: string): Promise<string> {
  const connection = await createConnection({ uri: url });
  try {
    const [statuses] = await connection.query('SELECT status, COUNT(*) AS n FROM dossiers GROUP BY status ORDER BY n DESC');
    const [size] = await connection.query(
      "SELECT ROUND(SUM(data_length + index_length) / 1048576) AS mb FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'dossiers'",
    );
    const byStatus = (statuses as { status: string; n: number }[]).map((row) => `${row.status} ${count(Number(row.n))}`).join(', ');
    return `dossiers: ${byStatus}; table + indexes ${(size as { mb: number }[])[0].mb} MB`;
  } finally {
    await connection.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Stats

const STATS_SCOPES = [
  { name: 'commune', label: `a commune (${COMMUNE})`, code: COMMUNE, includeChildren: false },
  // Across the merge of 1 July: the commune that carries its neighbour's history counts both.
  { name: 'merged', label: `a commune across a merge, with its predecessor (${MERGED})`, code: MERGED, includeChildren: false },
  { name: 'district', label: `a district + its 20 communes (${DISTRICT})`, code: DISTRICT, includeChildren: true },
  { name: 'province', label: `the province + 210 units (${PROVINCE_CODE})`, code: PROVINCE_CODE, includeChildren: true },
  // Rows by field (the detail page, a report by field) come from the rollups kept per field and
  // channel: larger than the totals' rollups, and measured for that.
  { name: 'province-by-field', label: `the province, rows by field (${PROVINCE_CODE})`, code: PROVINCE_CODE, includeChildren: true, groupBy: 'field' },
] as const;

/**
 * Year to date for a commune, a district with its communes and the province with every unit,
 * one request at a time through the public API (which has no cache): after 3 warm-ups, up to
 * `n` requests or 40 s per scope.
 */
async function measureStats(service: RunningService, ytd: { from: string; to: string }, n: number): Promise<Map<string, Percentiles>> {
  const results = new Map<string, Percentiles>();
  for (const scope of STATS_SCOPES) {
    const path = `/api/v1/units/${scope.code}/stats?from=${ytd.from}&to=${ytd.to}&includeChildren=${scope.includeChildren}${'groupBy' in scope ? `&groupBy=${scope.groupBy}` : ''}`;
    const first = (await (await fetch(service.base + path)).json()) as { settled: { total: number }; open: { total: number }; received: { total: number } };
    for (let k = 0; k < 2; k++) await timeRequest(service, path);
    const times: number[] = [];
    const until = Date.now() + 40_000;
    while (times.length < n && Date.now() < until) times.push(await timeRequest(service, path));
    const p = percentiles(times);
    results.set(scope.name, p);
    log(`   ${scope.label}: received ${count(first.received.total)}, settled ${count(first.settled.total)}, open ${count(first.open.total)}; p50 ${ms(p.p50)} ms, p99 ${ms(p.p99)} ms (n=${p.n})`);
  }
  return results;
}

async function timeRequest(service: RunningService, path: string): Promise<number> {
  const at = performance.now();
  const response = await fetch(service.base + path);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return performance.now() - at;
}

function percentiles(times: number[]): Percentiles {
  const sorted = [...times].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: rank(0.5), p99: rank(0.99) };
}

// ---------------------------------------------------------------------------------------------
// Widget

interface WidgetResult {
  name: string;
  label: string;
  rps: number;
  p99: number;
  /** Answers other than the expected status. */
  bad: number;
  /** Has the ≥ 0.8 target. */
  gated: boolean;
}

/**
 * Cached widget answers under load on loopback, beside the cheapest route of the same app.
 * Each target gets a 2 s burst before its run (the cache lives 30 s); full `200`
 * bodies are measured (no If-None-Match), and the `304` a browser's revalidation gets, apart.
 */
async function measureWidget(service: RunningService, seconds: number, connections: number): Promise<{ results: WidgetResult[]; trivialPeakRssMb: number }> {
  const etag = (await fetch(`${service.base}/widget/${PROVINCE_CODE}`)).headers.get('etag') ?? '';
  const targets: { name: string; label: string; path: string; status: number; headers: Record<string, string>; gated: boolean }[] = [
    { name: 'trivial', label: 'GET /health/live', path: '/health/live', status: 200, headers: {}, gated: false },
    { name: 'html', label: `widget HTML, province (cached, 200)`, path: `/widget/${PROVINCE_CODE}`, status: 200, headers: {}, gated: true },
    { name: 'json', label: `widget JSON, province (cached, 200)`, path: `/widget/${PROVINCE_CODE}.json`, status: 200, headers: {}, gated: true },
    { name: 'commune', label: `widget HTML, commune (cached, 200)`, path: `/widget/${COMMUNE}`, status: 200, headers: {}, gated: true },
    { name: '304', label: 'widget HTML, province, If-None-Match (304)', path: `/widget/${PROVINCE_CODE}`, status: 304, headers: { 'if-none-match': etag }, gated: false },
  ];
  const results: WidgetResult[] = [];
  let trivialPeakRssMb = 0;
  for (const target of targets) {
    // A short burst first, so the JIT and the pools are warm for this target too.
    await autocannon({ url: service.base + target.path, connections, duration: 2, headers: target.headers });
    const result = await autocannon({ url: service.base + target.path, connections, duration: seconds, headers: target.headers });
    const expected = target.status === 200 ? result['2xx'] : result['3xx'];
    const bad = result.requests.total - expected + result.errors + result.timeouts;
    results.push({ name: target.name, label: target.label, rps: result.requests.average, p99: result.latency.p99, bad, gated: target.gated });
    log(`   ${target.label}: ${count(Math.round(result.requests.average))} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${bad ? `, ${bad} unexpected` : ''}`);
    if (target.name === 'trivial') trivialPeakRssMb = service.peakRssMb();
  }
  log(`   peak RSS (VmHWM): ${trivialPeakRssMb} MB after the trivial route's load, ${service.peakRssMb()} MB after the widget's`);
  return { results, trivialPeakRssMb };
}

// ---------------------------------------------------------------------------------------------
// Ingest

interface IngestResult {
  rows: number;
  rejected: number;
  api: { seconds: number; rate: number };
  /** The same records sent unit by unit (each request one unit's dossiers), as a desk system would. */
  apiByUnit: { seconds: number; rate: number };
  raw: { seconds: number; rate: number };
}

const INGEST_BATCH = 2000;
const INGEST_CLIENTS = 2;

/**
 * The same N recent dossiers (received over the last 30 days, as a desk system sends them)
 * written twice into the loaded province, under two code prefixes so both are new rows: by
 * plain mysql2 multi-row upserts of the rows already derived (the baseline), and through
 * POST /api/v1/dossiers in batches of 2,000 from two clients. Request bodies are serialised
 * before the clock starts, as the raw rows are derived before theirs.
 */
async function measureIngest(service: RunningService, url: string, stream: Stream, unitIds: Map<string, number>, n: number): Promise<IngestResult> {
  // Recent records, sent for the units that stand today: a district's desk became the
  // province's, an absorbed commune's the one that absorbed it (their own late updates aside).
  const standing = todaysUnits(stream.units);
  const records = Array.from({ length: n }, (_, j) => stream.recent(50_000_000, j, n, 30)).map((record): Record<string, string> => ({ ...record, unitCode: standing.get(record.unitCode) ?? record.unitCode }));
  const rawBatches: unknown[][][] = [];
  const bodies: string[] = [];
  for (let start = 0; start < n; start += INGEST_BATCH) {
    const batch = records.slice(start, start + INGEST_BATCH);
    rawBatches.push(batch.map((record) => rowOf({ ...record, code: `RAW-${record.code}` }, unitIds.get(record.unitCode)!, stream.now)));
    bodies.push(JSON.stringify({ dossiers: batch.map((record) => ({ ...record, code: `API-${record.code}` })) }));
  }
  // The same records again, one unit's dossiers per request (at most 2,000): writers of
  // different units do not wait for each other's unit locks.
  const byUnitBodies: string[] = [];
  const groups = new Map<string, typeof records>();
  for (const record of records) {
    const group = groups.get(record.unitCode);
    if (group) group.push(record);
    else groups.set(record.unitCode, [record]);
  }
  for (const group of groups.values()) {
    for (let start = 0; start < group.length; start += INGEST_BATCH) {
      byUnitBodies.push(JSON.stringify({ dossiers: group.slice(start, start + INGEST_BATCH).map((record) => ({ ...record, code: `APU-${record.code}` })) }));
    }
  }

  let at = performance.now();
  await rawUpsert(url, rawBatches, INGEST_CLIENTS);
  const rawSeconds = (performance.now() - at) / 1000;
  log(`   raw mysql2 upsert: ${count(n)} rows in ${rawSeconds.toFixed(1)} s`);

  let created = 0;
  let rejected = 0;
  let next = 0;
  let sending = bodies;
  at = performance.now();
  const client = async () => {
    while (next < sending.length) {
      const body = sending[next++];
      const response = await fetch(`${service.base}/api/v1/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        body,
      });
      const answer = (await response.json()) as { created: number; rejected: unknown[] };
      if (!response.ok) throw new Error(`POST /api/v1/dossiers: ${response.status} ${JSON.stringify(answer).slice(0, 500)}`);
      created += answer.created;
      rejected += answer.rejected.length;
    }
  };
  await Promise.all(Array.from({ length: INGEST_CLIENTS }, client));
  const apiSeconds = (performance.now() - at) / 1000;
  log(`   JSON API: ${count(n)} records in ${apiSeconds.toFixed(1)} s (created ${count(created)}, rejected ${count(rejected)})`);

  sending = byUnitBodies;
  next = 0;
  created = 0;
  at = performance.now();
  await Promise.all(Array.from({ length: INGEST_CLIENTS }, client));
  const byUnitSeconds = (performance.now() - at) / 1000;
  log(`   JSON API, one unit per request: ${count(n)} records in ${byUnitSeconds.toFixed(1)} s (${byUnitBodies.length} requests, created ${count(created)}, rejected ${count(rejected)})`);
  return {
    rows: n,
    rejected,
    api: { seconds: apiSeconds, rate: n / apiSeconds },
    apiByUnit: { seconds: byUnitSeconds, rate: n / byUnitSeconds },
    raw: { seconds: rawSeconds, rate: n / rawSeconds },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface ReportTiming {
  runs: { build: number; render: number; total: number }[];
  rows: number;
  settled: number;
}

async function post(service: RunningService, path: string, body: unknown): Promise<void> {
  const response = await fetch(service.base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
}

function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024);
}

function previousMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * The act of the two-level reform for the bench's province, on `effectiveOn`: every district
 * retired, its communes moved under the province, and in each district the commune ending in
 * x01 absorbing the one ending in x02 (which retires; x01 carries its history).
 */
function twoLevelAct(units: readonly { code: string; level: string; parentCode: string | null }[], effectiveOn: string) {
  const changes: Record<string, unknown>[] = [];
  for (const district of units.filter((unit) => unit.level === 'district')) {
    const communes = units.filter((unit) => unit.parentCode === district.code).map((unit) => unit.code);
    const [first, second] = communes;
    for (const commune of communes) if (commune !== second) changes.push({ op: 'move', code: commune, parentCode: PROVINCE_CODE });
    changes.push({ op: 'merge', from: [first, second], into: first });
    changes.push({ op: 'retire', code: district.code });
  }
  return { effectiveOn, reference: 'Nghị quyết sắp xếp (bench)', changes };
}

/** 1 July of this year, or the first of this month before July: an act may not take effect after today. */
function reformDay(today: string): string {
  const july = `${today.slice(0, 4)}-07-01`;
  return today >= july ? july : `${today.slice(0, 7)}-01`;
}

/** Where the units twoLevelAct retires send their new dossiers: the province, or the commune that absorbed them. */
function todaysUnits(units: readonly { code: string; level: string; parentCode: string | null }[]): Map<string, string> {
  const standing = new Map<string, string>();
  for (const district of units.filter((unit) => unit.level === 'district')) {
    standing.set(district.code, PROVINCE_CODE);
    const [first, second] = units.filter((unit) => unit.parentCode === district.code).map((unit) => unit.code);
    standing.set(second, first);
  }
  return standing;
}

