import { createConnection } from 'mysql2/promise';
import { join } from 'node:path';
import { FigureCounts, DossierFacts, addCounts, countDossiers, zeroCounts } from '../src/stats/figures';
import { scorecardOf } from '../src/index766/indicators';
import { benchServer, buildService, busyShare, count, cpuSample, databasePids, log, machineInfo, ms, numberOption, othersShare, phaseClock, printMarkdown, ROOT, Row, runQuiet } from './bench-kit';
import { scorecardRows } from './index766-data';
import { PROVINCE_CODE, Stream, dossierStream, twoLevelProvince } from './province-data';
import { dropDatabase, loadDossiers, recreateDatabase, unitIdsByCode } from './province-load';
import { RunningService, startService } from './service';
import { factsOfStoredRow } from '../test/support/stored-facts';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
/** The command line as users run it (`npm run cli`: compiled, with its heap cap). */
const CLI = (require('../package.json') as { scripts: { cli: string } }).scripts.cli
  .split(' ')
  .slice(1)
  .map((part) => (part.endsWith('.js') ? join(ROOT, part) : part));

interface Options {
  dossiers: number;
  sample: number;
  communes: number;
  rounds: number;
  warmup: number;
  check: boolean;
  keep: boolean;
  /** Measure the databases an earlier --keep run left instead of building them. */
  reuse: boolean;
}

function options(args: string[]): Options {
  const value = (name: string, fallback: number) => numberOption(args, name, fallback);
  const dossiers = value('dossiers', 2_000_000);
  const sample = value('sample', dossiers / 10);
  if (!Number.isInteger(dossiers / sample)) throw new Error('--dossiers must be a multiple of --sample');
  return {
    dossiers,
    sample,
    communes: value('communes', 100),
    rounds: value('rounds', 30),
    warmup: value('warmup', 3),
    check: !args.includes('--no-check'),
    keep: args.includes('--keep'),
    reuse: args.includes('--reuse'),
  };
}

/** One of the two databases: the same province, with `dossiers` of the stream's first ones. */
interface Size {
  label: string;
  database: string;
  dossiers: number;
  url: string;
  service: RunningService | null;
}

interface Endpoint {
  name: string;
  label: string;
  path: string;
}

/**
 * `npm run bench -- index766 [--dossiers N] [--sample N] [--communes C] [--rounds R]
 * [--warmup W] [--no-check] [--keep] [--reuse]`: the Decision 766 scorecard of a province of the 2025
 * shape (C communes straight under it, default 100) and its ranking of the communes, for a past
 * month and for the current one (open dossiers judged now), from two databases standing side by
 * side: one with the stream's first N/10 dossiers (default 200,000), one with all N (2,000,000),
 * each served by its own service as `npm start` runs it. Requests one at a time, interleaved
 * (every endpoint at both sizes in each round, the sizes' order alternating), after a warm-up;
 * the ratio is p50 at N ÷ p50 at N/10. At the end the answers are checked against the
 * dossier-by-dossier definition (countDossiers) over every dossier of each database.
 * `--keep` leaves the two databases (bench766_sample, bench766_full); `--reuse` measures them
 * again without building them (and leaves them too).
 */
export async function index766Bench(args: string[]): Promise<void> {
  const started = Date.now();
  const o = options(args);
  const server = benchServer();
  const { phases, phase } = phaseClock(true);

  const machine = await machineInfo(server);
  log(machine);
  const busyBefore = await busyShare(2000);
  log(`CPU busy before the start (other processes): ${Math.round(busyBefore * 100)} %${busyBefore > 0.2 ? ' — WARNING: the figures below share the machine' : ''}`);
  await phase('build (nest build)', buildService);

  const stream = dossierStream(o.dossiers, o.sample, new Date(), twoLevelProvince(o.communes));
  const small: Size = { label: count(o.sample), database: 'bench766_sample', dossiers: o.sample, url: '', service: null };
  const large: Size = { label: count(o.dossiers), database: 'bench766_full', dossiers: o.dossiers, url: '', service: null };
  const sizes = [small, large];
  const envOf = (size: Size) => ({ DATABASE_URL: size.url, DEMO_DATA: 'never', REPORTS_TICK_SECONDS: '0', PUBLIC_RATE_LIMIT: '0', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
  try {
    let built: Built | null = null;
    if (o.reuse) {
      for (const size of sizes) {
        size.url = `${server}/${size.database}`;
        const stored = await dossierCount(size.url);
        if (stored !== size.dossiers) throw new Error(`--reuse: ${size.database} holds ${count(stored)} dossiers, not ${count(size.dossiers)} (build it with --keep first)`);
      }
      log(`reusing ${small.database} and ${large.database} as an earlier --keep run built them (their rollups as it rebuilt them)`);
    } else built = await buildDatabases(server, stream, sizes, envOf, phase);
    const unitIds = await unitIdsByCode(small.url);
    const largeIds = await unitIdsByCode(large.url);
    if ([...unitIds].some(([code, id]) => largeIds.get(code) !== id)) throw new Error('the two databases gave the units different ids');
    for (const size of sizes) log(`${size.label}: ${await datasetFacts(size.url, stream.today)}`);

    // The endpoints: last month (closed: rollups only) and this month (open dossiers judged now).
    const lastMonth = previousMonth(stream.today);
    const thisMonth = stream.today.slice(0, 7);
    const endpoints: Endpoint[] = [
      { name: 'card-past', label: `scorecard ${lastMonth}`, path: `/api/v1/units/${PROVINCE_CODE}/index766?period=${lastMonth}` },
      { name: 'rank-past', label: `ranking ${lastMonth}`, path: `/api/v1/units/${PROVINCE_CODE}/index766/ranking?period=${lastMonth}` },
      { name: 'card-now', label: `scorecard ${thisMonth} (judged now)`, path: `/api/v1/units/${PROVINCE_CODE}/index766?period=${thisMonth}` },
      { name: 'rank-now', label: `ranking ${thisMonth} (judged now)`, path: `/api/v1/units/${PROVINCE_CODE}/index766/ranking?period=${thisMonth}` },
    ];
    for (const size of sizes) size.service = await startService(ROOT, envOf(size));
    const watched = [process.pid, ...sizes.map((size) => size.service!.pid), ...databasePids()];
    const { times, others } = await phase(`measure: ${o.warmup} warm-up and ${o.rounds} measured rounds of ${endpoints.length} endpoints × 2 sizes, one request at a time`, () =>
      measureRounds(sizes, endpoints, o.rounds, o.warmup, watched),
    );
    const checks = o.check
      ? await phase('check: the answers against countDossiers over every dossier of each database', async () => {
          const lines: string[] = [];
          for (const size of sizes) lines.push(...(await checkAnswers(size, unitIds, lastMonth, thisMonth)));
          return lines;
        })
      : ['(not checked: --no-check)'];
    for (const size of sizes) await size.service!.stop();

    // The table.
    const table: Row[] = [];
    for (const endpoint of endpoints) {
      const a = percentiles(times.get(`${endpoint.name}:${small.label}`)!);
      const b = percentiles(times.get(`${endpoint.name}:${large.label}`)!);
      const ratio = b.p50 / a.p50;
      table.push({
        measure: `${endpoint.label}, the province + ${o.communes} communes: p50 / p95 ms`,
        value: `${large.label}: ${ms(b.p50)} / ${ms(b.p95)}`,
        baseline: `${small.label}: ${ms(a.p50)} / ${ms(a.p95)}`,
        ratio,
        target: 'flat: ≤ 1.5; p50 ≤ 100 ms',
        met: ratio <= 1.5 && b.p50 <= 100,
      });
    }
    if (built) {
      table.push({
        measure: `raw load, ${small.label} then ${count(o.dossiers - o.sample)} more (dossiers and their steps)`,
        value: `${count(Math.round(built.loadLarge.rate))} rows/s (${built.loadLarge.seconds.toFixed(0)} s)`,
        baseline: `first ${small.label}: ${count(Math.round(built.loadSmall.rate))} rows/s`,
        ratio: built.loadLarge.rate / built.loadSmall.rate,
        target: '—',
        met: null,
      });
      table.push({
        measure: `rollups rebuild (npm run cli -- rollups rebuild), ${large.label}`,
        value: `${built.rebuilds[1].toFixed(1)} s`,
        baseline: `${small.label}: ${built.rebuilds[0].toFixed(1)} s`,
        ratio: built.rebuilds[1] / built.rebuilds[0],
        target: '—',
        met: null,
      });
    }
    const total = (Date.now() - started) / 1000;
    log('');
    log('phases: ' + phases.map(([name, seconds]) => `${name.replace(/ \(.*\)$/, '').replace(/:.*$/, '')} ${seconds.toFixed(0)} s`).join('; '));
    log('');
    log(`${machine}; CPU taken by other processes: ${Math.round(busyBefore * 100)} % before the run, ${Math.round(median(others) * 100)} % (median of the rounds; max ${Math.round(Math.max(...others) * 100)} %) while measuring`);
    if (median(others) > 0.2) log('WARNING: other processes took much of the CPU while measuring: the ratios are side by side, the absolute times are slower than on a quiet machine');
    log('');
    printMarkdown(table);
    log('');
    for (const line of checks) log(line);
    log('');
    log(`ratio = p50 at ${large.label} ÷ p50 at ${small.label}, requests interleaved (${o.rounds} rounds after ${o.warmup} warm-up); total wall time ${Math.floor(total / 60)} min ${Math.round(total % 60)} s`);
  } finally {
    for (const size of sizes) if (size.service) await size.service.stop();
    if (!o.keep && !o.reuse) for (const size of sizes) await dropDatabase(server, size.database);
  }
}

// ---------------------------------------------------------------------------------------------
// Load

interface Built {
  loadSmall: { seconds: number; rate: number };
  loadLarge: { seconds: number; rate: number };
  /** Seconds, the small database's then the large one's. */
  rebuilds: number[];
}

/**
 * Both databases from nothing: the service's schema and units, the sample's dossiers loaded
 * once and copied, the rest loaded into the large one, then each database's rollups rebuilt by
 * the service's own command.
 */
async function buildDatabases(
  server: string,
  stream: Stream,
  sizes: Size[],
  envOf: (size: Size) => Record<string, string>,
  phase: <T>(name: string, work: () => Promise<T>) => Promise<T>,
): Promise<Built> {
  const [small, large] = sizes;
  for (const size of sizes) size.url = await recreateDatabase(server, size.database);
  await phase(`schema (the service runs its migrations) and ${stream.units.length} units (POST /api/v1/units), both databases`, async () => {
    for (const size of sizes) {
      const service = await startService(ROOT, envOf(size));
      try {
        for (const unit of stream.units) await post(service, '/api/v1/units', { code: unit.code, name: unit.name, level: unit.level, ...(unit.parentCode ? { parentCode: unit.parentCode } : {}) });
      } finally {
        await service.stop();
      }
    }
  });
  const unitIds = await unitIdsByCode(small.url);
  log(`units: 1 province, ${stream.units.length - 1} communes under it; dossiers received ${stream.firstDay} … ${stream.today}`);
  const rows = scorecardRows(stream, unitIds);
  const loadSmall = await phase(`raw load: ${small.label} dossiers with their supplement steps into ${small.database}`, () => timedLoad(small.url, stream, 0, small.dossiers, unitIds, rows));
  await phase(`copy of those rows into ${large.database}`, () => copyRows(server, small.database, large.database));
  const loadLarge = await phase(`raw load: ${count(large.dossiers - small.dossiers)} more into ${large.database} (${large.label} in all)`, () =>
    timedLoad(large.url, stream, small.dossiers, large.dossiers, unitIds, rows),
  );
  const rebuilds: number[] = [];
  for (const size of sizes) rebuilds.push(await phase(`rollups rebuild (npm run cli -- rollups rebuild), ${size.label}`, () => rebuildRollups(size.url)));
  return { loadSmall, loadLarge, rebuilds };
}

async function dossierCount(url: string): Promise<number> {
  const connection = await createConnection({ uri: url });
  try {
    const [[row]] = (await connection.query('SELECT COUNT(*) AS n FROM dossiers')) as unknown as [{ n: number }[]];
    return Number(row.n);
  } finally {
    await connection.end();
  }
}

async function timedLoad(url: string, stream: Stream, from: number, to: number, unitIds: Map<string, number>, rows: ReturnType<typeof scorecardRows>): Promise<{ seconds: number; rate: number }> {
  const at = Date.now();
  let last = at;
  await loadDossiers(
    url,
    stream,
    from,
    to,
    unitIds,
    (done) => {
      if (Date.now() - last < 15_000) return;
      last = Date.now();
      log(`   ${count(done)} / ${count(to - from)} (${count(Math.round(done / ((last - at) / 1000)))} rows/s)`);
    },
    rows,
  );
  const seconds = (Date.now() - at) / 1000;
  log(`   ${count(to - from)} dossiers in ${seconds.toFixed(1)} s`);
  return { seconds, rate: (to - from) / seconds };
}

/** The sample's rows are the full set's first ones: copied on the server rather than generated twice. */
async function copyRows(server: string, from: string, into: string): Promise<void> {
  const connection = await createConnection({ uri: server });
  try {
    for (const table of ['dossiers', 'dossier_events']) await connection.query(`INSERT INTO \`${into}\`.${table} SELECT * FROM \`${from}\`.${table}`);
  } finally {
    await connection.end();
  }
}

/** `npm run cli -- rollups rebuild`: the service's own recount of every rollup row from the dossiers. */
async function rebuildRollups(url: string): Promise<number> {
  const at = Date.now();
  const result = await runQuiet(process.execPath, [...CLI, 'rollups', 'rebuild'], { DATABASE_URL: url });
  if (result.code !== 0) throw new Error(`rollups rebuild failed (${result.code}):\n${result.output}`);
  log(`   ${result.output.trim().split('\n').pop()}`);
  return Number(/in ([\d.]+) s/.exec(result.output)?.[1] ?? (Date.now() - at) / 1000);
}

async function datasetFacts(url: string, today: string): Promise<string> {
  const connection = await createConnection({ uri: url });
  try {
    const [statuses] = await connection.query('SELECT status, COUNT(*) AS n, SUM(supplementAt IS NOT NULL) AS asked, SUM(supplementAgainAt IS NOT NULL) AS twice FROM dossiers GROUP BY status ORDER BY n DESC');
    const [[facts]] = (await connection.query(
      'SELECT SUM(supplementDueMoved) AS moved, SUM(electronicResult) AS electronic, SUM(digitized) AS digitized, SUM(paidOnline IS NOT NULL) AS paid, SUM(complaint) AS complaints FROM dossiers',
    )) as unknown as [Record<string, unknown>[]];
    const [[steps]] = (await connection.query('SELECT COUNT(*) AS n FROM dossier_events')) as unknown as [Record<string, unknown>[]];
    const [size] = await connection.query(
      "SELECT table_name AS name, ROUND(SUM(data_length + index_length) / 1048576) AS mb FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('dossiers', 'dossier_month_counts', 'dossier_day_counts') GROUP BY table_name",
    );
    const byStatus = (statuses as { status: string; n: number; asked: number; twice: number }[])
      .map((row) => `${row.status} ${count(Number(row.n))} (${count(Number(row.asked))} asked for papers${Number(row.twice) ? `, ${count(Number(row.twice))} twice` : ''})`)
      .join(', ');
    const sizes = (size as { name: string; mb: number }[]).map((row) => `${row.name} ${row.mb} MB`).join(', ');
    return `${byStatus}; due moved for a round ${count(Number(facts.moved))}, electronic results ${count(Number(facts.electronic))}, digitised ${count(Number(facts.digitized))}, paid online ${count(Number(facts.paid))}, complaints ${count(Number(facts.complaints))}; ${count(Number(steps.n))} steps; ${sizes} (today ${today})`;
  } finally {
    await connection.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Measure

async function measureRounds(sizes: Size[], endpoints: Endpoint[], rounds: number, warmup: number, watched: number[]): Promise<{ times: Map<string, number[]>; others: number[] }> {
  const times = new Map<string, number[]>();
  const others: number[] = [];
  for (let round = -warmup; round < rounds; round++) {
    const before = cpuSample(watched);
    // Every endpoint at both sizes, back to back; which size goes first alternates.
    const order = round % 2 === 0 ? sizes : [...sizes].reverse();
    for (const endpoint of endpoints) {
      for (const size of order) {
        const ms = await timeRequest(size.service!, endpoint.path);
        if (round < 0) continue;
        const key = `${endpoint.name}:${size.label}`;
        const list = times.get(key);
        if (list) list.push(ms);
        else times.set(key, [ms]);
      }
    }
    if (round >= 0) others.push(othersShare(before, cpuSample(watched)));
  }
  for (const endpoint of endpoints) {
    log(
      `   ${endpoint.label}: ` +
        sizes
          .map((size) => {
            const p = percentiles(times.get(`${endpoint.name}:${size.label}`)!);
            return `${size.label} p50 ${ms(p.p50)} ms, p95 ${ms(p.p95)} ms`;
          })
          .join('; '),
    );
  }
  return { times, others };
}

async function timeRequest(service: RunningService, path: string): Promise<number> {
  const at = performance.now();
  const response = await fetch(service.base + path);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return performance.now() - at;
}

function percentiles(times: number[]): { n: number; p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: rank(0.5), p95: rank(0.95) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
}

// ---------------------------------------------------------------------------------------------
// Check

interface CardAnswer {
  judgedAt: string;
  points: number | null;
  groups: { indicators: { id: string; numerator: number | null; denominator: number | null; points: number | null }[] }[];
}

interface RankingAnswer {
  judgedAt: string;
  units: { unit: { code: string }; points: number | null }[];
}

/**
 * The scorecard and the ranking of both months, against scorecardOf(countDossiers(…)) over every
 * dossier of the database read back (unit by unit, judged at the answer's own moment): the
 * rollups the rebuild made give what the definition gives.
 */
async function checkAnswers(size: Size, unitIds: Map<string, number>, lastMonth: string, thisMonth: string): Promise<string[]> {
  const service = size.service!;
  const get = async <T>(path: string) => (await (await fetch(service.base + path)).json()) as T;
  const periodOf = (month: string) => ({ from: `${month}-01`, to: lastDayOf(month) });
  const asks: { label: string; month: string; card: CardAnswer; ranking: RankingAnswer }[] = [];
  for (const month of [lastMonth, thisMonth]) {
    const card = await get<CardAnswer>(`/api/v1/units/${PROVINCE_CODE}/index766?period=${month}`);
    const ranking = await get<RankingAnswer>(`/api/v1/units/${PROVINCE_CODE}/index766/ranking?period=${month}`);
    asks.push({ label: month, month, card, ranking });
  }
  // Per ask and unit, the counts by the definition (the card and the ranking each at their own moment).
  const judged = asks.flatMap((ask) => [
    { period: periodOf(ask.month), at: new Date(ask.card.judgedAt) },
    { period: periodOf(ask.month), at: new Date(ask.ranking.judgedAt) },
  ]);
  const byUnit = judged.map(() => new Map<number, FigureCounts>());
  const connection = await createConnection({ uri: size.url, timezone: 'Z' });
  try {
    for (let lastId = 0; ; ) {
      const [rows] = (await connection.query(
        'SELECT id, unitId, status, channel, receivedAt, dueAt, resolvedAt, withdrawnAt, supplementAt, supplementDoneAt, supplementAgainAt, supplementDueMoved, ' +
          'electronicResult, digitized, resultDigitized, reusedData, citizenRepository, vneidVerified, feeAmount, paidOnline, complaint FROM dossiers WHERE id > ? ORDER BY id LIMIT 50000',
        [lastId],
      )) as unknown as [Record<string, unknown>[]];
      if (rows.length === 0) break;
      lastId = Number(rows[rows.length - 1].id);
      const chunk = new Map<number, DossierFacts[]>();
      for (const row of rows) {
        const unitId = Number(row.unitId);
        const list = chunk.get(unitId);
        if (list) list.push(factsOfStoredRow(row));
        else chunk.set(unitId, [factsOfStoredRow(row)]);
      }
      judged.forEach(({ period, at }, k) => {
        for (const [unitId, facts] of chunk) {
          const counts = countDossiers(facts, period, at);
          const into = byUnit[k].get(unitId);
          byUnit[k].set(unitId, into ? addCounts(into, counts) : counts);
        }
      });
    }
  } finally {
    await connection.end();
  }
  const codeOf = new Map([...unitIds].map(([code, id]) => [id, code]));
  const lines: string[] = [];
  asks.forEach((ask, k) => {
    const problems: string[] = [];
    const total = [...byUnit[2 * k].values()].reduce((sum, counts) => addCounts(sum, counts), zeroCounts());
    const expected = scorecardOf(total);
    if (expected.points !== ask.card.points) problems.push(`points ${ask.card.points} (definition: ${expected.points})`);
    const indicators = new Map(ask.card.groups.flatMap((group) => group.indicators).map((indicator) => [indicator.id, indicator]));
    for (const indicator of expected.groups.flatMap((group) => group.indicators)) {
      const got = indicators.get(indicator.id);
      if (!got || got.numerator !== indicator.numerator || got.denominator !== indicator.denominator || got.points !== indicator.points) {
        problems.push(`${indicator.id} ${got?.numerator}/${got?.denominator} ${got?.points} (definition: ${indicator.numerator}/${indicator.denominator} ${indicator.points})`);
      }
    }
    const unitPoints = new Map([...byUnit[2 * k + 1]].map(([unitId, counts]) => [codeOf.get(unitId)!, scorecardOf(counts).points]));
    for (const row of ask.ranking.units) {
      const want = unitPoints.get(row.unit.code) ?? null;
      if (want !== row.points) problems.push(`ranking ${row.unit.code}: ${row.points} (definition: ${want})`);
    }
    const p21 = expected.groups[1].indicators[0];
    lines.push(
      `check ${size.label}, ${ask.label}: ${problems.length === 0 ? 'the same as the definition' : `${problems.length} DIFFERENCES: ${problems.slice(0, 5).join('; ')}`} ` +
        `(points ${ask.card.points}; 2.1 ${p21.numerator}/${p21.denominator}; ${ask.ranking.units.length} communes ranked; judged at ${ask.card.judgedAt})`,
    );
  });
  if (lines.some((line) => line.includes('DIFFERENCES'))) throw new Error(lines.join('\n'));
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Helpers

async function post(service: RunningService, path: string, body: unknown): Promise<void> {
  const response = await fetch(service.base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
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
