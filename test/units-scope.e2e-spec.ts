import { DataSource } from 'typeorm';
import { parseRecordTime } from '../src/common/local-time';
import { Channel, DossierStatus } from '../src/dossiers/classification';
import { DossierFacts, countDossiers, deriveFigures } from '../src/stats/figures';
import { Unit } from '../src/units/unit.entity';
import { UnitParent, UnitSuccession } from '../src/units/unit-history.entities';
import { RecordInput } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { send, stats } from './support/tree';

/**
 * docs/figures.md §9 "Whose dossiers count", on a small history written straight into the tables (as a
 * reorganization would leave them), against a reference counted dossier by dossier.
 *
 *   tinh-p ─┬─ huyen-d (retired 30/6/2025) ─┬─ xa-c1, xa-c2 (retired; merged into xa-c3, which carries both)
 *           │                               ├─ xa-c3 (moved under tinh-p on 1/7/2025)
 *           │                               └─ xa-s (retired; split into xa-s1, carrying its history, and xa-s2)
 *           ├─ co-quan-a (an agency, all along)
 *           └─ xa-s1, xa-s2 (from 1/7/2025)
 *   tinh-q ─── xa-q1
 */
const NOW = '2025-09-15T03:00:00Z';
const LAST_DAY = '2025-06-30';
const FIRST_DAY = '2025-07-01';
const UNITS = [
  { code: 'tinh-p', name: 'Tỉnh P', level: 'province' },
  { code: 'huyen-d', name: 'Huyện D', level: 'district', parentCode: 'tinh-p' },
  { code: 'xa-c1', name: 'Xã C1', level: 'commune', parentCode: 'huyen-d' },
  { code: 'xa-c2', name: 'Xã C2', level: 'commune', parentCode: 'huyen-d' },
  { code: 'xa-c3', name: 'Xã C3', level: 'commune', parentCode: 'huyen-d' },
  { code: 'xa-s', name: 'Xã S', level: 'commune', parentCode: 'huyen-d' },
  { code: 'co-quan-a', name: 'Cơ quan A', level: 'agency', parentCode: 'tinh-p' },
  { code: 'xa-s1', name: 'Xã S1', level: 'commune', parentCode: 'tinh-p', validFrom: FIRST_DAY },
  { code: 'xa-s2', name: 'Xã S2', level: 'commune', parentCode: 'tinh-p', validFrom: FIRST_DAY },
  { code: 'tinh-q', name: 'Tỉnh Q', level: 'province' },
  { code: 'xa-q1', name: 'Xã Q1', level: 'commune', parentCode: 'tinh-q' },
];
const RETIRED = ['huyen-d', 'xa-c1', 'xa-c2', 'xa-s'];
const CODES = UNITS.map((unit) => unit.code);

type Flags = { includeChildren: boolean; includePredecessors: boolean };
const FLAGS: Flags[] = [
  { includeChildren: false, includePredecessors: false },
  { includeChildren: false, includePredecessors: true },
  { includeChildren: true, includePredecessors: false },
  { includeChildren: true, includePredecessors: true },
];

/**
 * The scope of each unit by the rule, written out by hand. In this history it is the same for a
 * period ending before the act and for one ending after it; only the rows by unit differ.
 */
function referenceScope(code: string, flags: Flags): string[] {
  const withPredecessors: Record<string, string[]> = { 'xa-c3': ['xa-c3', 'xa-c1', 'xa-c2'], 'xa-s1': ['xa-s1', 'xa-s'] };
  const below: Record<string, string[]> = {
    // Every unit it ever held, each once: the retired district on its last day, the moved commune, the new ones.
    'tinh-p': ['tinh-p', 'huyen-d', 'xa-c1', 'xa-c2', 'xa-c3', 'xa-s', 'co-quan-a', 'xa-s1', 'xa-s2'],
    // Read on its own last day: what stood below it then, xa-c3 among them.
    'huyen-d': ['huyen-d', 'xa-c1', 'xa-c2', 'xa-c3', 'xa-s'],
    'tinh-q': ['tinh-q', 'xa-q1'],
  };
  if (flags.includeChildren && below[code]) return below[code];
  if (flags.includePredecessors && withPredecessors[code]) return withPredecessors[code];
  return [code];
}

/** The rows of groupBy=unit with children and predecessors: [key, units] in order, the rest first. */
function referenceRows(code: string, to: string, includePredecessors: boolean): [string, string[]][] | null {
  const before = to <= LAST_DAY;
  if (code === 'tinh-p' && before) {
    return [['tinh-p', ['tinh-p', 'xa-s1', 'xa-s2']], ['huyen-d', ['huyen-d', 'xa-c1', 'xa-c2', 'xa-c3', 'xa-s']], ['co-quan-a', ['co-quan-a']]];
  }
  if (code === 'tinh-p') {
    const rest = includePredecessors ? ['tinh-p', 'huyen-d'] : ['tinh-p', 'huyen-d', 'xa-c1', 'xa-c2', 'xa-s'];
    return [
      ['tinh-p', rest],
      ['xa-c3', includePredecessors ? ['xa-c3', 'xa-c1', 'xa-c2'] : ['xa-c3']],
      ['co-quan-a', ['co-quan-a']],
      ['xa-s1', includePredecessors ? ['xa-s1', 'xa-s'] : ['xa-s1']],
      ['xa-s2', ['xa-s2']],
    ];
  }
  if (code === 'tinh-q') return [['tinh-q', ['tinh-q']], ['xa-q1', ['xa-q1']]];
  if (code === 'huyen-d') return [['huyen-d', ['huyen-d']], ['xa-c1', ['xa-c1']], ['xa-c2', ['xa-c2']], ['xa-c3', ['xa-c3']], ['xa-s', ['xa-s']]];
  return null;
}

const PERIODS = [
  ['2025-01-01', '2025-06-30'], // before
  ['2025-06-01', '2025-06-30'], // before, its last month
  ['2025-06-15', '2025-07-15'], // across
  ['2025-01-01', '2025-09-15'], // across, to today
  ['2025-07-01', '2025-08-31'], // after
  ['2025-08-01', '2025-09-15'], // after, to today
];

const at = (text: string, bound: 'start' | 'end' = 'start') => {
  const parsed = parseRecordTime(text, bound);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

const figuresOf = (answer: Record<string, unknown>) => {
  const { unit, period, includeChildren, judgedAt, dataUpdatedAt, groups, key, label, ...figures } = answer;
  return figures;
};

/** Dossiers of every unit while it is valid: received in its days, settled or withdrawn up to now (late updates of retired units too). */
function buildRecords(): { records: RecordInput[]; facts: { unitCode: string; fact: DossierFacts }[] } {
  let seed = 13;
  const next = (n: number) => {
    // The high bits of a 32-bit LCG: its low bits repeat with a short period.
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return Math.floor((seed / 2 ** 32) * n);
  };
  const statuses: DossierStatus[] = ['resolved', 'resolved', 'resolved', 'refused', 'processing', 'waiting', 'withdrawn', 'denied'];
  const channels: Channel[] = ['direct', 'online', 'postal'];
  const now = new Date(NOW).getTime();
  const records: RecordInput[] = [];
  const facts: { unitCode: string; fact: DossierFacts }[] = [];
  for (const unit of UNITS) {
    const first = at(unit.validFrom ?? '2025-04-01T00:00').getTime();
    const last = RETIRED.includes(unit.code) ? at(`${LAST_DAY}T23:59:59`).getTime() : now;
    for (let i = 0; i < 36; i++) {
      const receivedMs = first + next(last - first);
      const status = statuses[next(statuses.length)];
      const iso = (ms: number) => new Date(ms).toISOString();
      const record: RecordInput = {
        code: `${unit.code}-${i}`,
        unitCode: unit.code,
        field: 'Hộ tịch',
        channel: channels[next(3)],
        status,
        receivedAt: iso(receivedMs),
        dueAt: iso(receivedMs + next(20 * 86_400_000)),
      };
      if (status === 'resolved' || status === 'refused') record.resolvedAt = iso(Math.min(now, receivedMs + next(30 * 86_400_000)));
      if (status === 'withdrawn') record.withdrawnAt = iso(Math.min(now, receivedMs + next(10 * 86_400_000)));
      records.push(record);
      const fact: DossierFacts = {
        status,
        channel: record.channel as Channel,
        receivedAt: at(record.receivedAt!),
        dueAt: at(record.dueAt!),
        resolvedAt: record.resolvedAt ? at(record.resolvedAt) : null,
        withdrawnAt: record.withdrawnAt ? at(record.withdrawnAt) : null,
      };
      facts.push({ unitCode: unit.code, fact });
    }
  }
  return { records, facts };
}

/** What a reorganization of 1 July 2025 leaves in the tables: end dates, parent rows, successions. */
async function writeHistory(dataSource: DataSource): Promise<void> {
  const units = dataSource.getRepository(Unit);
  const byCode = new Map((await units.find()).map((unit) => [unit.code, unit]));
  const id = (code: string) => byCode.get(code)!.id;
  await dataSource.transaction(async (manager) => {
    for (const code of RETIRED) {
      await manager.update(Unit, { id: id(code) }, { validTo: LAST_DAY });
      await manager.update(UnitParent, { unitId: id(code) }, { validTo: LAST_DAY });
    }
    // xa-c3 moves under the province: its first parent row ends, a second begins.
    await manager.update(UnitParent, { unitId: id('xa-c3') }, { validTo: LAST_DAY });
    await manager.insert(UnitParent, { unitId: id('xa-c3'), parentId: id('tinh-p'), validFrom: FIRST_DAY, validTo: null });
    await manager.update(Unit, { id: id('xa-c3') }, { parentId: id('tinh-p'), path: `${byCode.get('tinh-p')!.path}${id('xa-c3')}/` });
    const link = (from: string, to: string, carriesHistory: boolean) => ({ fromUnitId: id(from), toUnitId: id(to), carriesHistory, effectiveOn: FIRST_DAY, reorganizationId: null });
    await manager.insert(UnitSuccession, [link('xa-c1', 'xa-c3', true), link('xa-c2', 'xa-c3', true), link('xa-s', 'xa-s1', true), link('xa-s', 'xa-s2', false)]);
  });
}

describeEachDatabase('whose dossiers count across a reorganization (docs/figures.md §9)', (kind) => {
  let sut: TestApp;
  const cachedBefore: unknown[] = [];
  const { records, facts } = buildRecords();
  const counted = (codes: string[], from: string, to: string) =>
    countDossiers(facts.filter((f) => codes.includes(f.unitCode)).map((f) => f.fact), { from, to }, new Date(NOW));
  const expected = (codes: string[], from: string, to: string) => deriveFigures(counted(codes, from, to));
  /** The rest row is left out when it has nothing and rows follow it, as before. */
  const hasAny = (codes: string[], from: string, to: string) => Object.values(counted(codes, from, to)).some((n) => n > 0);

  beforeAll(async () => {
    sut = await startTestApp(kind, 'units-scope', { now: NOW });
    for (const unit of UNITS) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    expect((await send(sut, records)).body).toMatchObject({ created: records.length, rejected: [] });
    // Widgets read before the act, cached: they must follow the new scope once the memo's window is over.
    cachedBefore.push((await sut.http.get('/widget/xa-c3.json').expect(200)).body, (await sut.http.get('/widget/tinh-p/detail').expect(200)).text);
    await writeHistory(sut.app.get(DataSource));
    sut.stopwatch.advance(60_000);
  }, 120_000);
  afterAll(() => sut?.close());

  it('has late updates of the retired units and dossiers open across the date, so the rule is what is tested', () => {
    const retired = facts.filter((f) => RETIRED.includes(f.unitCode)).map((f) => f.fact);
    expect(retired.filter((f) => f.resolvedAt && localDay(f.resolvedAt) > LAST_DAY).length).toBeGreaterThan(3);
    expect(retired.filter((f) => f.status === 'processing' || f.status === 'waiting').length).toBeGreaterThan(3);
  });

  it.each(PERIODS)('%s → %s: every figure of every unit, with and without children and predecessors, is the reference', async (from, to) => {
    for (const code of CODES) {
      for (const flags of FLAGS) {
        const answer = await stats(sut, code, { from, to, ...flags });
        expect({ code, flags, figures: figuresOf(answer) }).toEqual({ code, flags, figures: expected(referenceScope(code, flags), from, to) });
        expect(answer.open.total).toBe(answer.carriedOver + answer.received.total - answer.settled.total - answer.withdrawn);
      }
    }
  });

  it.each(PERIODS)('%s → %s: the province counts each of its dossiers once, with or without predecessors', async (from, to) => {
    const inProvince = facts.filter((f) => !['tinh-q', 'xa-q1'].includes(f.unitCode));
    const received = inProvince.filter((f) => f.fact.status !== 'denied' && from <= localDay(f.fact.receivedAt) && localDay(f.fact.receivedAt) <= to).length;
    for (const includePredecessors of [true, false]) {
      const province = await stats(sut, 'tinh-p', { from, to, includeChildren: true, includePredecessors });
      expect(province.received.total).toBe(received);
      const other = await stats(sut, 'tinh-q', { from, to, includeChildren: true, includePredecessors });
      expect(province.settled.total + other.settled.total).toBe(expected(CODES, from, to).settled.total);
    }
  });

  it.each(PERIODS)('%s → %s: rows by unit are the rule\'s, each the reference, and they add up to the total', async (from, to) => {
    for (const code of CODES) {
      for (const flags of FLAGS) {
        const answer = await stats(sut, code, { from, to, ...flags, groupBy: 'unit' });
        expect(figuresOf(answer)).toEqual(expected(referenceScope(code, flags), from, to));
        const rows = flags.includeChildren ? referenceRows(code, to, flags.includePredecessors) : null;
        if (rows) {
          const shown = rows.filter(([key, units], i) => i > 0 || key !== code || hasAny(units, from, to));
          expect(answer.groups.map((group: { key: string }) => group.key)).toEqual(shown.map(([key]) => key));
          shown.forEach(([key, units]) => expect({ key, figures: figuresOf(answer.groups.find((group: { key: string }) => group.key === key)) }).toEqual({ key, figures: expected(units, from, to) }));
        } else {
          expect(answer.groups.map((group: { key: string }) => group.key)).toEqual([code]);
          expect(figuresOf(answer.groups[0])).toEqual(figuresOf(answer));
        }
        const sum = (pick: (group: any) => number) => answer.groups.reduce((total: number, group: any) => total + pick(group), 0);
        for (const pick of [(g: any) => g.settled.total, (g: any) => g.received.total, (g: any) => g.carriedOver, (g: any) => g.open.total, (g: any) => g.open.overdue, (g: any) => g.withdrawn]) {
          expect(sum(pick)).toBe(pick(answer));
        }
      }
    }
  });

  it('the widget counts the same scope: predecessors by default, and without them when asked', async () => {
    const period = { from: '2025-01-01', to: '2025-09-15' };
    const withHistory = (await sut.http.get('/widget/xa-c3.json').query(period).expect(200)).body;
    expect(withHistory.includeChildren).toBe(false);
    expect(figuresOf(withHistory)).toMatchObject(expected(['xa-c3', 'xa-c1', 'xa-c2'], period.from, period.to));
    const alone = (await sut.http.get('/widget/xa-c3.json').query({ ...period, includePredecessors: 'false' }).expect(200)).body;
    expect(figuresOf(alone)).toMatchObject(expected(['xa-c3'], period.from, period.to));
    const province = (await sut.http.get('/widget/tinh-p.json').query(period).expect(200)).body;
    expect(province.includeChildren).toBe(true);
    expect(figuresOf(province)).toMatchObject(expected(referenceScope('tinh-p', FLAGS[3]), period.from, period.to));
    const detail = await sut.http.get('/widget/xa-c3/detail').query({ ...period, includePredecessors: 'false' }).expect(200);
    expect(detail.text.replace(/&#x3D;/g, '=')).toContain('includePredecessors=false');
  });

  it('shows the new scope in a widget cached before the act, without any data version moving', async () => {
    const [commune, detail] = cachedBefore as [Record<string, unknown>, string];
    const today = { from: '2025-01-01', to: '2025-09-15' };
    expect(figuresOf(commune)).toMatchObject(expected(['xa-c3'], today.from, today.to));
    const after = (await sut.http.get('/widget/xa-c3.json').expect(200)).body;
    expect(figuresOf(after)).toMatchObject(expected(['xa-c3', 'xa-c1', 'xa-c2'], today.from, today.to));
    // The province's detail page: the same units, but xa-c3 now has a row of its own, out of the district's.
    expect(detail).not.toContain('Xã C3');
    expect((await sut.http.get('/widget/tinh-p/detail').expect(200)).text).toContain('Xã C3');
  });

  it('refuses an includePredecessors that is not true or false', async () => {
    const response = await sut.http.get('/api/v1/units/xa-c3/stats').query({ includePredecessors: 'yes' });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('includePredecessors: must be true or false');
    await sut.http.get('/widget/xa-c3.json').query({ includePredecessors: 'yes' }).expect(400);
  });
});

/** The local (Vietnam) day of an instant. */
function localDay(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
