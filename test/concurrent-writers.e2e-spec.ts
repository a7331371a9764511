import { DataSource } from 'typeorm';
import { RollupsService } from '../src/dossiers/rollups/rollups.service';
import { buildDossier } from './factories/dossier.factory';
import { seededRandom } from './factories/export.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { send, stats } from './support/tree';

const NOW = '2025-06-10T03:07:03Z';
const COMMUNES = ['xa-1', 'xa-2', 'xa-3', 'xa-4', 'xa-5', 'xa-6'];
const WRITERS = 4;
const BATCHES = 12;
const BATCH = 150;
/** Codes a writer draws from: writers overlap on every code, so the same dossier is written by several at once. */
const CODES = 400;


/** One batch of a writer: every commune mixed in it, codes shared with the other writers, contents differing. */
function batchOf(writer: number, batch: number) {
  const random = seededRandom(writer * 1000 + batch);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  return Array.from({ length: BATCH }, (_, i) => {
    const n = Math.floor(random() * CODES);
    const day = 1 + Math.floor(random() * 28);
    const status = pick(['resolved', 'resolved', 'processing', 'withdrawn']);
    const late = random() < 0.2;
    return buildDossier({
      code: `HS-${String(n).padStart(4, '0')}`,
      // A code belongs to one commune, so the same dossier is the same row whoever sends it.
      unitCode: COMMUNES[n % COMMUNES.length],
      field: pick(['Hộ tịch', 'Chứng thực', 'Đất đai']),
      channel: pick(['direct', 'online', 'postal']),
      status,
      receivedAt: `2025-05-${String(day).padStart(2, '0')}T08:00:00`,
      dueAt: `2025-05-${String(Math.min(day + (late ? 0 : 5), 28)).padStart(2, '0')}`,
      ...(status === 'resolved' ? { resolvedAt: `2025-05-${String(Math.min(day + (late ? 2 : 1), 28)).padStart(2, '0')}T10:00:00` } : {}),
      ...(status === 'withdrawn' ? { withdrawnAt: `2025-05-${String(day).padStart(2, '0')}T15:00:00` } : {}),
      // Each write is newer than the last of its writer, so none is refused as stale by its own writer.
      sourceUpdatedAt: new Date(Date.parse('2025-06-01T00:00:00Z') + (batch * BATCH + i) * 1000 + writer).toISOString(),
    });
  });
}

/**
 * Four writers at once, each sending batches that mix every commune and overlap on the same
 * dossiers: on MariaDB through four instances of the service on one database, on SQLite through
 * one (its single writer). Nothing is answered 500, every dossier is stored as its newest
 * record says, and `rollups check` (RollupsService.check) then finds nothing to mend.
 */
describeEachDatabase('four concurrent writers of overlapping units', (kind) => {
  const instances: TestApp[] = [];

  beforeAll(async () => {
    const first = await startTestApp(kind, 'writers', { now: NOW });
    instances.push(first);
    await first.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'tinh', name: 'Tỉnh Thử', level: 'province' }).expect(201);
    for (const code of COMMUNES) await first.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code, name: `Xã ${code.slice(3)}`, level: 'commune', parentCode: 'tinh' }).expect(201);
    // The embedded SQLite has one writer by design: its four writers share the one instance.
    const more = kind === 'mysql' ? WRITERS - 1 : 0;
    for (let i = 0; i < more; i++) instances.push(await startTestApp(kind, 'writers', { now: NOW, database: first.database }));
  }, 120_000);
  afterAll(async () => {
    for (const instance of instances.slice(1).reverse()) await instance.close();
    await instances[0]?.close();
  });

  it('stores every record, answers none with a 500, and leaves rollups that a check finds nothing wrong with', async () => {
    const answers: { writer: number; batch: number; status: number; body: unknown }[] = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const instance = instances[writer % instances.length];
        for (let batch = 0; batch < BATCHES; batch++) {
          const response = await send(instance, batchOf(writer, batch));
          answers.push({ writer, batch, status: response.status, body: response.status === 200 ? null : response.body });
        }
      }),
    );

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    // What each code must hold: the record with the newest sourceUpdatedAt among all writers'.
    const newest = new Map<string, { unitCode: string; sourceUpdatedAt: string; status: string }>();
    for (let writer = 0; writer < WRITERS; writer++) {
      for (let batch = 0; batch < BATCHES; batch++) {
        for (const record of batchOf(writer, batch) as { code: string; unitCode: string; sourceUpdatedAt: string; status: string }[]) {
          const known = newest.get(record.code);
          if (!known || known.sourceUpdatedAt < record.sourceUpdatedAt) newest.set(record.code, record);
        }
      }
    }
    const stored: { code: string; status: string; sourceUpdatedAt: Date | string }[] = await instances[0].app
      .get(DataSource)
      .query('SELECT code, status, sourceUpdatedAt FROM dossiers ORDER BY code');
    expect(stored.map((row) => [row.code, row.status, new Date(typeof row.sourceUpdatedAt === 'string' && !row.sourceUpdatedAt.endsWith('Z') ? `${row.sourceUpdatedAt}Z` : row.sourceUpdatedAt).toISOString()])).toEqual(
      [...newest.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, record]) => [code, record.status, record.sourceUpdatedAt]),
    );

    for (const instance of instances) expect(await instance.app.get(RollupsService).check()).toEqual([]);
    const period = { from: '2025-01-01', to: '2025-06-10', includeChildren: true };
    const figures = await Promise.all(instances.map((instance) => stats(instance, 'tinh', period)));
    for (const answer of figures) expect(answer.settled).toEqual(figures[0].settled);
    expect(figures[0].received.total + figures[0].carriedOver).toBeGreaterThan(0);
  });
});
