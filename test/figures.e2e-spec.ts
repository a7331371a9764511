import { parseRecordTime } from '../src/common/local-time';
import { Channel, DossierStatus } from '../src/dossiers/classification';
import { DossierFacts, countDossiers, deriveFigures } from '../src/stats/figures';
import { RecordInput, buildDossier, buildSettled } from './factories/dossier.factory';
import { TestApp, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

const at = (text: string, bound: 'start' | 'end' = 'start') => {
  const parsed = parseRecordTime(text, bound);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

/** The figures of an API answer, without the envelope, for comparing two answers. */
const figuresOf = (answer: Record<string, unknown>) => {
  const { unit, period, includeChildren, judgedAt, dataUpdatedAt, groups, key, label, ...figures } = answer;
  return figures;
};

describeEachDatabase('figures of a unit and a period (docs/figures.md §5)', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'figures', { now: '2025-06-10T03:07:03Z' });
    await createTree(sut);
  });
  afterAll(() => sut?.close());

  it('749 of 750 on time shows 99.87 % and 0.13 %, and 99.9 % and 0.1 % with one decimal', async () => {
    const batch = [
      ...buildSettled(600, 'early', { unitCode: 'xa-a' }),
      ...buildSettled(149, 'onTime', { unitCode: 'xa-a' }),
      ...buildSettled(1, 'late', { unitCode: 'xa-a' }),
    ];
    expect((await send(sut, batch)).body).toMatchObject({ created: 750, rejected: [] });

    const sutStats = await stats(sut, 'xa-a');
    expect(sutStats.settled).toEqual({ total: 750, early: 600, onTime: 149, late: 1 });
    expect(sutStats.onTimePercent).toBe('99.87');
    expect(sutStats.latePercent).toBe('0.13');
    expect(sutStats.onTimeRate).toBeCloseTo(749 / 750, 12);
    expect(sutStats.lateRate).toBeCloseTo(1 / 750, 12);
    expect(sutStats.period).toEqual({ from: '2025-01-01', to: '2025-06-10' });

    const oneDecimal = await stats(sut, 'xa-a', { decimals: 1 });
    expect([oneDecimal.onTimePercent, oneDecimal.latePercent]).toEqual(['99.9', '0.1']);
  });

  it('shows no rate at all (null, "—" on pages) when nothing was settled', async () => {
    await send(sut, [buildDossier({ unitCode: 'xa-b', status: 'processing', receivedAt: '2025-06-09T08:00', dueAt: '2025-06-20' })]);
    const sutStats = await stats(sut, 'xa-b', { from: '2025-06-01', to: '2025-06-10' });
    expect(sutStats.settled.total).toBe(0);
    expect([sutStats.onTimeRate, sutStats.lateRate, sutStats.onTimePercent, sutStats.latePercent]).toEqual([null, null, null, null]);
    expect(sutStats.open).toEqual({ total: 1, onTrack: 1, overdue: 0, waiting: 0 });
    expect(sutStats.progressIndex).toBe(1);
  });

  it('shows 0 % on time and 100 % late when every dossier was late', async () => {
    await send(sut, buildSettled(7, 'late', { unitCode: 'huyen' }));
    const sutStats = await stats(sut, 'huyen', { from: '2025-05-01', to: '2025-05-31' });
    expect(sutStats.settled).toEqual({ total: 7, early: 0, onTime: 0, late: 7 });
    expect([sutStats.onTimePercent, sutStats.latePercent, sutStats.onTimeRate, sutStats.lateRate]).toEqual(['0.00', '100.00', 0, 1]);
  });

  it('counts a result by its local day: 23:30 on 30 June is June, 00:30 on 1 July is July', async () => {
    const june = buildDossier({ unitCode: 'xa-b', receivedAt: '2025-06-25T08:00', dueAt: '2025-07-05', resolvedAt: '2025-06-30T23:30:00+07:00' });
    const july = buildDossier({ unitCode: 'xa-b', receivedAt: '2025-06-25T08:00', dueAt: '2025-07-05', resolvedAt: '2025-06-30T17:30:00Z' });
    sut.clock.set('2025-07-02T03:00:00Z');
    await send(sut, [june, july]);
    const byMonth = await stats(sut, 'xa-b', { from: '2025-06-01', to: '2025-07-31', groupBy: 'month' });
    const settledIn = (key: string) => byMonth.groups.find((group: { key: string }) => group.key === key).settled.total;
    expect(settledIn('2025-06')).toBe(1);
    expect(settledIn('2025-07')).toBe(1);
    sut.clock.set('2025-06-10T03:07:03Z');
  });

  it('turns an open dossier overdue by the passing of time alone, and judges a past period at its end', async () => {
    const open = buildDossier({ code: 'OPEN-1', unitCode: 'xa-b', status: 'processing', receivedAt: '2025-06-10T08:00', dueAt: '2025-06-12' });
    await send(sut, [open]);
    const period = { from: '2025-06-10', to: '2025-06-30' };
    const overdueNow = async () => (await stats(sut, 'xa-b', period)).open.overdue;
    const before = await overdueNow();

    sut.clock.set('2025-06-12T16:59:59.999Z'); // 23:59:59.999 local on the due day
    expect(await overdueNow()).toBe(before);
    sut.clock.set('2025-06-12T17:00:00.000Z'); // midnight local: the deadline has passed
    expect(await overdueNow()).toBe(before + 1);

    const judgedAtEndOfJune11 = await stats(sut, 'xa-b', { from: '2025-06-10', to: '2025-06-11' });
    expect(judgedAtEndOfJune11.judgedAt).toBe('2025-06-11T16:59:59.999Z');
    expect(judgedAtEndOfJune11.open.overdue).toBe(before);
    sut.clock.set('2025-06-10T03:07:03Z');
  });

  it('keeps a waiting dossier out of overdue while the applicant holds it', async () => {
    await send(sut, [buildDossier({ unitCode: 'xa-b', status: 'waiting', receivedAt: '2025-05-01T08:00', dueAt: '2025-05-05' })]);
    const sutStats = await stats(sut, 'xa-b', { from: '2025-05-01', to: '2025-06-10' });
    expect(sutStats.open.waiting).toBe(1);
    expect(sutStats.open.onTrack).toBeGreaterThanOrEqual(1);
    expect(sutStats.open.total).toBe(sutStats.open.onTrack + sutStats.open.overdue);
  });

  it('adds the units below with includeChildren, and the unit groups add up to the whole', async () => {
    const [a, b, own] = await Promise.all(['xa-a', 'xa-b', 'huyen'].map((code) => stats(sut, code, { from: '2025-01-01', to: '2025-06-10' })));
    const district = await stats(sut, 'huyen', { from: '2025-01-01', to: '2025-06-10', includeChildren: true, groupBy: 'unit' });
    expect(district.settled.total).toBe(a.settled.total + b.settled.total + own.settled.total);
    expect(district.received.total).toBe(a.received.total + b.received.total + own.received.total);
    expect(district.open.total).toBe(a.open.total + b.open.total + own.open.total);
    expect(district.groups.map((group: { key: string }) => group.key)).toEqual(['huyen', 'xa-a', 'xa-b']);
    expect(figuresOf(district.groups[1])).toEqual(figuresOf(a));
    const province = await stats(sut, 'tinh', { from: '2025-01-01', to: '2025-06-10', includeChildren: true, groupBy: 'unit' });
    expect(province.groups.map((group: { key: string }) => group.key)).toEqual(['huyen']);
    expect(figuresOf(province.groups[0])).toEqual(figuresOf(district));
  });

  it.each`
    query                                 | status | message
    ${{ from: '2025-13-01' }}             | ${400} | ${'from: "2025-13-01" is not a date YYYY-MM-DD'}
    ${{ from: '2025-06-02', to: '2025-06-01' }} | ${400} | ${'from (2025-06-02) is after to (2025-06-01)'}
    ${{ groupBy: 'weekday' }}             | ${400} | ${'groupBy: must be one of field, channel, month, unit'}
    ${{ includeChildren: 'yes' }}         | ${400} | ${'includeChildren: must be true or false'}
    ${{ decimals: 9 }}                    | ${400} | ${'decimals: must be an integer 0–4'}
  `('answers $status for $query', async ({ query, status, message }) => {
    const response = await sut.http.get('/api/v1/units/xa-a/stats').query(query);
    expect(response.status).toBe(status);
    expect(response.body.message).toBe(message);
  });

  it('answers 404 for an unknown unit', async () => {
    const response = await sut.http.get('/api/v1/units/nowhere/stats');
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('unit "nowhere" does not exist');
  });
});

describeEachDatabase('SQL figures equal the dossier-by-dossier definition on random data', (kind) => {
  let sut: TestApp;
  const facts: { unitCode: string; field: string; channel: Channel; fact: DossierFacts }[] = [];

  beforeAll(async () => {
    sut = await startTestApp(kind, 'random', { now: '2025-06-10T03:07:03Z' });
    await createTree(sut);
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const statuses: DossierStatus[] = ['resolved', 'resolved', 'resolved', 'refused', 'processing', 'processing', 'waiting', 'withdrawn', 'denied'];
    const channels: Channel[] = ['direct', 'online', 'postal'];
    const fields = ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Khác'];
    const now = sut.clock.now().getTime();
    const start = at('2024-10-01T00:00').getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const records: RecordInput[] = [];
    for (let i = 0; i < 1200; i++) {
      const receivedMs = start + next(now - start);
      const status = statuses[next(statuses.length)];
      const dueMs = receivedMs + next(20 * 86_400_000);
      const record: RecordInput = {
        code: `R-${i}`,
        unitCode: ['xa-a', 'xa-b', 'huyen'][next(3)],
        field: fields[next(fields.length)],
        channel: channels[next(3)],
        status,
        receivedAt: iso(receivedMs),
        // Half the deadlines are bare dates (end of that local day).
        dueAt: next(2) ? iso(dueMs) : new Date(dueMs + 7 * 3_600_000).toISOString().slice(0, 10),
      };
      if (status === 'resolved' || status === 'refused') record.resolvedAt = iso(Math.min(now, receivedMs + next(25 * 86_400_000)));
      if (status === 'withdrawn') record.withdrawnAt = iso(Math.min(now, receivedMs + next(10 * 86_400_000)));
      if (record.dueAt && at(record.dueAt, 'end').getTime() < receivedMs) record.dueAt = iso(receivedMs);
      records.push(record);
      facts.push({
        unitCode: record.unitCode!,
        field: record.field!,
        channel: record.channel as Channel,
        fact: {
          status,
          channel: record.channel as Channel,
          receivedAt: at(record.receivedAt!),
          dueAt: at(record.dueAt!, 'end'),
          resolvedAt: record.resolvedAt ? at(record.resolvedAt) : null,
          withdrawnAt: record.withdrawnAt ? at(record.withdrawnAt) : null,
        },
      });
    }
    expect((await send(sut, records)).body).toMatchObject({ created: 1200, rejected: [] });
  });
  afterAll(() => sut?.close());

  const periods = [
    ['2025-01-01', '2025-06-10'],
    ['2025-03-01', '2025-03-31'],
    ['2024-12-15', '2025-02-14'],
    ['2025-06-10', '2025-06-10'],
    ['2025-05-20', '2025-06-30'],
    ['2024-10-01', '2025-06-10'],
  ];

  it.each(periods)('%s → %s, for a commune and for the district with its communes, now and 9 days later', async (from, to) => {
    for (const nowText of ['2025-06-10T03:07:03Z', '2025-06-19T03:07:03Z']) {
      sut.clock.set(nowText);
      const now = new Date(nowText);
      const commune = await stats(sut, 'xa-a', { from, to });
      const expectedCommune = countDossiers(facts.filter((f) => f.unitCode === 'xa-a').map((f) => f.fact), { from, to }, now);
      expect(figuresOf(commune)).toEqual(deriveFigures(expectedCommune));

      const district = await stats(sut, 'huyen', { from, to, includeChildren: true });
      const expectedDistrict = deriveFigures(countDossiers(facts.map((f) => f.fact), { from, to }, now));
      expect(figuresOf(district)).toEqual(expectedDistrict);
      // The identity of docs/figures.md §5: open at the end = carried over + received − settled − withdrawn.
      expect(district.open.total).toBe(district.carriedOver + district.received.total - district.settled.total - district.withdrawn);
    }
    sut.clock.set('2025-06-10T03:07:03Z');
  });

  it.each(['field', 'channel'])('groups by %s: each group equals the definition on its dossiers, and they add up', async (groupBy) => {
    const period = { from: '2025-01-01', to: '2025-06-10' };
    const answer = await stats(sut, 'huyen', { ...period, includeChildren: true, groupBy });
    const now = sut.clock.now();
    for (const group of answer.groups) {
      const members = facts.filter((f) => (groupBy === 'field' ? f.field : f.channel) === group.key).map((f) => f.fact);
      expect(figuresOf(group)).toEqual(deriveFigures(countDossiers(members, period, now)));
    }
    const sum = (pick: (g: any) => number) => answer.groups.reduce((total: number, g: any) => total + pick(g), 0);
    expect(sum((g) => g.settled.total)).toBe(answer.settled.total);
    expect(sum((g) => g.received.total)).toBe(answer.received.total);
    expect(sum((g) => g.open.overdue)).toBe(answer.open.overdue);
    expect(sum((g) => g.carriedOver)).toBe(answer.carriedOver);
  });

  it('groups by month: each month is the period clipped to that month', async () => {
    const answer = await stats(sut, 'huyen', { from: '2025-01-15', to: '2025-04-10', includeChildren: true, groupBy: 'month' });
    expect(answer.groups.map((g: { key: string }) => g.key)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    const now = sut.clock.now();
    const clipped = [['2025-01-15', '2025-01-31'], ['2025-02-01', '2025-02-28'], ['2025-03-01', '2025-03-31'], ['2025-04-01', '2025-04-10']];
    clipped.forEach(([from, to], i) => {
      expect(figuresOf(answer.groups[i])).toEqual(deriveFigures(countDossiers(facts.map((f) => f.fact), { from, to }, now)));
    });
    expect(answer.groups[0].carriedOver).toBe(answer.carriedOver);
    expect(answer.groups.reduce((n: number, g: any) => n + g.settled.total, 0)).toBe(answer.settled.total);
  });
});
