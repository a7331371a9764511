import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatCount } from '../common/locale';
import { parseIntegerParam } from '../common/query-params';
import { validateEnvironment } from '../config/configuration';
import { reportFailure } from './failure';
import { countLines, readLines } from './jsonl-lines';
import { Progress } from './progress';
import { readEnvelopeLine } from './replay-envelope';
import { EnvelopeSender, endpointOf, httpSender } from './replay-http';
import { ReplayStopped, ReplayTask, runInFileOrder } from './replay-schedule';
import { LineOutcome, REFUSED_SHOWN, RefusalsFile, ReplayTally } from './replay-tally';
import { usage } from './usage';

/** Envelopes in flight `--concurrency` may ask for. */
const CONCURRENCY = { min: 1, max: 16 };
/** The service answers a larger body 413 (its JSON limit, setup-app.ts): such a line is refused unread. */
const MAX_LINE_BYTES = 10 * 1024 * 1024;
/** Lines read ahead of the oldest unanswered one, per envelope in flight, and their size at most. */
const READ_AHEAD_PER_SENDER = 8;
const READ_AHEAD_BYTES = 32 * 1024 * 1024;

interface ReplayRequest {
  file: string;
  /** --url: a running service; otherwise the database, as the admin or as `unit`'s key. */
  base: URL | null;
  key: string | null;
  unit: string | undefined;
  concurrency: number;
  from: number;
  errorsPath: string | undefined;
}

/** Where the envelopes go, as the summary names it, and the sender. */
interface Target {
  name: string;
  send: EnvelopeSender;
}

/**
 * `npm run cli -- dvcqg replay FILE.jsonl`: a file of captured DVCQG envelopes, one a line, sent
 * again in file order — to a running service (--url) or straight to the database the service
 * uses — so a province can load its history through the same path its live stream takes.
 */
export async function replayFile(args: string[]): Promise<number> {
  const request = readRequest(args);
  if (typeof request === 'number') return request;
  try {
    if (request.base) {
      return await replay(request, { name: endpointOf(request.base).href, send: httpSender({ base: request.base, key: request.key! }) });
    }
    return await replayIntoDatabase(request);
  } catch (error) {
    return reportFailure(error);
  }
}

/** Without --url: the service's DvcqgService on the database the service uses (DATABASE_URL, else the embedded file). */
async function replayIntoDatabase(request: ReplayRequest): Promise<number> {
  validateEnvironment(process.env);
  const { openCliContext } = await import('./cli.module');
  const { databaseSender } = await import('./replay-database');
  const { DvcqgService } = await import('../interchange/dvcqg.service');
  const { UnitsService } = await import('../units/units.service');
  const { ConfigService } = await import('@nestjs/config');
  const { DataSource } = await import('typeorm');
  const { isSqlite } = await import('../database/sql');
  const app = await openCliContext('replay');
  try {
    // The command line is the operator's own: the admin, unless --unit asks to act as that unit's key would.
    const unit = request.unit ? await app.get(UnitsService).getByCode(request.unit) : null;
    const caller = unit ? { keyId: 0, role: 'unit' as const, unit } : { keyId: 0, role: 'admin' as const, unit: null };
    const waitMs = (app.get(ConfigService).get<number>('IMPORT_DB_WAIT_SECONDS') ?? 300) * 1000;
    const name = `cơ sở dữ liệu / the database, ${unit ? `as unit ${unit.code}` : 'as admin'}`;
    if (request.concurrency > 1 && isSqlite(app.get(DataSource).manager)) {
      // better-sqlite3 is one synchronous writer: envelopes started together in one process would
      // open their transactions into each other, and gain nothing if they did not.
      process.stderr.write('--concurrency: the embedded SQLite writes one envelope at a time\n');
      request = { ...request, concurrency: 1 };
    }
    return await replay(request, { name, send: databaseSender(app.get(DvcqgService), caller, waitMs) });
  } finally {
    await app.close();
  }
}

/** The command's arguments, or the exit code when they cannot be run. */
function readRequest(args: string[]): ReplayRequest | number {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    return reportFailure(error);
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1) return usage();
  const refuse = (why: string) => (process.stderr.write(`${why}\n`), 2);
  if (values['dry-run']) {
    return refuse('--dry-run: a replay has none — what a line does depends on what the lines before it wrote; replay into a copy of the database to try a file');
  }
  if (!existsSync(file)) return refuse(`Không tìm thấy tệp / file not found: ${file}`);
  if (values.errors !== undefined && resolve(values.errors) === resolve(file)) return refuse('--errors: a file other than the one replayed (it would be overwritten)');
  const base = values.url === undefined ? null : baseUrlOf(values.url);
  if (typeof base === 'string') return refuse(base);
  const key = values.key ?? process.env.TTHC_API_KEY ?? null;
  if (base && !key) return refuse('--url needs the key envelopes are sent with: TTHC_API_KEY=… (or --key KEY)');
  if (!base && values.key !== undefined) return refuse('--key goes with --url; straight to the database the command acts as the admin, or as --unit CODE');
  if (base && values.unit !== undefined) return refuse('--unit is for the database mode; with --url the key decides which units may be written');
  try {
    // Read as every number in a URL is: `Number` would take 1e21, -1 and "abc" (NaN).
    const concurrency = parseIntegerParam(values.concurrency, '--concurrency', { ...CONCURRENCY, fallback: 1 });
    const from = parseIntegerParam(values.from, '--from', { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 1 });
    return { file, base, key, unit: values.unit, concurrency, from, errorsPath: values.errors };
  } catch (error) {
    return reportFailure(error);
  }
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      unit: { type: 'string' },
      concurrency: { type: 'string' },
      from: { type: 'string' },
      errors: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
}

/** The service's address, or why it is not one. */
function baseUrlOf(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `--url: ${JSON.stringify(text)} is not an address (e.g. https://tthc.example.gov.vn)`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '--url: must be http:// or https://';
  if (url.username || url.password) return '--url: put no user or password in the address; the key goes in TTHC_API_KEY';
  if (url.search || url.hash) return '--url: the service\'s address only, without ?… or #…';
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    process.stderr.write('Cảnh báo / warning: http:// sends the key unencrypted; use https:// beyond this machine\n');
  }
  return url;
}

/** Runs the replay with a progress display, then prints the summary; answers the exit code. */
async function replay(request: ReplayRequest, target: Target): Promise<number> {
  const errors = request.errorsPath ? new RefusalsFile(request.errorsPath) : null;
  const tally = new ReplayTally();
  const progress = new Progress(basename(request.file), Math.max(0, (await countLines(request.file)) - (request.from - 1)));
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort();
  // Ctrl-C stops sending and waits for the answers in flight, so the summary can say where to go on; a second one ends at once.
  process.once('SIGINT', onInterrupt);
  const started = Date.now();
  let stopped: ReplayStopped | null = null;
  try {
    await runInFileOrder(tasksOf(request, target.send), {
      concurrency: request.concurrency,
      window: request.concurrency * READ_AHEAD_PER_SENDER,
      maxWeight: READ_AHEAD_BYTES,
      signal: interrupt.signal,
      settled: (line, outcome) => {
        const refused = tally.add(line, outcome);
        errors?.write(refused);
        progress.update(tally.lines, tally.refused);
      },
    });
  } catch (error) {
    if (!(error instanceof ReplayStopped)) throw error;
    stopped = error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    progress.stop(tally.lines, tally.refused);
    errors?.close();
  }
  const lines = [`Đã phát lại / replayed: ${basename(request.file)} → ${target.name}`, ...tally.summary((Date.now() - started) / 1000)];
  if (tally.refused > tally.firstRefused.length) {
    lines.push(`  … ${formatCount(tally.refused - REFUSED_SHOWN, 'vi')} more${request.errorsPath ? '' : ' (--errors FILE.csv to list them all)'}`);
  }
  if (errors) lines.push(`  refused records written to ${errors.path}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (stopped) return reportFailure(stopped.reason, `Dừng ở dòng ${stopped.resumeLine} / stopped at line ${stopped.resumeLine} (every line before it is done; go on with --from ${stopped.resumeLine}): `);
  return tally.refused > 0 ? 1 : 0;
}

/** The file's lines from `--from` on, each as the work of sending it (or the refusal it already is). */
async function* tasksOf(request: ReplayRequest, send: EnvelopeSender): AsyncGenerator<ReplayTask<LineOutcome>> {
  for await (const fileLine of readLines(request.file, MAX_LINE_BYTES)) {
    if (fileLine.number < request.from) continue;
    const item = readEnvelopeLine(fileLine);
    if (item.kind === 'envelope') {
      const { body, codes } = item;
      yield { line: item.line, keys: codes, weight: item.bytes, run: async () => ({ kind: 'answer', answer: await send(body), codes }) };
    } else {
      const outcome: LineOutcome = item.kind === 'refused' ? { kind: 'refused', reason: item.reason, codes: item.codes } : { kind: item.kind };
      yield { line: item.line, keys: [], weight: 0, run: async () => outcome };
    }
  }
}
