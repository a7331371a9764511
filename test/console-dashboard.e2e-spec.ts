import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/auth/staff.entities';
import { formatCount, formatPercent, formatScore } from '../src/common/locale';
import { buildDossier, buildSettled } from './factories/dossier.factory';
import { csrfOf, signedIn } from './support/console';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

// Now: Tuesday 10/06/2025 10:07:03 in Vietnam.
const NOW = '2025-06-10T03:07:03Z';

type Agent = Awaited<ReturnType<typeof signedIn>>['agent'];

const decode = (text: string) =>
  text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');

/** The `data-figure` cells inside the element that carries `marker` (a row or the cards), as text. */
function figuresIn(html: string, marker: string): Record<string, string> {
  const start = html.indexOf(marker);
  if (start < 0) throw new Error(`no ${marker} in the page`);
  const end = html.indexOf(marker.startsWith('<tr') ? '</tr>' : '</section>', start);
  const figures: Record<string, string> = {};
  for (const match of html.slice(start, end).matchAll(/data-figure="(\w+)"[^>]*>(.*?)<\/(?:td|div)>/g)) {
    figures[match[1]] = decode(match[2].replace(/<[^>]+>/g, '').trim());
  }
  return figures;
}

/** What the page must print for an answer of the stats API, in Vietnamese. */
function expectedCells(answer: { settled: { total: number }; onTimePercent: string | null; latePercent: string | null; received: { total: number }; open: { total: number; overdue: number }; progressScore: number | null }) {
  return {
    settled: formatCount(answer.settled.total, 'vi'),
    onTimePercent: formatPercent(answer.onTimePercent, 'vi'),
    latePercent: formatPercent(answer.latePercent, 'vi'),
    received: formatCount(answer.received.total, 'vi'),
    open: formatCount(answer.open.total, 'vi'),
    overdue: formatCount(answer.open.overdue, 'vi'),
    score: formatScore(answer.progressScore, 'vi'),
  };
}

describeEachDatabase('the console dashboard, open dossiers and widget settings', (kind) => {
  let sut: TestApp;
  let manager: Agent;
  let managerCsrf: string;
  let viewer: Agent;
  let viewerCsrf: string;
  let admin: Agent;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'console-dashboard', { now: NOW });
    await createTree(sut);
    const open = (code: string, unitCode: string, dueAt: string, status = 'processing') =>
      buildDossier({ code, unitCode, status, receivedAt: '2025-06-02T08:00', dueAt, procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh' });
    const answer = await send(sut, [
      ...buildSettled(6, 'early', { unitCode: 'xa-a' }),
      ...buildSettled(1, 'late', { unitCode: 'xa-a' }),
      ...buildSettled(2, 'onTime', { unitCode: 'xa-a', receivedAt: '2025-01-06T08:00:00' }, '2025-01-10'),
      ...buildSettled(4, 'early', { unitCode: 'xa-b' }),
      ...buildSettled(1, 'early', { unitCode: 'huyen' }),
      open('A-LATE', 'xa-a', '2025-06-05'),
      open('A-SOON', 'xa-a', '2025-06-11'),
      open('A-LATER', 'xa-a', '2025-06-25'),
      open('A-WAIT', 'xa-a', '2025-06-04', 'waiting'),
      open('B-LATE', 'xa-b', '2025-06-06'),
    ]);
    expect(answer.body.rejected).toEqual([]);
    ({ agent: manager, csrf: managerCsrf } = await signedIn(sut, 'quan-ly@huyen.gov.vn', 'manager', 'huyen'));
    ({ agent: viewer, csrf: viewerCsrf } = await signedIn(sut, 'xem@xa-a.gov.vn', 'viewer', 'xa-a'));
    ({ agent: admin } = await signedIn(sut, 'quan-tri@tinh.gov.vn', 'admin'));
  });
  afterAll(() => sut?.close());

  describe('GET /admin', () => {
    it('shows a district its headline and each commune with its figures, equal to the stats API\'s', async () => {
      const page = await manager.get('/admin').expect(200);

      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<h1>Huyện Thử</h1>');
      expect(page.text).toContain('Từ ngày 01/01/2025 đến ngày 10/06/2025');
      const district = await stats(sut, 'huyen', { includeChildren: true });
      expect(figuresIn(page.text, 'data-cards="huyen"')).toEqual(expectedCells(district));
      expect(figuresIn(page.text, '<tr data-unit="total">')).toEqual(expectedCells(district));
      for (const commune of ['xa-a', 'xa-b']) {
        expect(figuresIn(page.text, `<tr data-unit="${commune}">`)).toEqual(expectedCells(await stats(sut, commune, { includeChildren: true })));
      }
      expect(figuresIn(page.text, '<tr data-unit="huyen">')).toEqual(expectedCells(await stats(sut, 'huyen')));
      expect(figuresIn(page.text, '<tr data-unit="xa-a">')).toMatchObject({ settled: '9', onTimePercent: '88,89%', latePercent: '11,11%', overdue: '1' });
    });

    it('draws the month-by-month trend from a JSON block, with the same numbers in a table', async () => {
      const page = await manager.get('/admin').expect(200);

      const byMonth = await stats(sut, 'huyen', { includeChildren: true, groupBy: 'month' });
      const chart = JSON.parse(/<script type="application\/json" id="trend-data">([^<]*)<\/script>/.exec(page.text)![1]);
      expect(chart.labels).toEqual(['01/2025', '02/2025', '03/2025', '04/2025', '05/2025', '06/2025']);
      expect(chart.settled).toEqual(byMonth.groups.map((month: { settled: { total: number } }) => month.settled.total));
      expect(chart.onTime).toEqual(byMonth.groups.map((month: { onTimePercent: string | null }) => (month.onTimePercent === null ? null : Number(month.onTimePercent))));
      expect(chart.settled).toEqual([2, 0, 0, 0, 12, 0]);
      for (const month of byMonth.groups) {
        const label = `${month.key.slice(5)}/${month.key.slice(0, 4)}`;
        expect(figuresIn(page.text, `<tr data-month="${label}">`)).toEqual({
          settled: formatCount(month.settled.total, 'vi'),
          onTimePercent: formatPercent(month.onTimePercent, 'vi'),
        });
      }
      expect(page.text).toContain('<script src="/admin/assets/chart.umd.min.js" defer></script>');
      expect(page.text).not.toMatch(/<script>|<script src="https?:/);
      expect(page.text).not.toMatch(/\sstyle="/);
    });

    it('serves Chart.js and dashboard.js from the app itself', async () => {
      const chart = await manager.get('/admin/assets/chart.umd.min.js').expect(200);
      expect(chart.headers['content-type']).toMatch(/^application\/javascript/);
      expect(chart.text).toContain('Chart');
      const script = await manager.get('/admin/assets/dashboard.js').expect(200);
      expect(script.text).toContain('trend-data');
    });

    it('drills down to a commune of the account\'s subtree with ?unit=', async () => {
      const page = await manager.get('/admin').query({ unit: 'xa-a' }).expect(200);

      expect(page.text).toContain('<h1>Xã A</h1>');
      expect(figuresIn(page.text, 'data-cards="xa-a"')).toEqual(expectedCells(await stats(sut, 'xa-a', { includeChildren: true })));
      expect(decode(page.text)).toContain('<a href="/admin?unit=huyen">Huyện Thử</a>');
    });

    it('refuses a unit outside the account\'s subtree with a 403 page, and an unknown one with 404', async () => {
      const above = await manager.get('/admin').query({ unit: 'tinh' });
      expect(above.status).toBe(403);
      expect(above.text).toContain('không có quyền');
      expect((await viewer.get('/admin').query({ unit: 'xa-b' })).status).toBe(403);
      expect((await viewer.get('/admin').query({ unit: 'huyen' })).status).toBe(403);
      expect((await manager.get('/admin').query({ unit: 'khong-co' })).status).toBe(404);
    });

    it('shows a viewer its commune, and an admin the top unit with the units below', async () => {
      const own = await viewer.get('/admin').expect(200);
      expect(own.text).toContain('<h1>Xã A</h1>');
      expect(own.text).not.toContain('<option value="xa-b"');

      const top = await admin.get('/admin').expect(200);
      expect(top.text).toContain('<h1>Tỉnh Thử</h1>');
      expect(figuresIn(top.text, '<tr data-unit="huyen">')).toEqual(expectedCells(await stats(sut, 'huyen', { includeChildren: true })));
      expect(top.text).toContain('<option value="xa-b"');
    });

    it('speaks English with ?lang=en and remembers it', async () => {
      const page = await viewer.get('/admin').query({ lang: 'en' }).expect(200);
      expect(page.text).toContain('<html lang="en">');
      expect(page.text).toContain('Early &amp; on time');
      expect(figuresIn(page.text, 'data-cards="xa-a"')).toMatchObject({ onTimePercent: '88.89%' });
      expect((await viewer.get('/admin').expect(200)).text).toContain('<html lang="en">');
      await viewer.get('/admin').query({ lang: 'vi' }).expect(200);
    });

    it('sends a browser without a session to the sign-in page', async () => {
      const answer = await sut.http.get('/admin');
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/admin/sign-in?next=%2Fadmin');
    });
  });

  describe('GET /admin/open', () => {
    it('lists a commune\'s open dossiers most urgent first, with counts equal to the API\'s', async () => {
      const page = await viewer.get('/admin/open').expect(200);

      const api = (await sut.http.get('/api/v1/units/xa-a/open').query({ includeChildren: true }).set(bearer(ADMIN_KEY)).expect(200)).body;
      const codes = [...page.text.matchAll(/<tr data-code="([^"]+)" data-state="(\w+)">/g)].map((match) => [match[1], match[2]]);
      expect(codes).toEqual(api.items.map((item: { code: string; state: string }) => [item.code, item.state]));
      expect(codes).toEqual([['A-LATE', 'overdue'], ['A-SOON', 'dueSoon'], ['A-LATER', 'onTrack'], ['A-WAIT', 'waiting']]);
      const counts = Object.fromEntries(
        [...page.text.matchAll(/data-count="(\w+)">([\s\S]*?)<\/div>\s*<\/div>/g)].map((match) => [match[1], match[2].replace(/<[^>]+>/g, ' ').trim().split(/\s+/).pop()]),
      );
      expect(counts).toEqual({ overdue: '1', dueSoon: '1', onTrack: '1', waiting: '1' });
      expect(page.text).toContain('Tổng số 4 hồ sơ đang giải quyết');
      // A commune has nothing below it and nothing else to pick: no scope choice, no unit list.
      expect(page.text).not.toContain('name="includeChildren"');
      expect(page.text).toContain('<input type="hidden" name="unit" value="xa-a">');
      expect(page.text).toContain('<td class="overdue" data-days-left="-3">quá\u00a03\u00a0ngày</td>');
      expect(page.text).toContain('Đăng ký khai sinh');
      expect(decode(page.text)).toContain('href="/admin/open.csv?unit=xa-a&includeChildren=true"');
    });

    it('filters by state, scope and unit within the subtree', async () => {
      const overdue = await manager.get('/admin/open').query({ state: 'overdue' }).expect(200);
      expect([...overdue.text.matchAll(/<tr data-code="([^"]+)"/g)].map((match) => match[1])).toEqual(['A-LATE', 'B-LATE']);
      expect(overdue.text).toContain('<span data-unit="xa-b">Xã B</span>');

      const communeB = await manager.get('/admin/open').query({ unit: 'xa-b', includeChildren: 'false' }).expect(200);
      expect([...communeB.text.matchAll(/<tr data-code="([^"]+)"/g)].map((match) => match[1])).toEqual(['B-LATE']);

      const districtOnly = await manager.get('/admin/open').query({ includeChildren: 'false' }).expect(200);
      expect(districtOnly.text).toContain('Không có hồ sơ nào.');
    });

    it('refuses a unit outside the subtree (403) and an unknown state (400)', async () => {
      expect((await viewer.get('/admin/open').query({ unit: 'xa-b' })).status).toBe(403);
      expect((await viewer.get('/admin/open.csv').query({ unit: 'huyen' })).status).toBe(403);
      expect((await viewer.get('/admin/open').query({ state: 'late' })).status).toBe(400);
    });

    it('downloads the same CSV as the API, with the session instead of a key', async () => {
      const file = await viewer.get('/admin/open.csv').query({ unit: 'xa-a', state: 'all', includeChildren: 'true' }).expect(200);
      const api = await sut.http.get('/api/v1/units/xa-a/open').query({ includeChildren: true }).set(bearer(ADMIN_KEY)).set('Accept', 'text/csv').expect(200);

      expect(file.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(file.headers['content-disposition']).toBe('attachment; filename="ho-so-dang-giai-quyet-xa-a-2025-06-10.csv"');
      expect(file.headers['cache-control']).toBe('private, no-store');
      expect(file.text).toBe(api.text);
      const lines = file.text.split('\r\n').filter((line) => line !== '');
      expect(lines).toHaveLength(5);
      expect(lines[1]).toMatch(/^A-LATE,Xã A,1\.001193,Đăng ký khai sinh,Hộ tịch,Trực tiếp,Quá hạn,/);
    });
  });

  describe('GET and POST /admin/widget', () => {
    it('shows a viewer the settings, the two embed snippets and a live preview, without the form', async () => {
      const page = await viewer.get('/admin/widget').expect(200);
      const text = decode(page.text);

      expect(text).toMatch(/<script src="http:\/\/127\.0\.0\.1:\d+\/widget\/embed\.js" data-unit="xa-a" async><\/script>/);
      expect(text).toMatch(/<iframe src="http:\/\/127\.0\.0\.1:\d+\/widget\/xa-a"\n\s+title="Kết quả giải quyết TTHC – Xã A"/);
      expect(page.text).toContain('data-copy="snippet-script"');
      expect(text).toContain('<iframe id="widget-preview" src="/widget/xa-a?v=2vi"');
      expect(page.text).not.toContain('method="post" action="/admin/widget"');
      expect(page.text).toContain('<strong data-setting="decimals">2</strong>');
    });

    it('refuses a viewer\'s POST with 403 even with a valid CSRF token', async () => {
      const answer = await viewer.post('/admin/widget').type('form').send({ _csrf: viewerCsrf, unit: 'xa-a', decimals: '1', locale: 'en' });
      expect(answer.status).toBe(403);
      expect((await sut.http.get('/widget/xa-a.json').expect(200)).body.onTimePercent).toBe('88.89');
    });

    it('refuses a POST without the CSRF token, and one for a unit outside the subtree', async () => {
      const page = await manager.get('/admin/widget').query({ unit: 'xa-a' }).expect(200);
      expect(csrfOf(page.text)).toBe(managerCsrf);

      expect((await manager.post('/admin/widget').type('form').send({ unit: 'xa-a', decimals: '1', locale: 'en' })).status).toBe(403);
      expect((await manager.post('/admin/widget').type('form').send({ _csrf: managerCsrf, unit: 'tinh', decimals: '1', locale: 'en' })).status).toBe(403);
      const wrong = await manager.post('/admin/widget').type('form').send({ _csrf: managerCsrf, unit: 'xa-a', decimals: '7', locale: 'en' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('decimals: must be an integer 0–4');
    });

    it('says a refused setting in Vietnamese on a Vietnamese page, the English after it', async () => {
      const wrong = await manager.post('/admin/widget').type('form').send({ _csrf: managerCsrf, unit: 'xa-a', decimals: '7', locale: 'en' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('Số chữ số thập phân phải là số nguyên từ 0 đến 4. (decimals: must be an integer 0–4)');
    });

    it('saves a manager\'s settings for a commune below, with an audit entry; the widget uses them', async () => {
      const before = (await sut.http.get('/widget/xa-a.json').expect(200)).body;
      expect([before.onTimePercent, before.display.monthLine]).toEqual(['88.89', 'Đến tháng 06 đã giải quyết: 88,89%']);

      const saved = await manager.post('/admin/widget').type('form').send({ _csrf: managerCsrf, unit: 'xa-a', decimals: '1', locale: 'en' });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe('/admin/widget?unit=xa-a&saved=1');

      const json = (await sut.http.get('/widget/xa-a.json').expect(200)).body;
      expect([json.onTimePercent, json.latePercent]).toEqual(['88.9', '11.1']);
      expect(json.display.monthLine).toBe('Up to month 06, settled on time: 88.9%');
      expect((await sut.http.get('/widget/xa-a.json').query({ decimals: 2, lang: 'vi' }).expect(200)).body.display.monthLine).toBe('Đến tháng 06 đã giải quyết: 88,89%');
      expect((await sut.http.get('/widget/xa-a').expect(200)).text).toContain('<html lang="en">');
      // The data version is not touched by a setting.
      expect((await stats(sut, 'xa-a')).dataUpdatedAt).toBe(before.dataUpdatedAt);

      const page = await manager.get('/admin/widget').query({ unit: 'xa-a', saved: 1 }).expect(200);
      expect(page.text).toContain('Đã lưu cài đặt tiện ích.');
      expect(page.text).toContain('<option value="1" selected>1</option>');
      expect(page.text).toContain('<option value="en" selected>English</option>');
      expect(decode(page.text)).toContain('src="/widget/xa-a?v=1en"');

      const entries = await sut.app.get(DataSource).getRepository(AuditEntry).find({ where: { action: 'widget-settings' } });
      expect(entries).toHaveLength(1);
      expect(entries[0].actor).toContain('quan-ly@huyen.gov.vn');
      expect(entries[0].details).toBe('xa-a: decimals default, locale default → decimals 1, locale en');
    });
  });

  describe('an admin over several top units', () => {
    it('shows every top unit with its figures and the whole system added up', async () => {
      await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'tinh-2', name: 'Tỉnh Hai', level: 'province' }).expect(201);
      expect((await send(sut, buildSettled(3, 'late', { unitCode: 'tinh-2' }))).body.rejected).toEqual([]);

      const page = await admin.get('/admin').expect(200);

      expect(page.text).toContain('<h1>Toàn hệ thống</h1>');
      expect(page.text).toContain('<option value="">Toàn hệ thống</option>');
      const first = await stats(sut, 'tinh', { includeChildren: true });
      const second = await stats(sut, 'tinh-2', { includeChildren: true });
      expect(figuresIn(page.text, '<tr data-unit="tinh">')).toEqual(expectedCells(first));
      expect(figuresIn(page.text, '<tr data-unit="tinh-2">')).toEqual(expectedCells(second));
      const settled = first.settled.total + second.settled.total;
      const late = first.settled.late + second.settled.late;
      expect(figuresIn(page.text, '<tr data-unit="total">')).toMatchObject({
        settled: formatCount(settled, 'vi'),
        latePercent: formatPercent(((late * 10000) / settled / 100).toFixed(2), 'vi'),
        received: formatCount(first.received.total + second.received.total, 'vi'),
      });
      expect((await admin.get('/admin').query({ unit: 'tinh-2' }).expect(200)).text).toContain('<h1>Tỉnh Hai</h1>');
    });
  });
});
