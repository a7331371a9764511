import { WidgetCache } from '../src/widget/widget-cache';
import { ResultsAnswerCache, ResultsPageCache } from '../src/widget/results.service';
import { buildDossier } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { REFORM_ACT, TWO_PROVINCES, send, stats } from './support/tree';


/** Every count a row carries, as numbers: what "the rows add up" is checked on. */
const COUNTS = (f: Record<string, any>) => ({
  settled: f.settled, received: f.received, carriedOver: f.carriedOver, withdrawn: f.withdrawn, denied: f.denied, open: f.open, progress766: f.progress766,
});

function addUp(rows: Record<string, any>[]) {
  const sum = (pick: (f: Record<string, any>) => Record<string, number>) => {
    const total: Record<string, number> = {};
    for (const row of rows) for (const [key, value] of Object.entries(pick(row))) total[key] = (total[key] ?? 0) + value;
    return total;
  };
  return {
    settled: sum((f) => f.settled), received: sum((f) => f.received), carriedOver: rows.reduce((n, f) => n + f.carriedOver, 0),
    withdrawn: rows.reduce((n, f) => n + f.withdrawn, 0), denied: rows.reduce((n, f) => n + f.denied, 0), open: sum((f) => f.open), progress766: sum((f) => f.progress766),
  };
}

/**
 * A province's public results page (`/cong-khai/{unit}`): today's communes, each with the
 * dossiers of the communes it was formed from, adding up to the province's stats, in a period
 * before the reform as well as after it.
 */
describeEachDatabase('the public results page of a reorganized province', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'results-page', { now: '2025-11-20T03:00:00Z' });
    for (const unit of TWO_PROVINCES) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    // Before the reform, in May: each old commune its own mix.
    const may = (unitCode: string, early: number, late: number, overdue: number) => [
      ...Array.from({ length: early }, () => buildDossier({ unitCode, receivedAt: '2025-05-02T08:00:00', dueAt: '2025-05-09', resolvedAt: '2025-05-06T10:00:00' })),
      ...Array.from({ length: late }, () => buildDossier({ unitCode, receivedAt: '2025-05-02T08:00:00', dueAt: '2025-05-05', resolvedAt: '2025-05-08T10:00:00' })),
      ...Array.from({ length: overdue }, () => buildDossier({ unitCode, status: 'processing', receivedAt: '2025-06-20T08:00:00', dueAt: '2025-06-25' })),
    ];
    const before = [...may('xa-a1', 5, 1, 1), ...may('xa-a2', 3, 2, 0), ...may('xa-b1', 4, 0, 0), ...may('xa-b2', 2, 1, 2), ...may('xa-b3', 6, 3, 1), ...may('huyen-a', 1, 0, 0)];
    expect((await send(sut, before)).body.created).toBe(before.length);
    await sut.http.post('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).send(REFORM_ACT).expect(201);
    // After it, in October: today's communes and the province itself.
    const october = (unitCode: string, early: number, late: number) => [
      ...Array.from({ length: early }, () => buildDossier({ unitCode, receivedAt: '2025-10-01T08:00:00', dueAt: '2025-10-09', resolvedAt: '2025-10-06T10:00:00' })),
      ...Array.from({ length: late }, () => buildDossier({ unitCode, receivedAt: '2025-10-01T08:00:00', dueAt: '2025-10-03', resolvedAt: '2025-10-08T10:00:00' })),
    ];
    const after = [...october('xa-moi', 7, 1), ...october('xa-b1', 2, 2), ...october('xa-c2', 4, 0), ...october('tinh-moi', 2, 1)];
    expect((await send(sut, after)).body.created).toBe(after.length);
  }, 120_000);
  afterAll(async () => {
    await sut?.close();
  });

  const page = (name: string, query: Record<string, string> = {}) => sut.http.get(`/cong-khai/${name}`).query(query);

  it('lists today’s communes, the province’s own dossiers last, adding up to the province’s stats for the year', async () => {
    const json = (await page('tinh-moi.json', { period: '2025' }).expect(200)).body;

    expect(json.units.map((row: { code: string; own: boolean }) => [row.code, row.own])).toEqual([
      ['xa-c2', false], ['xa-moi', false], ['xa-b1', false], ['xa-c1', false], ['tinh-moi', true],
    ]);
    const province = await stats(sut, 'tinh-moi', { from: '2025-01-01', to: '2025-12-31', includeChildren: true });
    expect(addUp(json.units)).toEqual(COUNTS(province));
    expect(COUNTS(json.total)).toEqual(COUNTS(province));
    expect(json.total.progressScore).toBe(province.progressScore);
    // Each commune's row is its own stats with the communes it was formed from.
    for (const row of json.units.filter((unit: { own: boolean }) => !unit.own)) {
      const own = await stats(sut, row.code, { from: '2025-01-01', to: '2025-12-31', includeChildren: true });
      expect({ code: row.code, ...COUNTS(row), progressScore: row.progressScore }).toEqual({ code: row.code, ...COUNTS(own), progressScore: own.progressScore });
    }
    const moi = json.units.find((row: { code: string }) => row.code === 'xa-moi');
    expect(moi.settled).toEqual({ total: 11 + 8, early: 8 + 7, onTime: 0, late: 3 + 1 });
  });

  it('tells a period before the reform in today’s communes: the old communes’ May is in the rows of those that carry them', async () => {
    const json = (await page('tinh-moi.json', { period: '2025-Q2', sort: 'name' }).expect(200)).body;

    const row = (code: string) => json.units.find((unit: { code: string }) => unit.code === code);
    expect(json.units.map((unit: { code: string }) => unit.code)).toEqual(['xa-b1', 'xa-c1', 'xa-c2', 'xa-moi', 'tinh-moi']);
    expect(row('xa-moi').settled.total).toBe(5 + 1 + 3 + 2);
    expect(row('xa-b1').settled.total).toBe(4 + 2 + 1);
    expect(row('xa-c1').settled.total).toBe(6 + 3);
    expect(row('xa-c2').settled.total).toBe(0);
    // The retired district's own dossier: in the province's own row, so nothing is lost.
    expect(row('tinh-moi').settled.total).toBe(1);
    const quarter = { from: '2025-04-01', to: '2025-06-30', includeChildren: true };
    const [a, b] = [await stats(sut, 'tinh-a', quarter), await stats(sut, 'tinh-b', quarter)];
    expect(addUp(json.units)).toEqual(addUp([a, b]));
    expect(COUNTS(json.total)).toEqual(addUp([a, b]));
  });

  it('shows the same figures as a page: each row’s cells, the total, the rank by the 766 score, the picker and the sort links', async () => {
    const response = await page('tinh-moi', { period: '2025' }).expect(200);
    const json = (await page('tinh-moi.json', { period: '2025' }).expect(200)).body;
    const html = response.text;

    expect(response.headers['content-security-policy']).toContain("form-action 'self'");
    expect(response.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(html).toContain('<h1>Tỉnh Mới</h1>');
    expect(html).toContain('Năm 2025: từ ngày 01/01/2025 đến ngày 31/12/2025');
    for (const row of json.units) {
      const tr = new RegExp(`<tr role="row" data-unit="${row.code}"[^>]*>(.*?)</tr>`).exec(html)![1];
      const cell = (col: string) => new RegExp(`data-col="${col}"[^>]*>([^<]*)<`).exec(tr)![1];
      expect([cell('rank'), cell('settled'), cell('late'), cell('overdue')]).toEqual([row.rank === null ? '—' : String(row.rank), String(row.settled.total), String(row.settled.late), String(row.open.overdue)]);
      expect(cell('progressScore')).toBe(row.progressScore === null ? '—' : row.progressScore.toFixed(2).replace('.', ','));
    }
    const ranks = json.units.filter((row: { own: boolean }) => !row.own).map((row: { rank: number }) => row.rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(html).toContain('<option value="2025" selected>Năm 2025</option>');
    expect(html).toMatch(/<th scope="col" role="columnheader" data-col="rank" aria-sort="ascending"><a href="\/cong-khai\/tinh-moi\?period&#x3D;2025&amp;order&#x3D;desc"/);
    expect(html).toMatch(/data-col="late"><a href="\/cong-khai\/tinh-moi\?period&#x3D;2025&amp;sort&#x3D;late"/);
    expect(html).toContain('<script src="/widget/resize.js" async></script>');
  });

  it('sorts as asked, in JSON as on the page, the own dossiers last', async () => {
    const late = (await page('tinh-moi.json', { period: '2025', sort: 'late' }).expect(200)).body;
    // Most late first, ties by name ("Phường B1" before "Xã C1"); the province's own dossiers last whatever their count.
    expect(late.units.map((row: { code: string; settled: { late: number } }) => [row.code, row.settled.late])).toEqual([['xa-moi', 4], ['xa-b1', 3], ['xa-c1', 3], ['xa-c2', 0], ['tinh-moi', 1]]);
    expect(late.sort).toEqual({ by: 'late', order: 'desc' });
    const ascending = (await page('tinh-moi.json', { period: '2025', sort: 'late', order: 'asc' }).expect(200)).body;
    expect(ascending.units.map((row: { code: string }) => row.code).slice(0, 1)).toEqual(['xa-c2']);
    expect(ascending.units.at(-1).code).toBe('tinh-moi');
  });

  it('downloads the page as CSV: a BOM, a row per unit and the total, in the page’s language', async () => {
    const response = await page('tinh-moi.csv', { period: '2025' }).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    }).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="ket-qua-tinh-moi-2025.csv"');
    const lines = (response.body as string).split(/\r?\n/).filter((line) => line !== '');
    expect(lines[0].startsWith('\uFEFFHạng,Mã đơn vị,Đơn vị,')).toBe(true);
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines[2]).toMatch(/^\d,xa-moi,Xã Mới,\d+,19,15,0,4,/);
    expect(lines.at(-2)).toContain('Tỉnh Mới (hồ sơ của chính đơn vị)');
    expect(lines.at(-1)).toMatch(/^,,Tổng cộng – Tỉnh Mới,/);
    const english = await page('tinh-moi.csv', { period: '2025', lang: 'en' }).expect(200);
    expect(english.text.startsWith('\uFEFFRank,Unit code,Unit,')).toBe(true);
  });

  it('answers in English, keeps its ETag, and follows a new dossier at once', async () => {
    const first = await page('tinh-moi', { lang: 'en' }).expect(200);
    expect(first.text).toContain('Year 2025: from 01/01/2025 to 31/12/2025');
    expect(first.text).toContain('<a href="/cong-khai/tinh-moi" hreflang="vi" lang="vi">Tiếng Việt</a>');
    await page('tinh-moi', { lang: 'en' }).set('If-None-Match', first.headers.etag).expect(304);

    await send(sut, [buildDossier({ unitCode: 'xa-c2', receivedAt: '2025-11-03T08:00:00', dueAt: '2025-11-05', resolvedAt: '2025-11-10T10:00:00' })]).then((answer) => expect(answer.body.created).toBe(1));
    const after = await page('tinh-moi', { lang: 'en' }).expect(200);
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  it('keeps its answers apart from the widget’s: its many variants never push a widget’s answer out', async () => {
    await sut.http.get('/widget/xa-moi.json').expect(200);
    const [widgets, answers, pages] = [sut.app.get(WidgetCache), sut.app.get(ResultsAnswerCache), sut.app.get(ResultsPageCache)];
    const before = [widgets.size, answers.size, pages.size];
    for (const sort of ['rank', 'name', 'late', 'overdue']) for (const lang of ['vi', 'en']) await page('tinh-moi', { period: '2025-Q4', sort, lang }).expect(200);
    await page('tinh-moi.json', { period: '2025-Q3' }).expect(200);

    // Eight pages of one period are one set of figures, sorted and worded for each: two periods, two sets.
    expect([widgets.size, answers.size - before[1], pages.size - before[2]]).toEqual([before[0], 2, 9]);
  });

  it('refuses what it cannot show, naming it', async () => {
    expect((await page('tinh-moi', { period: '2025-13' }).expect(400)).body.message).toMatch(/^period: must be/);
    expect((await page('tinh-moi', { period: '2026' }).expect(400)).body.message).toBe('period: 2026 has not begun yet (today is 2025-11-20)');
    expect((await page('tinh-moi', { sort: 'cost' }).expect(400)).body.message).toMatch(/^sort: must be one of/);
    expect((await page('khong-co').expect(404)).body.message).toBe('unit "khong-co" does not exist');
    expect((await page('tinh-a.json').expect(404)).body.message).toBe('unit "tinh-a" ceased on 30/06/2025');
  });
});
