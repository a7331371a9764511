import { DataSource } from 'typeorm';
import { Channel, DossierStatus } from '../src/dossiers/classification';
import { Period, countDossiers, deriveFigures } from '../src/stats/figures';
import { RollupsService } from '../src/dossiers/rollups/rollups.service';
import { rebuildAllRollups } from '../src/dossiers/rollups/rollup-tables';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { storedFacts } from './support/stored-facts';
import { createTree, send, stats } from './support/tree';

/** A small seeded generator (mulberry32): the same run every time, and on both databases. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

const NOW = '2025-06-10T03:07:03Z';
const UNITS = ['tinh', 'huyen', 'xa-a', 'xa-b', 'xa-b', 'xa-a'];
const SUBTREE: Record<string, string[]> = { tinh: ['tinh', 'huyen', 'xa-a', 'xa-b'], huyen: ['huyen', 'xa-a', 'xa-b'], 'xa-a': ['xa-a'], 'xa-b': ['xa-b'] };
/** Halfway through the writes a reorganization moves xa-b from huyen to tinh, from this day on. */
const MOVED_ON = '2025-06-10';
/** The units a unit's figures count, by the tree on the period's last day (docs/figures.md §9). */
const membersOf = (unitCode: string, includeChildren: boolean, period: Period) =>
  !includeChildren ? [unitCode] : unitCode === 'huyen' && period.to >= MOVED_ON ? ['huyen', 'xa-a'] : SUBTREE[unitCode];
const FIELDS = ['Hộ tịch', 'Chứng thực', 'Đất đai'];
const CHANNELS: Channel[] = ['direct', 'online', 'postal'];
const STATUSES: DossierStatus[] = ['processing', 'waiting', 'resolved', 'refused', 'withdrawn', 'denied'];
const PROCEDURES = { 'P-1': 1, 'P-3': 3, 'P-7': 7 } as Record<string, number>;
const DAY = 86_400_000;
const FIRST = Date.parse('2024-11-01T01:00:00Z');
const LATEST = Date.parse(NOW) + 20 * 3_600_000; // records may be up to a day ahead

const iso = (ms: number) => new Date(ms).toISOString();
const localDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

interface Known {
  unitCode: string;
  code: string;
  receivedAt: number;
}

describeEachDatabase('rollups after 10,000 random writes equal a full recount', (kind) => {
  let sut: TestApp;
  const random = generator(20251129);
  const known: Known[] = [];
  const holidays = new Set<string>();
  let operations = 0;
  let sequence = 0;
  let movedDeadlines = 0;
  let movedByProcedures = 0;
  let edits = 0;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'rollups', { now: NOW });
    await createTree(sut);
    for (const [code, days] of Object.entries(PROCEDURES)) await putProcedure(code, days);
  }, 60_000);
  afterAll(() => sut?.close());

  const putProcedure = (code: string, processingDays: number) =>
    sut.http.put(`/api/v1/procedures/${code}`).set(bearer(ADMIN_KEY)).send({ name: `Thủ tục ${code}`, field: 'Hộ tịch', processingDays }).expect(200);

  /** A record for `base` (a new dossier when absent) with random facts, valid by docs/figures.md §2. */
  function record(base?: Known): Record<string, unknown> {
    const receivedAt = base && random.chance(0.6) ? base.receivedAt : random.int(FIRST, LATEST - DAY);
    const status = random.pick(STATUSES);
    const out: Record<string, unknown> = {
      code: base?.code ?? `R-${++sequence}`,
      unitCode: base?.unitCode ?? random.pick(UNITS),
      field: random.pick(FIELDS),
      channel: random.pick(CHANNELS),
      status,
      receivedAt: iso(receivedAt),
    };
    if (random.chance(0.4)) {
      out.procedureCode = random.pick(Object.keys(PROCEDURES));
    } else {
      const due = receivedAt + random.int(0, 20) * DAY + random.int(0, 10) * 3_600_000;
      // A bare date is the last millisecond of that day: the edge of "overdue at the day's end".
      out.dueAt = random.chance(0.5) ? localDate(due) : iso(due);
    }
    const closedAt = () => Math.min(LATEST, receivedAt + random.int(0, 25 * 24) * 3_600_000);
    if (status === 'resolved' || status === 'refused') out.resolvedAt = iso(closedAt());
    if (status === 'withdrawn' && random.chance(0.7)) out.withdrawnAt = iso(closedAt());
    if (base) base.receivedAt = receivedAt;
    else known.push({ unitCode: out.unitCode as string, code: out.code as string, receivedAt });
    return out;
  }

  async function calendarEdit(): Promise<void> {
    const date = localDate(random.int(FIRST, LATEST));
    const unitCode = random.chance(0.3) ? random.pick(['huyen', 'xa-a']) : undefined;
    const key = `${date} ${unitCode ?? ''}`;
    if (holidays.has(key) && random.chance(0.5)) {
      const response = await sut.http.delete(`/api/v1/calendar/days/${date}`).query(unitCode ? { unitCode } : {}).set(bearer(ADMIN_KEY)).expect(200);
      movedDeadlines += response.body.movedDeadlines;
      holidays.delete(key);
    } else {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const kindOfDay = weekday === 0 || weekday === 6 ? 'workday' : 'holiday';
      const response = await sut.http.put(`/api/v1/calendar/days/${date}`).set(bearer(ADMIN_KEY)).send({ kind: kindOfDay, name: 'Ngày thử', unitCode }).expect(200);
      movedDeadlines += response.body.movedDeadlines;
      holidays.add(key);
    }
  }

  async function randomOperations(count: number): Promise<void> {
    const target = operations + count;
    while (operations < target) {
      if (random.chance(0.4)) {
        if (random.chance(0.75)) await calendarEdit();
        else movedByProcedures += (await putProcedure(random.pick(Object.keys(PROCEDURES)), random.int(1, 10))).body.movedDeadlines;
        operations++;
        edits++;
        continue;
      }
      const batch: Record<string, unknown>[] = [];
      const size = Math.min(target - operations, random.int(1, 60));
      for (let i = 0; i < size; i++) {
        // New dossiers, edits of stored ones, and changes of status (record() draws a new one).
        batch.push(known.length > 20 && random.chance(0.55) ? record(random.pick(known)) : record());
      }
      const response = await send(sut, batch);
      expect(response.status).toBe(200);
      expect(response.body.rejected).toEqual([]);
      operations += size;
    }
  }

  /** The API's figures against docs/figures.md §5 counted dossier by dossier, for many periods. */
  async function compareWithRecount(periods: Period[]): Promise<void> {
    const facts = await storedFacts(sut);
    const now = sut.clock.now();
    for (const period of periods) {
      for (const unitCode of ['tinh', 'huyen', 'xa-a']) {
        const includeChildren = unitCode !== 'xa-a' && random.chance(0.7);
        const members = membersOf(unitCode, includeChildren, period);
        const expected = deriveFigures(countDossiers(facts.filter((fact) => members.includes(fact.unitCode)), period, now));
        const answer = await stats(sut, unitCode, { ...period, includeChildren });
        const { settled, received, carriedOver, withdrawn, denied, open, onTimePercent, latePercent } = answer;
        expect({ unitCode, includeChildren, period, settled, received, carriedOver, withdrawn, denied, open, onTimePercent, latePercent }).toEqual({
          unitCode, includeChildren, period,
          settled: expected.settled, received: expected.received, carriedOver: expected.carriedOver, withdrawn: expected.withdrawn,
          denied: expected.denied, open: expected.open, onTimePercent: expected.onTimePercent, latePercent: expected.latePercent,
        });
      }
      // Rows by field and by channel are counted from the dossiers (not the rollups): the same.
      for (const groupBy of ['field', 'channel'] as const) {
        const answer = await stats(sut, 'tinh', { ...period, includeChildren: true, groupBy });
        const keys = groupBy === 'field' ? FIELDS : CHANNELS;
        for (const key of keys) {
          const expected = deriveFigures(countDossiers(facts.filter((fact) => (groupBy === 'field' ? fact.field : fact.channel) === key), period, now));
          const group = answer.groups.find((candidate: { key: string }) => candidate.key === key);
          const hasAny = expected.settled.total + expected.received.total + expected.carriedOver + expected.withdrawn + expected.denied + expected.open.total > 0;
          expect({ groupBy, key, period, present: Boolean(group) }).toEqual({ groupBy, key, period, present: hasAny });
          if (group) {
            expect({ key, settled: group.settled, received: group.received, carriedOver: group.carriedOver, open: group.open, withdrawn: group.withdrawn, denied: group.denied }).toEqual({
              key, settled: expected.settled, received: expected.received, carriedOver: expected.carriedOver, open: expected.open, withdrawn: expected.withdrawn, denied: expected.denied,
            });
          }
        }
      }
    }
  }

  function randomPeriods(count: number): Period[] {
    const fixed: Period[] = [
      { from: '2025-01-01', to: '2025-06-10' }, // year to date, judged now
      { from: '2025-05-01', to: '2025-05-31' }, // a whole past month
      { from: '2024-11-01', to: '2025-06-30' }, // ends in the future
      { from: '2025-06-10', to: '2025-06-10' }, // today only
      { from: '2025-06-11', to: '2025-06-11' }, // tomorrow (records may be a day ahead)
    ];
    const drawn = Array.from({ length: count }, () => {
      const a = localDate(random.int(FIRST - 30 * DAY, LATEST + 10 * DAY));
      const b = localDate(random.int(FIRST - 30 * DAY, LATEST + 10 * DAY));
      return a <= b ? { from: a, to: b } : { from: b, to: a };
    });
    return [...fixed, ...drawn];
  }

  it('stays equal to a recount all the way through inserts, updates, status changes, calendar edits and a reorganization', async () => {
    const rollups = sut.app.get(RollupsService);
    for (let round = 0; round < 4; round++) {
      await randomOperations(2_500);
      expect(await rollups.check()).toEqual([]);
      // Between the writes, a reorganization: xa-b leaves huyen for tinh (the district's figures
      // from that day on no longer hold it; the province's still do).
      if (round === 1) {
        const act = { effectiveOn: MOVED_ON, reference: 'Quyết định thử', changes: [{ op: 'move', code: 'xa-b', parentCode: 'tinh' }] };
        await sut.http.post('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).send(act).expect(201);
        expect(await rollups.check()).toEqual([]);
      }
    }
    expect(operations).toBe(10_000);
    // The mix did what it says: deadlines moved with the calendar, and most writes were updates
    // or new dossiers in roughly equal measure.
    expect(edits).toBeGreaterThan(150);
    expect(movedDeadlines).toBeGreaterThan(10);
    expect(movedByProcedures).toBeGreaterThan(1_000);
    expect(known.length).toBeGreaterThan(3_000);
    expect(known.length).toBeLessThan(7_000);
    await compareWithRecount(randomPeriods(25));
  }, 600_000);

  it('gives the same figures by unit and by month as asked one by one', async () => {
    const period = { from: '2025-01-01', to: '2025-06-10' };
    const byUnit = await stats(sut, 'huyen', { ...period, includeChildren: true, groupBy: 'unit' });
    for (const group of byUnit.groups) {
      const alone = await stats(sut, group.key, { ...period, includeChildren: group.key !== 'huyen' });
      expect([group.key, group.settled, group.open, group.carriedOver]).toEqual([group.key, alone.settled, alone.open, alone.carriedOver]);
    }
    const byMonth = await stats(sut, 'tinh', { ...period, includeChildren: true, groupBy: 'month' });
    const may = byMonth.groups.find((group: { key: string }) => group.key === '2025-05');
    const alone = await stats(sut, 'tinh', { from: '2025-05-01', to: '2025-05-31', includeChildren: true });
    expect([may.settled, may.open, may.carriedOver, may.received]).toEqual([alone.settled, alone.open, alone.carriedOver, alone.received]);
  }, 60_000);

  it('still matches the recount when time alone has moved on (open dossiers turn overdue)', async () => {
    sut.clock.set('2025-06-17T09:00:00Z');
    try {
      await compareWithRecount(randomPeriods(5));
    } finally {
      sut.clock.set(NOW);
    }
  }, 120_000);

  it('rebuilds to the same rows it kept', async () => {
    const rollups = sut.app.get(RollupsService);
    const before = await sut.app.get(DataSource).query('SELECT COUNT(*) AS n FROM dossier_day_counts');
    await rollups.rebuild();
    expect(await rollups.check()).toEqual([]);
    await compareWithRecount([{ from: '2025-01-01', to: '2025-06-10' }]);
    expect(Number(before[0].n)).toBeGreaterThan(0);
  }, 120_000);

  it('rebuilds to the same rows when it writes what it holds out in many parts', async () => {
    // A province's rebuild writes out every REBUILD_FLUSH_ROWS rows; here every 300, so most
    // rows are added to more than once.
    const rollups = sut.app.get(RollupsService);
    const dataSource = sut.app.get(DataSource);
    const [{ n }] = await dataSource.query('SELECT COUNT(*) AS n FROM dossier_field_day_counts');
    expect(Number(n)).toBeGreaterThan(3_000);
    await dataSource.transaction((manager) => rebuildAllRollups(manager, 300));
    expect(await rollups.check()).toEqual([]);
    await compareWithRecount([{ from: '2025-01-01', to: '2025-06-10' }]);
  }, 120_000);
});
