import Database from 'better-sqlite3';
import { localDateOf } from '../common/local-time';
import { DossierStatus } from '../dossiers/classification';
import { DossierFacts, countDossiers, judgedAt } from '../stats/figures';
import {
  COMPLAINT_CONDITION, FACT_CONDITIONS, FactIndicator, PROGRESS_CANDIDATES, StoredCosts, byReceipt, factReasons, parseListedIndicator,
  progressReasons, reasonText, satisfactionReasons,
} from './indicator-dossiers';
import { INDICATORS, progressCounts } from './indicators';

const HOUR = 3_600_000;
/** 2025-05-d hh:00 in Vietnam. */
const may = (d: number, h = 8) => new Date(Date.UTC(2025, 4, d, h - 7));
const MAY = { from: '2025-05-01', to: '2025-05-31' };
const END_OF_MAY = new Date(Date.UTC(2025, 4, 31, 16, 59, 59, 999));

function stored(overrides: Partial<StoredCosts> & { receivedAt?: Date } = {}): StoredCosts {
  const { receivedAt = may(2), ...rest } = overrides;
  const row: StoredCosts = {
    status: 'processing', receivedOn: localDateOf(receivedAt), settledOn: null, withdrawnOn: null, dueAt: may(9, 17), resolvedAt: null, withdrawnAt: null,
    supplementAt: null, supplementDoneAt: null, supplementAgainAt: null, supplementDueMoved: false, ...rest,
  };
  if (row.resolvedAt && (row.status === 'resolved' || row.status === 'refused')) row.settledOn = localDateOf(row.resolvedAt);
  if (row.withdrawnAt && row.status === 'withdrawn') row.withdrawnOn = localDateOf(row.withdrawnAt);
  return row;
}

describe('parseListedIndicator', () => {
  it('takes the scored indicators and names the allowed ones otherwise', () => {
    expect(parseListedIndicator('4.5b')).toEqual({ ok: true, id: '4.5b' });
    for (const raw of ['2.2', '9.9', '', undefined, ['2.1', '3.3']]) {
      const check = parseListedIndicator(raw);
      expect(check.ok).toBe(false);
      expect(!check.ok && check.reason).toMatch(/^indicator: .*must be one of 2\.1, 3\.3, 3\.6, 4\.1, 4\.2, 4\.3, 4\.4, 4\.5b, 5\.4$/);
    }
    expect(parseListedIndicator('2.2')).toMatchObject({ reason: expect.stringContaining('2.2 is an average') });
  });
});

describe('progressReasons: why a dossier costs 2.1 its points', () => {
  it.each`
    case                                                                | row                                                                                                                                    | reasons
    ${'settled after its due instant'}                                  | ${{ status: 'resolved', resolvedAt: may(10) }}                                                                                          | ${['late']}
    ${'settled in time'}                                                | ${{ status: 'resolved', resolvedAt: may(8) }}                                                                                           | ${[]}
    ${'withdrawn after its due instant'}                                | ${{ status: 'withdrawn', withdrawnAt: may(12) }}                                                                                        | ${['withdrawnLate']}
    ${'two supplement requests, settled early'}                         | ${{ status: 'resolved', resolvedAt: may(6), supplementAt: may(3), supplementDoneAt: may(4), supplementAgainAt: may(5) }}                | ${['secondSupplement']}
    ${'one round, the held time taken off'}                             | ${{ status: 'resolved', resolvedAt: may(11), supplementAt: may(3), supplementDoneAt: may(6) }}                                          | ${[]}
    ${'one round, but the due date was moved for it'}                   | ${{ status: 'resolved', resolvedAt: may(11), supplementAt: may(3), supplementDoneAt: may(6), supplementDueMoved: true }}                 | ${['late']}
    ${'open at the end, past its due'}                                  | ${{ status: 'processing' }}                                                                                                             | ${['overdue']}
    ${'open at the end, due in June'}                                   | ${{ status: 'processing', dueAt: new Date(Date.UTC(2025, 5, 3, 10)) }}                                                                  | ${[]}
    ${'waiting, papers asked after the deadline'}                       | ${{ status: 'waiting', supplementAt: may(12) }}                                                                                         | ${['supplementAfterDue']}
    ${'waiting, papers asked before the deadline'}                      | ${{ status: 'waiting', supplementAt: may(8) }}                                                                                          | ${[]}
    ${'waiting without any step: never late'}                           | ${{ status: 'waiting' }}                                                                                                                | ${[]}
    ${'open with a second request'}                                     | ${{ status: 'processing', dueAt: may(30, 17), supplementAt: may(3), supplementDoneAt: may(4), supplementAgainAt: may(20) }}             | ${['secondSupplement']}
    ${'settled in June, overdue at the end of May'}                     | ${{ status: 'resolved', resolvedAt: new Date(Date.UTC(2025, 5, 2, 3)) }}                                                                | ${['overdue']}
    ${'settled in April: not May’s'}                                    | ${{ status: 'resolved', receivedAt: new Date(Date.UTC(2025, 3, 1, 1)), dueAt: new Date(Date.UTC(2025, 3, 3, 10)), resolvedAt: new Date(Date.UTC(2025, 3, 20, 3)) }} | ${[]}
    ${'received in June: not open at the end of May'}                   | ${{ status: 'processing', receivedAt: new Date(Date.UTC(2025, 5, 2, 1)), dueAt: new Date(Date.UTC(2025, 5, 3, 10)) }}                   | ${[]}
    ${'not received at intake'}                                         | ${{ status: 'denied' }}                                                                                                                 | ${[]}
  `('$case → $reasons', ({ row, reasons }) => {
    expect(progressReasons(stored(row), MAY, END_OF_MAY)).toEqual(reasons);
  });

  it('judges an open dossier at the moment given (now, for a period under way)', () => {
    const row = stored({ status: 'processing', dueAt: may(20, 17) });
    expect(progressReasons(row, MAY, may(20, 16))).toEqual([]);
    expect(progressReasons(row, MAY, may(20, 18))).toEqual(['overdue']);
  });

  it('lists a dossier late and complained about once for 5.4, with both reasons', () => {
    const row = stored({ status: 'resolved', resolvedAt: may(10), complaint: true });
    expect(satisfactionReasons(row, MAY, END_OF_MAY)).toEqual(['late', 'complaint']);
    expect(satisfactionReasons({ ...row, resolvedAt: may(8), settledOn: '2025-05-08' }, MAY, END_OF_MAY)).toEqual(['complaint']);
    expect(reasonText(['late', 'complaint'], 'vi')).toBe('giải quyết trễ hạn; có phản ánh, kiến nghị');
  });
});

describe('factReasons and the order', () => {
  it('says which half of 4.2 is missing', () => {
    expect(factReasons('4.2', stored({ digitized: true, resultDigitized: null }))).toEqual(['resultNotDigitized']);
    expect(factReasons('4.2', stored({ digitized: false, resultDigitized: false }))).toEqual(['papersNotDigitized', 'resultNotDigitized']);
  });

  it('orders by receipt, then code', () => {
    const rows = [
      { id: 3, code: 'B', receivedAt: may(2) },
      { id: 1, code: 'C', receivedAt: may(1) },
      { id: 2, code: 'A', receivedAt: may(2) },
    ];
    expect(rows.sort(byReceipt).map((row) => row.code)).toEqual(['C', 'A', 'B']);
  });
});

// ---------------------------------------------------------------- against the counting's own definition

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Generated extends DossierFacts {
  id: number;
  code: string;
}

function generate(count: number, seed: number): Generated[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const flag = () => pick([null, true, false]);
  const statuses: DossierStatus[] = ['processing', 'waiting', 'resolved', 'refused', 'withdrawn', 'denied'];
  return Array.from({ length: count }, (_, i) => {
    const receivedAt = new Date(Date.UTC(2025, 3, 20) + Math.floor(next() * 50 * 24) * HOUR);
    const dueAt = new Date(receivedAt.getTime() + Math.floor(next() * 20 * 24) * HOUR);
    const status = pick(statuses);
    const end = new Date(receivedAt.getTime() + Math.floor(next() * 30 * 24) * HOUR);
    const supplementAt = next() < 0.4 ? new Date(receivedAt.getTime() + Math.floor(next() * 10 * 24) * HOUR) : null;
    const supplementDoneAt = supplementAt && next() < 0.7 ? new Date(supplementAt.getTime() + Math.floor(next() * 5 * 24) * HOUR) : null;
    const supplementAgainAt = supplementDoneAt && next() < 0.4 ? new Date(supplementDoneAt.getTime() + Math.floor(next() * 5 * 24) * HOUR) : null;
    return {
      id: i + 1, code: `HS-${i}`, status, channel: pick(['direct', 'online', 'postal'] as const), receivedAt, dueAt,
      resolvedAt: status === 'resolved' || status === 'refused' ? end : null, withdrawnAt: status === 'withdrawn' ? end : null,
      supplement: { supplementAt, supplementDoneAt, supplementAgainAt, supplementDueMoved: supplementDoneAt !== null && next() < 0.2 },
      electronicResult: flag(), digitized: flag(), resultDigitized: flag(), reusedData: flag(), citizenRepository: flag(), vneidVerified: flag(),
      complaint: flag(), feeAmount: pick([null, 0, 20000]), paidOnline: pick([null, null, 'dvcqg']),
    };
  });
}

function storedOf(d: Generated): StoredCosts & { id: number; code: string; receivedAt: Date } {
  const settled = d.status === 'resolved' || d.status === 'refused';
  return {
    id: d.id, code: d.code, receivedAt: d.receivedAt, status: d.status, channel: d.channel, receivedOn: localDateOf(d.receivedAt),
    settledOn: settled && d.resolvedAt ? localDateOf(d.resolvedAt) : null, withdrawnOn: d.status === 'withdrawn' && d.withdrawnAt ? localDateOf(d.withdrawnAt) : null,
    dueAt: d.dueAt, resolvedAt: d.resolvedAt ?? null, withdrawnAt: d.withdrawnAt ?? null, ...d.supplement!,
    electronicResult: d.electronicResult, digitized: d.digitized, resultDigitized: d.resultDigitized, reusedData: d.reusedData,
    citizenRepository: d.citizenRepository, vneidVerified: d.vneidVerified, complaint: d.complaint, feeAmount: d.feeAmount, paidOnline: d.paidOnline,
  };
}

/** The dossiers table as SQLite stores it (UTC text instants, 0/1 flags), for the SQL of the selection. */
function tableOf(rows: ReturnType<typeof storedOf>[]): Database.Database {
  const db = new Database(':memory:');
  const columns = Object.keys(rows[0]);
  db.exec(`CREATE TABLE dossiers (${columns.join(', ')})`);
  const insert = db.prepare(`INSERT INTO dossiers (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const value = (v: unknown) => (v instanceof Date ? v.toISOString().replace('T', ' ').slice(0, 23) : typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null));
  for (const row of rows) insert.run(...columns.map((column) => value((row as unknown as Record<string, unknown>)[column])));
  return db;
}

describe('the selection against countDossiers, over generated dossiers', () => {
  const dossiers = generate(3000, 766);
  const rows = dossiers.map(storedOf);
  const db = tableOf(rows);
  afterAll(() => db.close());
  const ids = (where: string, params: Record<string, string>) =>
    new Set((db.prepare(`SELECT id FROM dossiers d WHERE ${where}`).all(params) as { id: number }[]).map((row) => row.id));

  it.each([
    ['May, judged at its end', MAY, new Date('2025-07-01T00:00:00Z')],
    ['a period under way, judged now', { from: '2025-05-01', to: '2025-05-20' }, new Date('2025-05-20T05:30:00Z')],
    ['one day', { from: '2025-05-07', to: '2025-05-07' }, new Date('2025-07-01T00:00:00Z')],
  ])('lists for %s exactly what each counter leaves out', (_, period, now) => {
    const at = judgedAt(period, now);
    const counts = countDossiers(dossiers, period, now);
    const params = { from: period.from, to: period.to, at: at.toISOString().replace('T', ' ').slice(0, 23) };

    const candidates = new Set(PROGRESS_CANDIDATES.flatMap((where) => [...ids(where, params)]));
    const late = rows.filter((row) => progressReasons(row, period, at).length > 0);
    for (const row of late) expect(candidates.has(row.id)).toBe(true);
    const p = progressCounts(counts);
    expect(late.length).toBe(p.denominator - p.numerator);
    expect(late.length).toBeGreaterThan(0);

    const complained = ids(COMPLAINT_CONDITION, params);
    expect(complained.size).toBe(counts.complaints);
    const satisfaction = rows.filter((row) => satisfactionReasons(row, period, at).length > 0);
    expect(satisfaction.length).toBe(new Set([...late.map((row) => row.id), ...complained]).size);

    for (const [id, where] of Object.entries(FACT_CONDITIONS) as [FactIndicator, string][]) {
      const { numerator, denominator } = INDICATORS.find((definition) => definition.id === id)!.of(counts);
      const selected = ids(where, params);
      expect([id, selected.size]).toEqual([id, denominator - numerator]);
      for (const row of rows.filter((candidate) => selected.has(candidate.id))) expect(factReasons(id, row).length).toBeGreaterThan(0);
    }
  });
});
