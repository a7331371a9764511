import { DataSource } from 'typeorm';
import { IX_UNIT_STATUS_DUE, IX_UNIT_STATUS_SUPPLEMENT } from '../src/dossiers/dossier.entity';
import { buildDossier } from './factories/dossier.factory';
import { TestApp, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

describeEachDatabase('the Decision 766 scorecard (docs/figures.md §11)', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'index766', { now: '2025-06-10T03:07:03Z' });
    await createTree(sut);
    const sent = await send(sut, [
      // xa-a: 3 finished in May (one late), one open and overdue at the end of May; facts on two.
      buildDossier({ unitCode: 'xa-a', channel: 'online', electronicResult: true, digitized: true, resultDigitized: true, reusedData: true, vneidVerified: true, feeAmount: 50000, paidOnline: 'dvcqg' }),
      buildDossier({ unitCode: 'xa-a', feeAmount: 20000 }),
      buildDossier({ unitCode: 'xa-a', dueAt: '2025-05-05' }),
      buildDossier({ unitCode: 'xa-a', status: 'processing', receivedAt: '2025-05-20T08:00:00', dueAt: '2025-05-27', complaint: true }),
      // xa-b: all on time.
      buildDossier({ unitCode: 'xa-b', channel: 'online', electronicResult: true }),
    ]);
    expect(sent.body).toMatchObject({ created: 5, rejected: [] });
  });
  afterAll(() => sut?.close());

  const card = async (code: string, query: Record<string, string | boolean> = {}) => {
    const response = await sut.http.get(`/api/v1/units/${code}/index766`).query(query);
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const indicator = (answer: { groups: { indicators: { id: string }[] }[] }, id: string) => answer.groups.flatMap((group) => group.indicators).find((item) => item.id === id) as Record<string, unknown>;

  it('gives 2.1 as the stats give progressIndex, with its points, and the other indicators from the record’s facts', async () => {
    const answer = await card('xa-a', { period: '2025-05' });
    const figures = await stats(sut, 'xa-a', { from: '2025-05-01', to: '2025-05-31' });

    expect(answer.period).toEqual({ from: '2025-05-01', to: '2025-05-31', label: '2025-05' });
    expect(indicator(answer, '2.1')).toMatchObject({ numerator: 2, denominator: 4, ratio: 0.5, points: 10, maxPoints: 20 });
    expect(indicator(answer, '2.1').ratio).toBe(figures.progressIndex);
    expect(figures.progressScore).toBe(10);
    expect(indicator(answer, '3.3')).toMatchObject({ numerator: 1, denominator: 4 });
    expect(indicator(answer, '4.1')).toMatchObject({ numerator: 1, denominator: 3, points: 2 });
    expect(indicator(answer, '3.6')).toMatchObject({ numerator: 1, denominator: 2, points: 3 });
    expect(indicator(answer, '5.4')).toMatchObject({ numerator: null, denominator: null, components: { lateRate: 0.5, complaintRate: 0.25 } });
    expect(answer.maxPoints).toBe(50);
    expect(answer.notComputed.length).toBeGreaterThan(0);
  });

  it('ranks the units directly below by points, each with its weakest indicator', async () => {
    const response = await sut.http.get('/api/v1/units/huyen/index766/ranking').query({ period: '2025-05' }).expect(200);

    expect(response.body.units.map((row: { unit: { code: string }; rank: number }) => [row.rank, row.unit.code])).toEqual([[1, 'xa-b'], [2, 'xa-a']]);
    expect(response.body.units[1].weakest).toMatchObject({ id: '2.1', onePointMore: { dossiers: 1, text: '1 hồ sơ trễ hạn' } });
  });

  it('judges this month’s open dossiers from the two indexes it names, each read alone', async () => {
    // The index766 bench: MariaDB sizing every index's range per unit cost 200 ms of a province's
    // scorecard at 2 million dossiers, a lookup of each open dossier with a request 8 more; SQLite
    // read the requests through the unit-and-receipt index, every dossier of the unit.
    const dataSource = sut.app.get(DataSource);
    const spy = jest.spyOn(dataSource.manager, 'query');
    let reads: [string, unknown[]][];
    try {
      await card('huyen', { period: '2025-06' });
      reads = spy.mock.calls.filter(([sql]) => /FROM dossiers\b/.test(sql)).map(([sql, params]) => [sql, (params as unknown[] | undefined) ?? []]);
    } finally {
      spy.mockRestore();
    }
    expect(reads.map(([sql]) => (sql.includes('supplementAt IS NOT NULL') ? IX_UNIT_STATUS_SUPPLEMENT : IX_UNIT_STATUS_DUE)).sort()).toEqual([IX_UNIT_STATUS_DUE, IX_UNIT_STATUS_SUPPLEMENT]);
    for (const [sql, params] of reads) {
      const index = sql.includes('supplementAt IS NOT NULL') ? IX_UNIT_STATUS_SUPPLEMENT : IX_UNIT_STATUS_DUE;
      if (kind === 'mysql') {
        const [plan] = await dataSource.query(`EXPLAIN ${sql}`, params);
        expect([plan.key, plan.Extra]).toEqual([index, expect.stringContaining('Using index')]);
      } else {
        const plan: { detail: string }[] = await dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, params);
        expect(plan.map((step) => step.detail).join('; ')).toContain(`USING COVERING INDEX ${index} `);
      }
    }
  });

  it('shows "—" (null) for a month without dossiers, and refuses a period not begun or malformed', async () => {
    const empty = await card('xa-b', { period: '2025-03' });
    expect(empty.points).toBeNull();
    expect(indicator(empty, '2.1')).toMatchObject({ ratio: null, points: null });

    const future = await sut.http.get('/api/v1/units/xa-a/index766').query({ period: '2025-07' }).expect(400);
    expect(future.body.message).toContain('has not begun yet');
    const bad = await sut.http.get('/api/v1/units/xa-a/index766').query({ period: '2025-13' }).expect(400);
    expect(bad.body.message).toContain('period: must be');
    await sut.http.get('/api/v1/units/nowhere/index766').expect(404);
  });
});
