import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { replayFile } from '../src/cli/replay-command';
import { AGENCY, APPLICANT, dayOfTraffic, envelope, vn } from './factories/dvcqg.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';

const UNITS = [
  { code: 'tinh', name: 'Tỉnh Thử', level: 'province' },
  { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'tinh', agencyCode: AGENCY },
  { code: 'xa-b', name: 'Xã B', level: 'commune', parentCode: 'tinh' },
];
/** The command line writes with the real clock: the apps it is compared with run on the same day. */
const NOW = new Date().toISOString();
const code = (n: number) => `${AGENCY}-250610-${String(n).padStart(4, '0')}`;
const record = (n: number, extra: Record<string, unknown> = {}) => ({
  MaHoSo: code(n), TrangThaiHoSo: 2, NgayTiepNhan: vn(10, '08:00:00'), NgayHenTra: vn(12, '17:00:00'), ...APPLICANT, ...extra,
});

/** What a province captured: the day's envelopes, one a line, each with the session of the system it came from. */
function capturedTraffic(): { sends: Record<string, unknown>[]; file: string; brokenLine: number; refusedLine: number } {
  const sends = dayOfTraffic().map((body) => ({ ...(body as object), session: 'session-of-the-provincial-system' }) as Record<string, unknown>);
  // One record refused for its time, its sibling stored: the line is named with the refused MaHoSo.
  sends.splice(6, 0, envelope('DongBoHoSoMC', [record(8), record(9, { NgayTiepNhan: '10/06/2025 08:00' })]));
  const lines = sends.map((body) => JSON.stringify(body));
  // A line cut by a crash, with the applicant's name where JSON.parse's message would quote it.
  lines.splice(3, 0, `{"madonvi":"${AGENCY}","service":"DongBoHoSoMC","data":[{"ChuHoSo":${APPLICANT.ChuHoSo}`);
  lines.splice(9, 0, '', JSON.stringify(envelope('TraCuuHoSo', [{ MaHoSo: code(1) }])));
  const refusedLine = lines.findIndex((line) => line.includes(code(9))) + 1;
  return { sends, file: `${lines.join('\r\n')}\n\n`, brokenLine: 4, refusedLine };
}

/** The command as it runs piped (not on a terminal), in this process, with `env` on top of this one's. */
async function replay(args: string[], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  const written = { stdout: [] as string[], stderr: [] as string[] };
  Object.assign(process.env, { DEMO_DATA: 'never' }, env);
  const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
  const capture = (stream: 'stdout' | 'stderr') =>
    jest.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => (written[stream].push(String(chunk)), true));
  const spies = [capture('stdout'), capture('stderr')];
  try {
    const code = await replayFile(args);
    return { code, stdout: written.stdout.join(''), stderr: written.stderr.join('') };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
    if (tty) Object.defineProperty(process.stdout, 'isTTY', tty);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** A count of the summary, by its English words. */
function figure(output: string, label: string): number {
  const found = new RegExp(`${label}:\\s+([\\d.]+)`).exec(output);
  if (!found) throw new Error(`no "${label}" in the summary:\n${output}`);
  return Number(found[1].replace(/\./g, ''));
}

type Answer = { error_code: number; result: Record<string, unknown> & { rejected: unknown[]; steps?: Record<string, number> } };

/** The service's answers to the envelopes posted one by one, summed as the summary sums them. */
function summed(answers: Answer[]) {
  const sum = { 'dossiers created': 0, 'dossiers updated': 0, 'dossiers unchanged': 0, 'dossiers stale': 0, 'not yet received': 0, 'steps created': 0, 'steps updated': 0, 'steps unchanged': 0, 'steps before dossier': 0, 'records refused': 0 };
  const n = (value: unknown) => Number(value ?? 0);
  for (const { result } of answers) {
    sum['records refused'] += result.rejected.length;
    if ('skipped' in result) {
      sum['dossiers created'] += n(result.created);
      sum['dossiers updated'] += n(result.updated);
      sum['dossiers unchanged'] += n(result.unchanged);
      sum['dossiers stale'] += n(result.stale);
      sum['not yet received'] += n(result.skipped);
      for (const key of ['created', 'updated', 'unchanged'] as const) sum[`steps ${key}`] += n(result.steps?.[key]);
    } else {
      for (const key of ['created', 'updated', 'unchanged'] as const) sum[`steps ${key}`] += n(result[key]);
      sum['steps before dossier'] += n(result.waitingForDossier);
    }
  }
  return sum;
}

const summaryOf = (output: string, labels: string[]) => Object.fromEntries(labels.map((label) => [label, figure(output, label)]));

/** Everything stored from the envelopes, but the stored rows' own ids and write times. */
async function stored(app: TestApp) {
  const db = app.app.get(DataSource);
  const plain = (rows: Record<string, unknown>[], leave: RegExp) =>
    rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !leave.test(key)).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value === null ? null : String(value)])));
  return {
    dossiers: plain(await db.query('SELECT u.code AS unit, d.* FROM dossiers d JOIN units u ON u.id = d.unitId ORDER BY d.code'), /^(id|unitId|createdAt|updatedAt)$/),
    steps: plain(await db.query('SELECT u.code AS unit, e.* FROM dossier_events e JOIN units u ON u.id = e.unitId ORDER BY e.dossierCode, e.at, e.statusCode'), /^(id|unitId|createdAt|updatedAt)$/),
    days: plain(await db.query('SELECT u.code AS unit, c.* FROM dossier_day_counts c JOIN units u ON u.id = c.unitId ORDER BY u.code, c.day'), /^unitId$/),
  };
}

async function startWithUnits(kind: 'mysql' | 'sqlite', label: string): Promise<TestApp> {
  const app = await startTestApp(kind, label, { now: NOW });
  for (const unit of UNITS) await app.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
  return app;
}

describeEachDatabase('dvcqg replay: a province\'s history from a file of envelopes', (kind) => {
  const traffic = capturedTraffic();
  let reference: TestApp;
  let sut: TestApp;
  let url: string;
  let dir: string;
  const answers: Answer[] = [];
  const path = () => join(dir, 'captured.jsonl');
  const viaHttp = (...args: string[]) => replay([path(), '--url', url, ...args], { TTHC_API_KEY: ADMIN_KEY });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tthc-replay-'));
    writeFileSync(path(), traffic.file);
    reference = await startWithUnits(kind, 'replay-ref');
    for (const body of traffic.sends) {
      const response = await reference.http.post('/api/v1/dvcqg').send({ ...body, session: ADMIN_KEY }).expect(200);
      answers.push(response.body);
    }
    sut = await startWithUnits(kind, 'replay-url');
    await sut.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}/`;
  }, 180_000);
  afterAll(async () => {
    await reference?.close();
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays the file to a running service: the same rows as the envelopes posted one by one, their answers summed', async () => {
    const errorsCsv = join(dir, 'refused.csv');
    const result = await viaHttp('--errors', errorsCsv);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(await stored(sut)).toEqual(await stored(reference));
    const expected = summed(answers);
    expect(summaryOf(result.stdout, Object.keys(expected))).toEqual(expected);
    expect(summaryOf(result.stdout, ['lines read', 'envelopes sent', 'lookups not replayed', 'lines refused'])).toEqual({
      'lines read': traffic.file.split('\n').length - 1, 'envelopes sent': traffic.sends.length, 'lookups not replayed': 1, 'lines refused': 1,
    });
    expect(result.stdout).toContain(`dòng ${traffic.brokenLine}: the line is not JSON\n`);
    expect(result.stdout).toContain(`dòng ${traffic.refusedLine} (${code(9)}): NgayTiepNhan: "10/06/2025 08:00" is not a time`);
    const csv: string[][] = parse(readFileSync(errorsCsv, 'utf8'), { bom: true });
    expect(csv).toEqual([
      ['Dòng', 'Bản ghi', 'Mã hồ sơ', 'Lỗi'],
      [String(traffic.brokenLine), '', '', 'the line is not JSON'],
      [String(traffic.refusedLine), '2', code(9), expect.stringContaining('NgayTiepNhan: "10/06/2025 08:00" is not a time')],
    ]);
    for (const personal of [...Object.values(APPLICANT), 'Trần Văn Cán Bộ', ADMIN_KEY]) expect(result.stdout + result.stderr + readFileSync(errorsCsv, 'utf8')).not.toContain(personal);
  });

  it('changes nothing when the file is replayed again, four at a time: nothing created, every step unchanged, the same rows at the end', async () => {
    const before = await stored(sut);
    const result = await viaHttp('--concurrency', '4');
    expect(result.code).toBe(1);
    expect(await stored(sut)).toEqual(before);
    const first = summed(answers);
    const again = summaryOf(result.stdout, Object.keys(first));
    // A DVCQG record's version is the latest moment it records: a state older than the stored one
    // comes back "stale" and never puts an older state back; states of the same moment
    // (received → processing) are applied again in file order, ending where the first replay left it.
    expect(again).toEqual({
      ...first,
      'dossiers created': 0,
      'dossiers updated': expect.any(Number),
      'dossiers unchanged': expect.any(Number),
      'dossiers stale': expect.any(Number),
      'steps created': 0,
      'steps updated': 0,
      'steps unchanged': first['steps created'] + first['steps updated'] + first['steps unchanged'],
      'steps before dossier': 0,
    });
    expect(again['dossiers stale']).toBeGreaterThan(0);
    expect(again['dossiers updated'] + again['dossiers unchanged'] + again['dossiers stale']).toBe(first['dossiers created'] + first['dossiers updated'] + first['dossiers unchanged'] + first['dossiers stale']);
  });

  it('goes on from a line with --from, and stops at once on a refused key, saying where to go on and never printing the key', async () => {
    const from = await viaHttp('--from', String(traffic.refusedLine + 1));
    expect(from.code).toBe(0);
    expect(figure(from.stdout, 'lines read')).toBe(traffic.file.split('\n').length - 1 - traffic.refusedLine);
    const wrongKey = 'not-the-key-of-this-service-0123456789';
    const refused = await replay([path(), '--url', url], { TTHC_API_KEY: wrongKey });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('stopped at line 1 (every line before it is done; go on with --from 1)');
    expect(refused.stderr).toContain('answered 401: the session is not valid');
    expect(refused.stdout + refused.stderr).not.toContain(wrongKey);
  });

  it('refuses to run without what it needs, with exit code 2', async () => {
    expect((await replay([path(), '--url', url], { TTHC_API_KEY: '' })).stderr).toContain('--url needs the key');
    for (const args of [[path(), '--url', url, '--unit', 'xa-a'], [path(), '--url', 'ftp://x'], [path(), '--concurrency', '0'], [join(dir, 'none.jsonl')], [path(), '--dry-run'], [path(), '--errors', path()], []]) {
      expect((await replay(args, { TTHC_API_KEY: ADMIN_KEY })).code).toBe(2);
    }
  });

  describe('straight to the database', () => {
    let direct: TestApp;
    const intoDatabase = (...args: string[]) => replay([path(), ...args], { DATABASE_URL: '', ...direct.database.env });

    beforeAll(async () => {
      direct = await startWithUnits(kind, 'replay-db');
    }, 120_000);
    afterAll(() => direct?.close());

    it('writes through the service\'s own DvcqgService, three at a time, as the admin: the same rows', async () => {
      const result = await intoDatabase('--concurrency', '3');
      expect(result.stderr).toBe(kind === 'sqlite' ? '--concurrency: the embedded SQLite writes one envelope at a time\n' : '');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('the database, as admin');
      expect(await stored(direct)).toEqual(await stored(reference));
      const expected = summed(answers);
      expect(summaryOf(result.stdout, Object.keys(expected))).toEqual(expected);
      for (const personal of Object.values(APPLICANT)) expect(result.stdout).not.toContain(personal);
      const before = await stored(direct);
      const again = await intoDatabase();
      expect(summaryOf(again.stdout, ['dossiers created', 'steps created', 'steps updated'])).toEqual({ 'dossiers created': 0, 'steps created': 0, 'steps updated': 0 });
      expect(await stored(direct)).toEqual(before);
    });

    it('acts as a unit\'s key would with --unit: a unit may write only its own dossiers', async () => {
      const before = await stored(direct);
      const result = await intoDatabase('--unit', 'xa-b');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('the database, as unit xa-b');
      expect(figure(result.stdout, 'dossiers created') + figure(result.stdout, 'dossiers updated') + figure(result.stdout, 'steps created')).toBe(0);
      expect(result.stdout).toMatch(/this key may not write unit "xa-a"/);
      expect(await stored(direct)).toEqual(before);
      expect((await intoDatabase('--unit', 'no-such-unit')).code).toBe(2);
    });
  });
});
