import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ImportsService } from '../src/imports/imports.service';
import { ReportRun } from '../src/reports/report.entities';
import { ReportsService } from '../src/reports/reports.service';
import { UnitSuccession } from '../src/units/unit-history.entities';
import { Unit } from '../src/units/unit.entity';
import { EXPORT_HEADINGS, buildExportRows, writeCsv } from './factories/export.factory';
import { buildDossier } from './factories/dossier.factory';
import { signedIn } from './support/console';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send } from './support/tree';

/**
 * A unit retired by a reorganization still takes the late updates of its own dossiers (received
 * on or before its last day), from the JSON API, its own key and a file; a dossier received after
 * that day is refused naming the unit that carries its history, and its siblings are stored.
 */
describeEachDatabase('records for a retired unit', (kind) => {
  let sut: TestApp;
  let unitKey: string;
  let dir: string;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'retired', { now: '2025-07-10T03:00:00Z' });
    await createTree(sut);
    unitKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'một cửa xã A', unitCode: 'xa-a' })).body.key;
    // xa-a merged into xa-b on 2025-07-01, as a reorganization leaves it: last day, and who carries its history.
    const units = sut.app.get(DataSource).getRepository(Unit);
    await units.update({ code: 'xa-a' }, { validTo: '2025-06-30' });
    const [from, to] = [await units.findOneByOrFail({ code: 'xa-a' }), await units.findOneByOrFail({ code: 'xa-b' })];
    await sut.app.get(DataSource).getRepository(UnitSuccession).insert({ fromUnitId: from.id, toUnitId: to.id, carriesHistory: true, effectiveOn: '2025-07-01', reorganizationId: null });
    dir = mkdtempSync(join(tmpdir(), 'tthc-retired-'));
  }, 120_000);
  afterAll(async () => {
    await sut?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const REFUSED = 'unitCode: unit "xa-a" was retired after 2025-06-30; a dossier received later is not its own (send it for "xa-b", which carries its history)';

  it('stores a late update received on its last day and refuses one received the day after, naming the successor', async () => {
    const late = buildDossier({ code: 'CU-1', unitCode: 'xa-a', receivedAt: '2025-06-30T16:00:00', dueAt: '2025-07-04', resolvedAt: '2025-07-03T09:00:00' });
    const after = buildDossier({ code: 'CU-2', unitCode: 'xa-a', receivedAt: '2025-07-01T08:00:00', dueAt: '2025-07-04', resolvedAt: '2025-07-03T09:00:00' });
    const successor = buildDossier({ code: 'MOI-1', unitCode: 'xa-b', receivedAt: '2025-07-01T08:00:00', dueAt: '2025-07-04', resolvedAt: '2025-07-03T09:00:00' });
    const answer = await send(sut, [late, after, successor]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ created: 2, rejected: [{ index: 1, code: 'CU-2', errors: [REFUSED] }] });
  });

  it("lets the retired unit's own key send its late updates, and nothing new", async () => {
    const update = buildDossier({ code: 'CU-1', unitCode: 'xa-a', status: 'resolved', receivedAt: '2025-06-30T16:00:00', dueAt: '2025-07-04', resolvedAt: '2025-07-02T09:00:00' });
    const fresh = buildDossier({ code: 'CU-3', unitCode: 'xa-a', receivedAt: '2025-07-09T08:00:00', dueAt: '2025-07-14', resolvedAt: '2025-07-09T10:00:00' });
    const answer = await send(sut, [update, fresh], unitKey);
    expect(answer.body).toMatchObject({ updated: 1, rejected: [{ index: 1, code: 'CU-3', errors: [REFUSED] }] });
  });

  it('refuses such rows of a file by line, and loads the others', async () => {
    const rows = buildExportRows(4, { seed: 61, codePrefix: 'FILE' });
    // The third row was received after the unit's last day (line 4 of the file, after the header).
    rows[2] = { ...rows[2], [EXPORT_HEADINGS.status]: 'Đã giải quyết', [EXPORT_HEADINGS.receivedAt]: '02/07/2025 08:00', [EXPORT_HEADINGS.dueAt]: '04/07/2025 17:00', [EXPORT_HEADINGS.resolvedAt]: '03/07/2025 09:00' };
    writeCsv(join(dir, 'retired.csv'), rows);
    const upload = await sut.http.post('/api/v1/imports').set(bearer(ADMIN_KEY)).field('unitCode', 'xa-a').attach('file', join(dir, 'retired.csv'));
    expect(upload.status).toBe(202);
    await sut.app.get(ImportsService).settled();
    const done = (await sut.http.get(`/api/v1/imports/${upload.body.id}`).set(bearer(ADMIN_KEY))).body;
    expect(done).toMatchObject({ status: 'done', counts: { created: 3, rejected: 1 }, rejectedRows: [{ line: 4, code: 'FILE-000003', errors: [REFUSED] }] });
  });

  it("sends a retired unit's subscription for the period holding its last day, then stops, and says why in the API and the console", async () => {
    sut.clock.set('2025-05-20T03:00:00Z');
    const body = { unitCode: 'xa-a', includeChildren: false, recipients: ['chu-tich@xa-a.gov.vn'], periodKind: 'month', monthStartDay: 1, sendAt: '07:00', sendDay: 1, locale: 'vi', skipWhenEmpty: false, enabled: true };
    const created = (await sut.http.post('/api/v1/report-subscriptions').set(bearer(ADMIN_KEY)).send(body).expect(201)).body;
    const runs = () => sut.app.get(DataSource).getRepository(ReportRun).find({ where: { subscriptionId: created.id }, order: { periodName: 'ASC' } });
    try {
      for (const moment of ['2025-06-01T01:00:00Z', '2025-07-01T01:00:00Z', '2025-08-01T01:00:00Z', '2025-09-05T01:00:00Z']) {
        sut.clock.set(moment);
        await sut.app.get(ReportsService).tick();
      }
      expect((await runs()).map((run) => run.periodName)).toEqual(['2025-05', '2025-06']);
      const view = (await sut.http.get(`/api/v1/report-subscriptions/${created.id}`).set(bearer(ADMIN_KEY)).expect(200)).body;
      expect(view).toMatchObject({ next: null, stopped: { reason: 'unit-retired', lastDay: '2025-06-30', lastPeriod: '2025-06' } });
      const desk = await signedIn(sut, `lanh-dao-${kind}@xa-a.gov.vn`, 'manager', 'xa-a');
      const page = await desk.agent.get('/admin/reports').expect(200);
      expect(page.text).toContain('Đã dừng: đơn vị hết hiệu lực sau ngày 30/06/2025 (sắp xếp đơn vị hành chính); kỳ cuối cùng là 2025-06.');
    } finally {
      sut.clock.set('2025-07-10T03:00:00Z');
    }
  });
});
