import { RollupsService } from '../src/dossiers/rollups/rollups.service';
import { countDossiers, deriveFigures } from '../src/stats/figures';
import { periodByName } from '../src/reports/periods';
import { ReportBuilder } from '../src/reports/report-builder.service';
import { SubscriptionsService } from '../src/reports/subscriptions.service';
import { buildDossier } from './factories/dossier.factory';
import { storedFacts } from './support/stored-facts';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

/**
 * The two halves together: a merge sent through the API moves the figures as the rule of whose
 * dossiers count says — the successor's year holds its predecessor's dossiers, a late update of
 * the retired unit counts there, the district's total counts each dossier once — and a widget
 * served before the act shows the new figures at once.
 */
describeEachDatabase('figures across a reorganization sent through the API', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'reorg-figures', { now: '2025-07-10T03:00:00Z' });
    await createTree(sut);
    const before = (code: string, unitCode: string) => buildDossier({ code, unitCode, receivedAt: '2025-06-02T08:00:00', dueAt: '2025-06-10', resolvedAt: '2025-06-05T09:00:00' });
    await send(sut, [before('A-1', 'xa-a'), before('A-2', 'xa-a'), before('B-1', 'xa-b')]).then((answer) => expect(answer.body.created).toBe(3));
  }, 120_000);
  afterAll(async () => {
    await sut?.close();
  });

  const year = { from: '2025-01-01', to: '2025-07-10' };

  it('counts the retired unit’s dossiers, and its late updates, in the unit that carries its history', async () => {
    const widgetBefore = (await sut.http.get('/widget/xa-b.json').query(year).expect(200)).body;
    expect((await stats(sut, 'xa-b', year)).settled.total).toBe(1);

    const act = { effectiveOn: '2025-07-01', reference: 'Nghị quyết thử nghiệm', changes: [{ op: 'merge', from: ['xa-a', 'xa-b'], into: 'xa-b' }] };
    await sut.http.post('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).send(act).expect(201);
    // A late update of the retired commune's dossier, received before its last day.
    const late = buildDossier({ code: 'A-3', unitCode: 'xa-a', receivedAt: '2025-06-28T08:00:00', dueAt: '2025-07-04', resolvedAt: '2025-07-08T09:00:00' });
    expect((await send(sut, [late])).body.created).toBe(1);

    const successor = await stats(sut, 'xa-b', year);
    expect(successor.settled).toMatchObject({ total: 4, late: 1 });
    expect((await stats(sut, 'xa-b', { ...year, includePredecessors: false })).settled.total).toBe(1);
    expect((await stats(sut, 'huyen', { ...year, includeChildren: true })).settled.total).toBe(4);
    // Before the act, the successor's own figures are unchanged when asked without its history.
    expect((await stats(sut, 'xa-b', { from: '2025-06-01', to: '2025-06-30', includePredecessors: false })).settled.total).toBe(1);

    expect(widgetBefore.settled.total).toBe(1);
    const widgetAfter = (await sut.http.get('/widget/xa-b.json').query(year).expect(200)).body;
    expect(widgetAfter.settled).toMatchObject({ total: 4, late: 1 });
    expect(widgetAfter.display.settled).toBe('4');
  });

  it("shows a retired commune's widget as its successor's figures, with the line naming it, in both languages", async () => {
    const json = (await sut.http.get('/widget/xa-a.json').query(year).expect(200)).body;
    expect(json.settled).toMatchObject({ total: 4, late: 1 });
    expect(json.notice).toEqual({ text: 'Đã hợp nhất vào Xã B từ 01/07/2025', retired: { code: 'xa-a', name: 'Xã A', lastDay: '2025-06-30', carrier: { code: 'xa-b', name: 'Xã B', since: '2025-07-01', split: false, lastDay: null } } });
    const html = (await sut.http.get('/widget/xa-a').query(year).expect(200)).text;
    expect(html).toContain('<p class="tthc-unit">Xã A</p>');
    expect(html).toContain('<p class="tthc-notice" data-field="notice">Đã hợp nhất vào Xã B từ 01/07/2025</p>');
    expect((await sut.http.get('/widget/xa-a').query({ ...year, lang: 'en' }).expect(200)).text).toContain('Merged into Xã B from 01/07/2025');
    // A unit that goes on has no such line.
    expect((await sut.http.get('/widget/xa-b.json').query(year).expect(200)).body.notice).toBeUndefined();
    expect((await sut.http.get('/widget/xa-b').query(year).expect(200)).text).not.toContain('data-field="notice"');
  });

  it('shows a unit retired with no successor as its own figures up to its last day', async () => {
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'ban-x', name: 'Ban X', level: 'agency', parentCode: 'tinh' }).expect(201);
    const inJune = buildDossier({ code: 'X-1', unitCode: 'ban-x', receivedAt: '2025-06-03T08:00:00', dueAt: '2025-06-10', resolvedAt: '2025-06-04T09:00:00' });
    expect((await send(sut, [inJune])).body.created).toBe(1);
    await sut.http.post('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).send({ effectiveOn: '2025-07-05', reference: 'Quyết định thử', changes: [{ op: 'retire', code: 'ban-x' }] }).expect(201);
    const json = (await sut.http.get('/widget/ban-x.json').expect(200)).body;
    expect(json.period).toEqual({ from: '2025-01-01', to: '2025-07-04' });
    expect(json.settled.total).toBe(1);
    expect(json.notice.text).toBe('Số liệu đến ngày 04/07/2025, ngày cuối cùng của đơn vị');
  });

  it("lists a retired commune's open dossiers under the unit that carries its history", async () => {
    const open = buildDossier({ code: 'A-OPEN', unitCode: 'xa-a', status: 'processing', receivedAt: '2025-06-27T08:00:00', dueAt: '2025-07-08', resolvedAt: undefined });
    expect((await send(sut, [open])).body.created).toBe(1);
    const list = (await sut.http.get('/api/v1/units/xa-b/open').set(bearer(ADMIN_KEY)).expect(200)).body;
    expect(JSON.stringify(list)).toContain('"A-OPEN"');
    const own = (await sut.http.get('/api/v1/units/xa-a/open').set(bearer(ADMIN_KEY)).expect(200)).body;
    expect(JSON.stringify(own)).toContain('"A-OPEN"');
  });

  it('keeps the rollups equal to a recount through writes before and after the act, and the successor equal to its units counted one by one', async () => {
    // Late updates of the retired commune and new dossiers of its successor, on every day around the act.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const HOUR = 3_600_000;
    const june10 = Date.UTC(2025, 5, 10, 1);
    const at = (ms: number) => new Date(ms).toISOString();
    const batch = Array.from({ length: 300 }, (_, i) => {
      const retired = next() < 0.5;
      // The retired commune's dossiers were received by its last day (30/06); the successor's at any time up to today (10/07).
      const received = june10 + Math.floor(next() * (retired ? 20 : 30) * 24) * HOUR;
      const settled = next() < 0.7;
      return buildDossier({
        code: `R-${i}`,
        unitCode: retired ? 'xa-a' : 'xa-b',
        status: settled ? 'resolved' : 'processing',
        receivedAt: at(received),
        dueAt: at(received + 3 * 24 * HOUR),
        resolvedAt: settled ? at(Math.min(received + Math.floor(next() * 6 * 24) * HOUR, Date.UTC(2025, 6, 10, 2))) : undefined,
      });
    });
    const answer = await send(sut, batch);
    expect(answer.body.rejected).toEqual([]);
    expect(await sut.app.get(RollupsService).check()).toEqual([]);

    const facts = await storedFacts(sut, ['xa-a', 'xa-b']);
    for (const period of [year, { from: '2025-06-01', to: '2025-06-30' }, { from: '2025-07-01', to: '2025-07-10' }]) {
      const expected = deriveFigures(countDossiers(facts, period, sut.clock.now()));
      const { settled, received, carriedOver, open } = await stats(sut, 'xa-b', period);
      expect({ period, settled, received, carriedOver, open }).toEqual({ period, settled: expected.settled, received: expected.received, carriedOver: expected.carriedOver, open: expected.open });
    }
  });

  it('lets a report subscription count the units whose history its unit carries, or not', async () => {
    const body = { unitCode: 'xa-b', includeChildren: false, recipients: ['chu-tich@xa-b.gov.vn'], periodKind: 'month', monthStartDay: 1, sendAt: '07:00', sendDay: 1, locale: 'vi', skipWhenEmpty: false, enabled: true };
    const withHistory = (await sut.http.post('/api/v1/report-subscriptions').set(bearer(ADMIN_KEY)).send(body).expect(201)).body;
    const ownOnly = (await sut.http.post('/api/v1/report-subscriptions').set(bearer(ADMIN_KEY)).send({ ...body, includePredecessors: false }).expect(201)).body;
    expect([withHistory.includePredecessors, ownOnly.includePredecessors]).toEqual([true, false]);
    const refused = await sut.http.post('/api/v1/report-subscriptions').set(bearer(ADMIN_KEY)).send({ ...body, includePredecessors: 'yes' }).expect(400);
    expect(refused.body.errors).toContain('includePredecessors: must be true or false');

    const june = periodByName('month', '2025-06', 1);
    const settledIn = async (id: number) => {
      const { subscription } = await sut.app.get(SubscriptionsService).get({ keyId: 0, role: 'admin', unit: null }, id);
      return (await sut.app.get(ReportBuilder).build(subscription, 'xa-b', june)).headline.settled.current ?? 0;
    };
    // June 2025: xa-a's two dossiers and R-… late updates settled then count only with its history.
    const all = await settledIn(withHistory.id);
    const own = await settledIn(ownOnly.id);
    expect(all).toBeGreaterThan(own);
    expect(all).toBe((await stats(sut, 'xa-b', { from: june.from, to: june.to })).settled.total);
    expect(own).toBe((await stats(sut, 'xa-b', { from: june.from, to: june.to, includePredecessors: false })).settled.total);
  });

  it('follows a line of successors: the notice names the last one from the day it took over, and one that ceased stops the figures there', async () => {
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-c', name: 'Xã C', level: 'commune', parentCode: 'huyen' }).expect(201);
    await sut.http.post('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).send({ effectiveOn: '2025-07-08', reference: 'Lần hai', changes: [{ op: 'merge', from: ['xa-b', 'xa-c'], into: 'xa-c' }] }).expect(201);
    expect((await sut.http.get('/widget/xa-a.json').query(year).expect(200)).body.notice.text).toBe('Đã hợp nhất vào Xã C từ 08/07/2025');
    const late = buildDossier({ code: 'A-LATE', unitCode: 'xa-a', receivedAt: '2025-07-09T08:00:00', dueAt: '2025-07-10', resolvedAt: '2025-07-09T10:00:00' });
    expect((await send(sut, [late])).body.rejected[0].errors[0]).toContain('send it for "xa-c", which carries its history');

    await sut.http.post('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).send({ effectiveOn: '2025-07-09', reference: 'Lần ba', changes: [{ op: 'retire', code: 'xa-c' }] }).expect(201);
    const json = (await sut.http.get('/widget/xa-a.json').query(year).expect(200)).body;
    expect(json.notice.text).toBe('Đã hợp nhất vào Xã C từ 08/07/2025 · Số liệu đến ngày 08/07/2025, ngày cuối cùng của đơn vị');
    expect(json.period.to).toBe('2025-07-08');
    expect((await send(sut, [late])).body.rejected[0].errors[0]).toContain('(no unit carries its history)');
  });
});
