import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { checkRecord } from '../src/dossiers/dossier-record';
import { mapDossier } from '../src/interchange/dvcqg-dossier';
import { benchServer, buildService, busyShare, count, cpuSample, databasePids, log, machineInfo, numberOption, othersShare, printMarkdown, ROOT, Row } from './bench-kit';
import { DossierPair, SENDER_AGENCY, TreeUnit, dossierPairs, twinTrees } from './dvcqg-data';
import { KeepAliveSender } from './keep-alive';
import { Stream, dossierStream } from './province-data';
import { dropDatabase, recreateDatabase } from './province-load';
import { RunningService, startService } from './service';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const DATABASE = 'tthc_bench_dvcqg';
const DVCQG_PATH = '/api/v1/dvcqg';
const OURS_PATH = '/api/v1/dossiers';

interface Options {
  /** Dossiers per round and way, sent in batches of `batch`. */
  rows: number;
  batch: number;
  /** Connections the batches are sent over (the province bench's ingest uses 2). */
  clients: number;
  /** Dossiers per round and way, sent one a request. */
  singles: number;
  connections: number;
  rounds: number;
  /** A directory for the service's CPU profile (node --cpu-prof), or null. */
  profile: string | null;
  keep: boolean;
}

function options(args: string[]): Options {
  const value = (name: string, fallback: number) => numberOption(args, name, fallback);
  const profileAt = args.indexOf('--profile');
  return {
    rows: value('rows', 20_000),
    batch: value('batch', 2000),
    clients: value('clients', 2),
    singles: value('singles', 4000),
    connections: value('connections', 8),
    rounds: value('rounds', 5),
    profile: profileAt >= 0 ? (args[profileAt + 1] ?? 'data/profiles') : null,
    keep: args.includes('--keep'),
  };
}

type Way = 'dvcqg' | 'ours';
type Measure = 'batch' | 'resend' | 'single';

/** One way's run of one measure in one round. */
interface Timing {
  seconds: number;
  records: number;
  rate: number;
  /** When it ran, in µs of the monotonic clock a CPU profile's timestamps count in. */
  window: [number, number];
  /** Share of the machine's CPU that other processes took meanwhile (not the bench, the service or the database). */
  others: number;
}

/**
 * `npm run bench -- dvcqg [--rows N] [--batch B] [--clients C] [--singles N] [--connections C]
 * [--rounds R] [--profile DIR] [--keep]`: the same dossiers sent to a fresh service on
 * MySQL/MariaDB as DVCQG envelopes (`POST /api/v1/dvcqg`, DongBoHoSoMC) and as our records
 * (`POST /api/v1/dossiers`), in batches of 2,000 and one a request over 8 kept-alive
 * connections, and re-sent unchanged; rounds alternate which way goes first, and each way writes
 * its own unit tree of the same shape, so neither finds the other's rows. Ratios are DVCQG ÷ ours.
 * Defaults: 20,000 dossiers a round and way in batches, 4,000 one a request, 5 rounds (about
 * 3 minutes on 2 cores); figures vary by ±10 % from run to run, hence the rounds' medians.
 */
export async function dvcqgBench(args: string[]): Promise<void> {
  const started = Date.now();
  const o = options(args);
  const server = benchServer();
  const machine = await machineInfo(server);
  log(machine);
  const busyBefore = await busyShare(2000);
  log(`CPU busy before the start (other processes): ${Math.round(busyBefore * 100)} %${busyBefore > 0.2 ? ' — WARNING: the figures below share the machine' : ''}`);
  log('-- build (nest build)');
  await buildService();

  const url = await recreateDatabase(server, DATABASE);
  const env = { DATABASE_URL: url, DEMO_DATA: 'never', REPORTS_TICK_SECONDS: '0', PUBLIC_RATE_LIMIT: '0', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY };
  const flags = o.profile ? ['--cpu-prof', '--cpu-prof-dir', o.profile] : [];
  const stream = dossierStream(1_000_000, 100_000, new Date());
  const trees = twinTrees(stream.units);
  const sequences = new Map<string, number>();
  let service: RunningService | null = null;
  let batchSender: KeepAliveSender | null = null;
  let singleSender: KeepAliveSender | null = null;
  try {
    service = await startService(ROOT, env, flags);
    log(`-- units: two trees of ${trees.dvcqg.length} (1 province, 10 districts, 200 communes): d-… with agency codes for DVCQG, o-… for our API`);
    for (const unit of [...trees.dvcqg, ...trees.ours]) await createUnit(service, unit);
    batchSender = new KeepAliveSender(service.base, o.clients);
    singleSender = new KeepAliveSender(service.base, o.connections);
    const senders: Senders = { batch: batchSender, single: singleSender };
    const watched = [process.pid, service.pid, ...databasePids()];

    // In-process: what the DVCQG mapping costs beside the record check both ways share.
    const sample = dossierPairs(stream, 900_000_000, Math.min(o.rows, 10_000), new Map());
    const cost = mappingCost(sample, stream.now);
    log(`   in the bench process, ${count(sample.length)} dossiers: mapDossier ${cost.mapUs.toFixed(1)} µs, checkRecord ${cost.checkUs.toFixed(1)} µs a record; body ${cost.dvcqgBytes} B and JSON.parse ${cost.dvcqgParseUs.toFixed(1)} µs a record (ours ${cost.oursBytes} B, ${cost.oursParseUs.toFixed(1)} µs)`);

    // A warm-up of each way and size, not counted: the JIT and the pools are warm for both.
    log('-- warm-up (not counted)');
    const warm = bodiesOf(dossierPairs(stream, 800_000_000, Math.min(o.rows, 4 * o.batch), sequences), o.batch);
    const warmSingles = bodiesOf(dossierPairs(stream, 850_000_000, Math.min(o.singles, 400), sequences), 1);
    for (const way of ['dvcqg', 'ours'] as const) {
      await send(senders.batch, way, warm[way], 'created', watched);
      await send(senders.batch, way, warm[way], 'unchanged', watched);
      await send(senders.single, way, warmSingles[way], 'created', watched);
    }

    const { timings, others, steps } = await measureRounds(o, stream, senders, sequences, watched);
    const same = await storedAlike(url);
    log(`   stored: DVCQG tree ${count(same.dvcqg)} dossiers, our tree ${count(same.ours)}, the same in every compared column: ${count(same.alike)}; DVCQG supplement steps written: ${count(steps)}`);
    if (same.alike !== same.dvcqg || same.dvcqg !== same.ours) log('   WARNING: the two trees do not hold the same dossiers');
    await service.stop();
    service = null;
    if (o.profile) {
      // Which stretch of the profile is which measure: slice it by these to compare the ways.
      const windows = (['batch', 'resend', 'single'] as const).flatMap((measure) =>
        (['dvcqg', 'ours'] as const).flatMap((way) => timings[measure][way].map((timing, round) => ({ measure, way, round, from: timing.window[0], to: timing.window[1], records: timing.records }))),
      );
      mkdirSync(o.profile, { recursive: true });
      writeFileSync(join(o.profile, 'windows.json'), JSON.stringify(windows, null, 1));
      log(`   CPU profile of the service (node --cpu-prof) in ${o.profile}/, the measures' windows in ${o.profile}/windows.json`);
    }

    const rows = tableRows(o, timings, cost);
    const total = (Date.now() - started) / 1000;
    const busyAfter = await busyShare(2000);
    log('');
    log(`${machine}; CPU busy from other processes: ${Math.round(busyBefore * 100)} % before, ${Math.round(busyAfter * 100)} % after the run, during the measures ${Math.round(median(others) * 100)} % (median) to ${Math.round(Math.max(...others) * 100)} %${Math.max(...others) > 0.1 ? ' — WARNING: other processes shared the machine' : ''}`);
    log('');
    printMarkdown(rows);
    log('');
    log(`ratio: records/s of DVCQG ÷ records/s of POST /api/v1/dossiers with the same dossiers; the value is the median of ${o.rounds} rounds,`);
    log('the ratio the median of the rounds\' ratios (each round sends both ways back to back, alternating which goes first).');
    log(`dossiers: ${count(o.rows)} a round and way in batches of ${count(o.batch)} (${o.clients} connections), ${count(o.singles)} one a request (${o.connections} connections); total wall time ${Math.floor(total / 60)} min ${Math.round(total % 60)} s`);
  } finally {
    batchSender?.close();
    singleSender?.close();
    if (service) await (service as RunningService).stop();
    if (!o.keep) await dropDatabase(server, DATABASE);
  }
}

async function createUnit(service: RunningService, unit: TreeUnit): Promise<void> {
  const body = { code: unit.code, name: unit.name, level: unit.level, ...(unit.parentCode ? { parentCode: unit.parentCode } : {}), ...(unit.agencyCode ? { agencyCode: unit.agencyCode } : {}) };
  const response = await fetch(`${service.base}/api/v1/units`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /api/v1/units ${unit.code}: ${response.status} ${await response.text()}`);
}

type Senders = Record<'batch' | 'single', KeepAliveSender>;

/**
 * The measured rounds: each sends new dossiers in batches, the same again unchanged, then new
 * ones one a request, both ways back to back, the first way alternating from round to round.
 */
async function measureRounds(o: Options, stream: Stream, senders: Senders, sequences: Map<string, number>, watched: readonly number[]) {
  const timings: Record<Measure, Record<Way, Timing[]>> = { batch: { dvcqg: [], ours: [] }, resend: { dvcqg: [], ours: [] }, single: { dvcqg: [], ours: [] } };
  let steps = 0;
  const others: number[] = [];
  for (let round = 0; round < o.rounds; round++) {
    const order: Way[] = round % 2 === 0 ? ['dvcqg', 'ours'] : ['ours', 'dvcqg'];
    const batches = bodiesOf(dossierPairs(stream, 100_000_000 * (round + 1), o.rows, sequences), o.batch);
    const singles = bodiesOf(dossierPairs(stream, 100_000_000 * (round + 1) + 50_000_000, o.singles, sequences), 1);
    const line: string[] = [];
    for (const [measure, sender, bodies, expect] of [
      ['batch', senders.batch, batches, 'created'],
      ['resend', senders.batch, batches, 'unchanged'],
      ['single', senders.single, singles, 'created'],
    ] as const) {
      for (const way of order) {
        const timing = await send(sender, way, bodies[way], expect, watched);
        timings[measure][way].push(timing);
        steps += timing.steps;
        line.push(`${measure} ${way} ${count(Math.round(timing.rate))}/s`);
        others.push(timing.others);
      }
    }
    log(`   round ${round + 1} (${order[0]} first): ${line.join(', ')}; other processes took ${Math.round(Math.max(...others.slice(-6)) * 100)} % of the CPU at most`);
  }
  return { timings, others, steps };
}

interface Bodies {
  buffers: Buffer[];
  records: number;
}

/**
 * The request bodies of both ways: DVCQG envelopes (a batch names the sending province's code,
 * each MaHoSo its agency; one dossier alone is sent under its own agency's code, as a desk
 * system sends it) and our `{dossiers}` bodies of the same dossiers.
 */
function bodiesOf(pairs: DossierPair[], size: number): Record<Way, Bodies> {
  const bodies: Record<Way, Bodies> = { dvcqg: { buffers: [], records: pairs.length }, ours: { buffers: [], records: pairs.length } };
  for (let start = 0; start < pairs.length; start += size) {
    const chunk = pairs.slice(start, start + size);
    const madonvi = size === 1 ? chunk[0].agency : SENDER_AGENCY;
    bodies.dvcqg.buffers.push(Buffer.from(JSON.stringify({ session: ADMIN_KEY, madonvi, service: 'DongBoHoSoMC', isUpdating: 'False', data: chunk.map((pair) => pair.dvcqg) })));
    bodies.ours.buffers.push(Buffer.from(JSON.stringify({ dossiers: chunk.map((pair) => pair.ours) })));
  }
  return bodies;
}

/** Sends one way's bodies and checks that every record was `expect` (created, or unchanged on a re-send). */
async function send(sender: KeepAliveSender, way: Way, { buffers, records }: Bodies, expect: 'created' | 'unchanged', watched: readonly number[]): Promise<Timing & { steps: number }> {
  const tally = { received: 0, created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0, warnings: 0, steps: 0 };
  let firstProblem: string | null = null;
  const path = way === 'dvcqg' ? DVCQG_PATH : OURS_PATH;
  const headers: Record<string, string> = way === 'dvcqg' ? {} : { authorization: `Bearer ${ADMIN_KEY}` };
  // The event loop was busy building bodies: let it see the kept-alive sockets the service
  // closed meanwhile (idle past its keep-alive timeout), so none is reused after its close.
  await new Promise((pause) => setTimeout(pause, 100));
  const cpuBefore = cpuSample(watched);
  const at = performance.now();
  const from = monotonicUs();
  await sender.sendAll(path, buffers, headers, (status, body) => {
    const answer = (way === 'dvcqg' ? (body as { result?: unknown }).result : body) as Record<string, unknown> | undefined;
    if (status >= 300 || !answer || (way === 'dvcqg' && (body as { error_code: number }).error_code !== 0)) {
      throw new Error(`POST ${path}: ${status} ${JSON.stringify(body).slice(0, 500)}`);
    }
    for (const key of ['created', 'updated', 'unchanged', 'stale'] as const) tally[key] += Number(answer[key] ?? 0);
    tally.rejected += (answer.rejected as unknown[]).length;
    tally.warnings += ((answer.warnings as unknown[] | undefined) ?? []).length;
    tally.steps += Number((answer.steps as { created?: number } | undefined)?.created ?? 0);
    if (!firstProblem && (answer.rejected as unknown[]).length > 0) firstProblem = JSON.stringify((answer.rejected as unknown[])[0]);
  });
  const seconds = (performance.now() - at) / 1000;
  const window: [number, number] = [from, monotonicUs()];
  const others = othersShare(cpuBefore, cpuSample(watched));
  if (tally[expect] !== records || tally.rejected > 0 || tally.warnings > 0) {
    throw new Error(`${way}: expected ${records} ${expect}, got ${JSON.stringify(tally)}${firstProblem ? `; first refused: ${firstProblem}` : ''}`);
  }
  return { seconds, records, rate: records / seconds, window, others, steps: tally.steps };
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

interface MappingCost {
  mapUs: number;
  checkUs: number;
  /** JSON.parse of the request bodies, a record. */
  dvcqgParseUs: number;
  oursParseUs: number;
  dvcqgBytes: number;
  oursBytes: number;
}

/**
 * The steps of a request that differ between the ways, timed in this process (the fastest of 5
 * passes, so the JIT is warm as in a running service): parsing the body, the DVCQG mapping
 * (mapDossier) and the record check both ways run (checkRecord). And a check of the generator:
 * each DVCQG record, mapped, is our record.
 */
function mappingCost(pairs: DossierPair[], now: Date): MappingCost {
  const fastest = (work: () => void) => {
    let best = Infinity;
    for (let pass = 0; pass < 5; pass++) {
      const at = performance.now();
      work();
      best = Math.min(best, performance.now() - at);
    }
    return (best * 1000) / pairs.length;
  };
  const texts = { dvcqg: JSON.stringify(pairs.map((pair) => pair.dvcqg)), ours: JSON.stringify(pairs.map((pair) => pair.ours)) };
  const mapUs = fastest(() => pairs.forEach((pair) => mapDossier(pair.dvcqg, SENDER_AGENCY, now)));
  const checkUs = fastest(() => pairs.forEach((pair) => checkRecord(pair.ours, now)));
  const dvcqgParseUs = fastest(() => JSON.parse(texts.dvcqg));
  const oursParseUs = fastest(() => JSON.parse(texts.ours));
  for (const pair of pairs) {
    const item = mapDossier(pair.dvcqg, SENDER_AGENCY, now);
    const ours = checkRecord(pair.ours, now);
    if (item.kind !== 'record' || !ours.ok) throw new Error(`generated dossier ${String(pair.ours.code)} does not map or check: ${JSON.stringify(item.kind === 'record' ? ours : item)}`);
    const theirs = checkRecord({ ...item.record, unitCode: pair.ours.unitCode }, now);
    if (!theirs.ok || theirs.record.contentHash !== ours.record.contentHash) {
      throw new Error(`generated dossier ${String(pair.ours.code)}: the DVCQG record maps to another record than ours:\n${JSON.stringify(theirs)}\n${JSON.stringify(ours.record)}`);
    }
  }
  return {
    mapUs,
    checkUs,
    dvcqgParseUs,
    oursParseUs,
    dvcqgBytes: Math.round(texts.dvcqg.length / pairs.length),
    oursBytes: Math.round(texts.ours.length / pairs.length),
  };
}

/** Every dossier of the `d-` tree beside its twin of the `o-` tree, column by column. */
async function storedAlike(url: string): Promise<{ dvcqg: number; ours: number; alike: number }> {
  const columns = [
    'procedureCode', 'procedureName', 'field', 'channel', 'status', 'receivedAt', 'dueAt', 'dueOn', 'dueAtComputed', 'resolvedAt', 'extendedDueAt',
    'withdrawnAt', 'returnedAt', 'electronicResult', 'digitized', 'resultDigitized', 'reusedData', 'citizenRepository', 'vneidVerified', 'feeAmount',
    'paidOnline', 'complaint', 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness',
  ];
  const connection = await createConnection({ uri: url });
  try {
    const [rows] = await connection.query(
      `SELECT (SELECT COUNT(*) FROM dossiers x JOIN units ux ON ux.id = x.unitId WHERE ux.code LIKE 'd-%') AS dvcqg,
              (SELECT COUNT(*) FROM dossiers x JOIN units ux ON ux.id = x.unitId WHERE ux.code LIKE 'o-%') AS ours,
              (SELECT COUNT(*) FROM dossiers d JOIN units ud ON ud.id = d.unitId AND ud.code LIKE 'd-%'
                 JOIN units uo ON uo.code = CONCAT('o-', SUBSTRING(ud.code, 3))
                 JOIN dossiers o ON o.unitId = uo.id AND o.code = d.code
                WHERE ${columns.map((column) => `d.${column} <=> o.${column}`).join(' AND ')}) AS alike`,
    );
    const row = (rows as Record<string, number>[])[0];
    return { dvcqg: Number(row.dvcqg), ours: Number(row.ours), alike: Number(row.alike) };
  } finally {
    await connection.end();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function tableRows(o: Options, timings: Record<Measure, Record<Way, Timing[]>>, cost: MappingCost): Row[] {
  const labels: Record<Measure, string> = {
    batch: `ingest, batches of ${count(o.batch)} spanning all 211 units (${o.clients} connections)`,
    resend: `re-send, batches of ${count(o.batch)}, every dossier unchanged (${o.clients} connections)`,
    single: `ingest, one dossier a request (${o.connections} kept-alive connections)`,
  };
  const rows: Row[] = [];
  for (const measure of ['batch', 'single', 'resend'] as const) {
    const { dvcqg, ours } = timings[measure];
    const ratio = median(dvcqg.map((timing, round) => timing.rate / ours[round].rate));
    const rates = (list: Timing[]) => list.map((timing) => count(Math.round(timing.rate))).join(' / ');
    rows.push({
      measure: `DVCQG ${labels[measure]}`,
      value: `${count(Math.round(median(dvcqg.map((t) => t.rate))))} records/s (rounds: ${rates(dvcqg)}; ${count(dvcqg[0].records)} each)`,
      baseline: `POST /api/v1/dossiers, same dossiers: ${count(Math.round(median(ours.map((t) => t.rate))))} records/s (${rates(ours)})`,
      ratio,
      target: '≥ 0.80',
      met: ratio >= 0.8,
    });
  }
  rows.push({
    measure: 'DVCQG mapping (mapDossier), in the bench process',
    value: `${cost.mapUs.toFixed(1)} µs a record; its body: ${count(cost.dvcqgBytes)} B, JSON.parse ${cost.dvcqgParseUs.toFixed(1)} µs a record`,
    baseline: `checkRecord (both ways): ${cost.checkUs.toFixed(1)} µs; our body: ${count(cost.oursBytes)} B, ${cost.oursParseUs.toFixed(1)} µs`,
    ratio: cost.mapUs / cost.checkUs,
    target: '—',
    met: null,
  });
  return rows;
}
