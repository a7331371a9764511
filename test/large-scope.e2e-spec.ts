import { DataSource } from 'typeorm';
import { UNITS_PER_READ } from '../src/stats/rollup-store';
import { buildDossier } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { send, stats } from './support/tree';

/**
 * A scope of more units than one SQLite statement can name (a province with the communes of
 * before and after a reform): the figures are counted in parts and still add up.
 */
describeEachDatabase('a scope of 35,000 units', (kind) => {
  let sut: TestApp;
  const UNITS = 35_000;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'large-scope', { now: '2025-06-10T03:00:00Z' });
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'tinh', name: 'Tỉnh Lớn', level: 'province' }).expect(201);
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-dau', name: 'Xã Đầu', level: 'commune', parentCode: 'tinh' }).expect(201);
    const db = sut.app.get(DataSource);
    const [{ id: province, path }] = await db.query("SELECT id, path FROM units WHERE code = 'tinh'");
    // Written straight into the tables: the API would take minutes for so many units.
    for (let start = 0; start < UNITS; start += 500) {
      const rows = Array.from({ length: Math.min(500, UNITS - start) }, (_, i) => start + i);
      await db.query(
        `INSERT INTO units (code, name, level, parentId, path, dataVersion, createdAt) VALUES ${rows.map(() => "(?, ?, 'commune', ?, ?, 0, '2025-01-01 00:00:00.000')").join(', ')}`,
        rows.flatMap((n) => [`xa-${n}`, `Xã ${n}`, province, `${path}x${n}/`]),
      );
    }
    await db.query("INSERT INTO unit_parents (unitId, parentId, validFrom, validTo) SELECT id, parentId, NULL, NULL FROM units WHERE code LIKE 'xa-%' AND code <> 'xa-dau'");
    const settled = (code: string) => buildDossier({ unitCode: code, receivedAt: '2025-05-02T08:00:00', dueAt: '2025-05-09', resolvedAt: '2025-05-05T09:00:00' });
    expect((await send(sut, [settled('xa-dau'), settled('xa-0'), settled(`xa-${UNITS - 1}`)])).body.created).toBe(3);
  }, 300_000);
  afterAll(async () => {
    await sut?.close();
  });

  it('counts the province with every unit below, in parts, and the parts add up', async () => {
    expect(UNITS + 2).toBeGreaterThan(3 * UNITS_PER_READ);
    const answer = await stats(sut, 'tinh', { from: '2025-01-01', to: '2025-06-10', includeChildren: true });
    expect(answer.settled.total).toBe(3);
    expect(answer.received.total).toBe(3);
  }, 120_000);
});
