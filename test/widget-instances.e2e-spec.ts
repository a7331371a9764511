import { DataSource } from 'typeorm';
import { buildSettled } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, startTestApp } from './support/test-app';
import { send } from './support/tree';

/**
 * Two instances of the service behind one load balancer, on one MariaDB database: the widget of
 * instance A revalidates from memory for WIDGET_REVALIDATE_MS, and still shows what instance B
 * accepted within that window. MySQL only: the SQLite file is one process's database.
 * The window's elapsed time is the test's stopwatch: it passes when the test moves it, so the
 * outcome is the same on a fast machine and a slow one.
 */
const REVALIDATE_MS = 1000;

const describeMysql = process.env.TTHC_TEST_MYSQL === '0' ? describe.skip : describe;

describeMysql('the widget on two instances sharing one database [mysql]', () => {
  let instanceA: TestApp;
  let instanceB: TestApp;
  let queriesOfA: jest.SpyInstance;

  beforeAll(async () => {
    instanceA = await startTestApp('mysql', 'widget_instances', { env: { WIDGET_REVALIDATE_MS: String(REVALIDATE_MS) } });
    instanceB = await startTestApp('mysql', 'widget_instances', { database: instanceA.database, env: { WIDGET_REVALIDATE_MS: String(REVALIDATE_MS) } });
    // A province with districts and communes below, as a provincial portal embeds it.
    const units: Record<string, string>[] = [{ code: 'tinh', name: 'Tỉnh Thử', level: 'province' }];
    for (let d = 1; d <= 3; d++) {
      units.push({ code: `huyen-${d}`, name: `Huyện ${d}`, level: 'district', parentCode: 'tinh' });
      for (let c = 1; c <= 8; c++) units.push({ code: `xa-${d}-${c}`, name: `Xã ${d}.${c}`, level: 'commune', parentCode: `huyen-${d}` });
    }
    for (const unit of units) await instanceB.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    expect((await send(instanceB, buildSettled(4, 'early', { unitCode: 'xa-1-1' }))).body.created).toBe(4);
    // Every statement A sends to the database goes through its TypeORM logger: a real count.
    queriesOfA = jest.spyOn(instanceA.app.get(DataSource).logger, 'logQuery');
  });
  afterAll(async () => {
    queriesOfA?.mockRestore();
    await instanceB?.close();
    await instanceA?.close();
  });

  const widgetOfA = () => instanceA.http.get('/widget/tinh.json').expect(200);

  it('answers a hot request, and its 304, without a single database query', async () => {
    const warm = await widgetOfA();
    expect(warm.body).toMatchObject({ includeChildren: true, settled: { total: 4 } });

    queriesOfA.mockClear();
    const hot = await widgetOfA();
    const revalidated = await instanceA.http.get('/widget/tinh.json').set('If-None-Match', warm.headers.etag).expect(304);

    expect(queriesOfA).not.toHaveBeenCalled();
    expect(hot.body).toEqual(warm.body);
    expect(hot.headers.etag).toBe(warm.headers.etag);
    expect(revalidated.headers.etag).toBe(warm.headers.etag);
  });

  it('shares one scope read among concurrent requests once the window is over', async () => {
    await widgetOfA();
    instanceA.stopwatch.advance(REVALIDATE_MS + 1);
    queriesOfA.mockClear();

    await Promise.all(Array.from({ length: 20 }, () => widgetOfA()));

    // One scope read for the twenty, where each used to make its own (the tree's units, parent
    // rows and successions as plain rows, then the counted units whole: four queries); the
    // figures did not change, so nothing is counted again.
    expect(queriesOfA.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(queriesOfA.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('shows figures accepted by instance B within the revalidation window', async () => {
    const before = (await widgetOfA()).body;
    expect(before.settled).toMatchObject({ total: 4, late: 0 });

    const accepted = await send(instanceB, [...buildSettled(2, 'late', { unitCode: 'xa-3-8' }), ...buildSettled(3, 'onTime', { unitCode: 'huyen-2' })]);
    expect(accepted.body.created).toBe(5);

    // Inside the window A answers from memory: B's write is not seen yet, however long it took.
    instanceA.stopwatch.advance(REVALIDATE_MS - 1);
    expect((await widgetOfA()).body.settled).toMatchObject({ total: 4, late: 0 });
    // The window is over: the next request asks the database and shows B's figures.
    instanceA.stopwatch.advance(2);
    expect((await widgetOfA()).body.settled).toMatchObject({ total: 9, late: 2, onTime: 3, early: 4 });
  });

  it('sees its own writes at once, without waiting for the window', async () => {
    await widgetOfA();
    const accepted = await send(instanceA, buildSettled(1, 'late', { unitCode: 'xa-2-2' }));
    expect(accepted.body.created).toBe(1);

    expect((await widgetOfA()).body.settled).toMatchObject({ total: 10, late: 3 });
  });
});
