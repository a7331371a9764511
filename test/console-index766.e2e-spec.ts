import { formatScore } from '../src/common/locale';
import { buildDossier } from './factories/dossier.factory';
import { signedIn } from './support/console';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send } from './support/tree';

// Now: Tuesday 10/06/2025 10:07:03 in Vietnam.
const NOW = '2025-06-10T03:07:03Z';
/** A unit whose name a page must escape. */
const ODD_NAME = 'Xã <Thử> & "Mới"';

type Agent = Awaited<ReturnType<typeof signedIn>>['agent'];
interface Indicator { id: string; name: string; numerator: number | null; denominator: number | null; ratio: number | null; points: number | null; maxPoints: number; onePointMore: { text: string } | null }
interface Card { points: number | null; maxPoints: number; period: { label: string }; groups: { id: string; name: string; points: number | null; maxPoints: number; nationalMaxPoints: number; indicators: Indicator[] }[]; notComputed: { id: string; reason: string }[] }

const decode = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
const plain = (html: string) => decode(html.replace(/<br>/g, '\n').replace(/<[^>]+>/g, '').trim());

/** The element that starts with `marker` up to its closing `</tag>`. */
function element(html: string, marker: string, tag: string): string {
  const start = html.indexOf(marker);
  if (start < 0) throw new Error(`no ${marker} in the page`);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

/** The `data-field` cells of a table row, as text. */
function fields(row: string): Record<string, string> {
  return Object.fromEntries([...row.matchAll(/data-field="(\w+)"[^>]*>([\s\S]*?)<\/td>/g)].map((match) => [match[1], plain(match[2])]));
}

const percent = (ratio: number | null, lang = 'vi-VN') => (ratio === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratio));
const points = (value: number | null, max: number) => `${formatScore(value, 'vi')} / ${max} điểm`;

describeEachDatabase('the console’s Decision 766 scorecard and ranking', (kind) => {
  let sut: TestApp;
  let manager: Agent;
  let viewer: Agent;
  let admin: Agent;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'console-index766', { now: NOW });
    await createTree(sut);
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-moi', name: ODD_NAME, level: 'commune', parentCode: 'huyen' }).expect(201);
    const sent = await send(sut, [
      // March: two settled on time in xa-b. April: nothing. May as the API suite has it, one open into June.
      buildDossier({ unitCode: 'xa-b', receivedAt: '2025-03-03T08:00:00', dueAt: '2025-03-10', resolvedAt: '2025-03-05T10:00:00' }),
      buildDossier({ unitCode: 'xa-b', receivedAt: '2025-03-03T08:00:00', dueAt: '2025-03-10', resolvedAt: '2025-03-06T10:00:00' }),
      buildDossier({ unitCode: 'xa-a', channel: 'online', electronicResult: true, digitized: true, resultDigitized: true, reusedData: true, vneidVerified: true, feeAmount: 50000, paidOnline: 'dvcqg' }),
      buildDossier({ unitCode: 'xa-a', feeAmount: 20000 }),
      buildDossier({ unitCode: 'xa-a', dueAt: '2025-05-05' }),
      buildDossier({ unitCode: 'xa-a', status: 'processing', receivedAt: '2025-05-20T08:00:00', dueAt: '2025-05-27', complaint: true }),
      buildDossier({ unitCode: 'xa-b', channel: 'online', electronicResult: true }),
    ]);
    expect(sent.body).toMatchObject({ created: 7, rejected: [] });
    ({ agent: manager } = await signedIn(sut, 'quan-ly@huyen.gov.vn', 'manager', 'huyen'));
    ({ agent: viewer } = await signedIn(sut, 'xem@xa-a.gov.vn', 'viewer', 'xa-a'));
    ({ agent: admin } = await signedIn(sut, 'quan-tri@tinh.gov.vn', 'admin'));
  });
  afterAll(() => sut?.close());

  const api = async (path: string, query: Record<string, string>) => {
    const answer = await sut.http.get(path).query(query);
    if (answer.status !== 200) throw new Error(`${path} ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const card = (code: string, period: string, lang = 'vi'): Promise<Card> => api(`/api/v1/units/${code}/index766`, { period, lang });

  describe('GET /admin/index766', () => {
    it('prints every figure of the scorecard as the API answers it', async () => {
      const page = await manager.get('/admin/index766').query({ unit: 'huyen', period: '2025-05' }).expect(200);
      const answer = await card('huyen', '2025-05');

      expect(page.text).toContain('<h1>Chỉ số 766 – Huyện Thử</h1>');
      expect(page.text).toContain('Tháng 05/2025 · Từ ngày 01/05/2025 đến ngày 31/05/2025');
      expect(plain(element(page.text, '<p class="s766-total-value"', 'p'))).toBe(points(answer.points, answer.maxPoints));
      for (const group of answer.groups) {
        const section = element(page.text, `data-group="${group.id}"`, 'section');
        expect(plain(element(section, '<strong data-group-points', 'strong'))).toBe(group.maxPoints === 0 ? 'Chưa tính được' : points(group.points, group.maxPoints));
        expect(section).toContain(`Cả nhóm: ${group.nationalMaxPoints} điểm`);
        expect(section).toMatch(/<svg class="s766-bar"[^>]* role="img" aria-label="[^"]+"/);
        for (const indicator of group.indicators) {
          const cells = fields(element(section, `<tr data-indicator="${indicator.id}">`, 'tr'));
          if (indicator.id === '2.2') continue;
          expect([indicator.id, cells.ratio]).toEqual([indicator.id, percent(indicator.ratio)]);
          if (indicator.maxPoints > 0) expect([indicator.id, cells.points]).toEqual([indicator.id, points(indicator.points, indicator.maxPoints)]);
          if (indicator.onePointMore) expect([indicator.id, cells.more]).toEqual([indicator.id, `Cần thêm: ${indicator.onePointMore.text}`]);
        }
      }
      // The district's May, figure by figure (the API suite's numbers with xa-b's dossier added).
      const row = (id: string) => fields(element(page.text, `<tr data-indicator="${id}">`, 'tr'));
      expect(row('2.1')).toEqual({ ratio: '60,00%', counts: '3 / 5', points: '12,00 / 20 điểm', target: '100%', more: 'Cần thêm: 1 hồ sơ trễ hạn' });
      expect(row('2.2')).toMatchObject({ ratio: '4,08 ngày', points: 'Không tính điểm', more: '—' });
      expect(row('5.4').counts).toBe('100% − (tỉ lệ trễ hạn + tỉ lệ phản ánh)\nTrễ hạn: 40,00%\nPhản ánh, kiến nghị: 20,00%');
      expect(row('3.3')).toMatchObject({ ratio: '40,00%', counts: '2 / 5', points: 'Không tính điểm riêng', target: '50%' });
      for (const item of answer.notComputed) expect(decode(element(page.text, `<tr data-not-computed="${item.id}">`, 'tr'))).toContain(item.reason);
    });

    it('links every indicator but 2.2 to its dossiers for the unit and period', async () => {
      const page = await manager.get('/admin/index766').query({ unit: 'huyen', period: '2025-Q2' }).expect(200);
      const ids = (await card('huyen', '2025-Q2')).groups.flatMap((group) => group.indicators.map((indicator) => indicator.id));

      for (const id of ids) {
        const row = decode(element(page.text, `<tr data-indicator="${id}">`, 'tr'));
        if (id === '2.2') expect(row).not.toContain('<a ');
        else expect(row).toContain(`<a href="/admin/index766/dossiers?unit=huyen&indicator=${id}&period=2025-Q2"`);
      }
    });

    it('shows "—" for a month without dossiers, never 0 or full points', async () => {
      const page = await manager.get('/admin/index766').query({ unit: 'huyen', period: '2025-04' }).expect(200);

      expect((await card('huyen', '2025-04')).points).toBeNull();
      expect(plain(element(page.text, '<p class="s766-total-value"', 'p'))).toBe('— / 50 điểm');
      expect(fields(element(page.text, '<tr data-indicator="2.1">', 'tr'))).toMatchObject({ ratio: '—', points: '— / 20 điểm', more: '—' });
    });

    it('draws the last twelve months from one scorecard a month, a gap where a month has no points', async () => {
      const page = await manager.get('/admin/index766').query({ unit: 'huyen' }).expect(200);

      expect(page.text).toContain('Tháng 06/2025');
      const months = ['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
      const answers = await Promise.all(months.map((month) => card('huyen', month)));
      expect(answers.map((answer) => answer.points === null)).toEqual([true, true, true, true, true, true, true, true, false, true, false, false]);
      for (const [i, month] of months.entries()) {
        expect(plain(element(page.text, `<tr data-month="${month}">`, 'tr'))).toBe(`${month.slice(5)}/${month.slice(0, 4)}${points(answers[i].points, answers[i].maxPoints)}`);
      }
      const chart = element(page.text, '<svg class="s766-chart"', 'svg');
      expect(chart).toContain('role="img"');
      // March stands alone (April has no dossiers); May and June make one line.
      expect(chart.match(/<polyline /g)).toHaveLength(1);
      expect(chart.match(/<circle /g)).toHaveLength(3);
      expect(decode(chart)).toContain(`03/2025: ${formatScore(answers[8].points, 'vi')} điểm`);
    });

    it('answers a period not begun yet with the API’s 400 message as a readable error, the pickers still there', async () => {
      const page = await manager.get('/admin/index766').query({ unit: 'huyen', period: '2025-07' });
      const refused = await sut.http.get('/api/v1/units/huyen/index766').query({ period: '2025-07' }).expect(400);

      expect(page.status).toBe(400);
      expect(decode(page.text)).toContain('Tháng 07/2025 chưa bắt đầu nên chưa có hồ sơ để tính điểm.');
      expect(decode(page.text)).toContain(`Thông báo của hệ thống: ${refused.body.message}`);
      expect(page.text).toContain('<select name="period">');
      expect(page.text).not.toContain('s766-total-value');

      const malformed = await manager.get('/admin/index766/ranking').query({ unit: 'huyen', period: '2025-13' });
      expect(malformed.status).toBe(400);
      expect(decode(malformed.text)).toContain('Kỳ “2025-13” không đúng dạng.');
    });

    it('offers the periods that have begun, the shown one selected', async () => {
      const page = await manager.get('/admin/index766').query({ unit: 'huyen', period: '2025-H1' }).expect(200);

      expect(page.text).toContain('<option value="2025-H1" selected>6 tháng đầu năm 2025</option>');
      expect(page.text).toContain('<option value="2025-06">Tháng 06/2025</option>');
      expect(page.text).not.toContain('value="2025-07"');
      expect(page.text).not.toContain('value="2025-H2"');
    });

    it('keeps each account to its subtree: 403 above it, 404 for an unknown unit, sign-in without a session', async () => {
      expect((await viewer.get('/admin/index766').query({ unit: 'huyen' })).status).toBe(403);
      expect((await viewer.get('/admin/index766/ranking').query({ unit: 'xa-b' })).status).toBe(403);
      expect((await manager.get('/admin/index766').query({ unit: 'tinh' })).status).toBe(403);
      expect((await manager.get('/admin/index766').query({ unit: 'khong-co' })).status).toBe(404);
      const own = await viewer.get('/admin/index766').expect(200);
      expect(own.text).toContain('<h1>Chỉ số 766 – Xã A</h1>');
      expect((await admin.get('/admin/index766').expect(200)).text).toContain('<h1>Chỉ số 766 – Tỉnh Thử</h1>');
      const anonymous = await sut.http.get('/admin/index766').query({ unit: 'huyen' });
      expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/admin/sign-in?next=%2Fadmin%2Findex766%3Funit%3Dhuyen']);
    });

    it('speaks English with ?lang=en, the names as the API gives them in English', async () => {
      const page = await manager.get('/admin/index766').query({ unit: 'huyen', period: '2025-05', lang: 'en' }).expect(200);
      const answer = await card('huyen', '2025-05', 'en');

      expect(page.text).toContain('<html lang="en">');
      expect(page.text).toContain('<h1>Index 766 – Huyện Thử</h1>');
      expect(decode(page.text)).toContain(answer.groups[1].indicators[0].name);
      expect(fields(element(page.text, '<tr data-indicator="2.1">', 'tr'))).toMatchObject({ ratio: '60.00%', points: '12.00 / 20 points', more: 'Needed: 1 late dossiers' });
      await manager.get('/admin').query({ lang: 'vi' }).expect(200);
    });
  });

  describe('GET /admin/index766/ranking', () => {
    it('ranks the units directly below as the API does, each linking to its scorecard', async () => {
      const page = await manager.get('/admin/index766/ranking').query({ unit: 'huyen', period: '2025-05' }).expect(200);
      const answer = await api('/api/v1/units/huyen/index766/ranking', { period: '2025-05' });

      expect(page.text).toContain('<h1>Xếp hạng đơn vị trực thuộc – Huyện Thử</h1>');
      const order = [...page.text.matchAll(/<tr data-unit="([^"]+)">/g)].map((match) => match[1]);
      expect(order).toEqual(answer.units.map((row: { unit: { code: string } }) => row.unit.code));
      expect(order).toEqual(['xa-b', 'xa-a', 'xa-moi']);
      for (const row of answer.units) {
        const html = element(page.text, `<tr data-unit="${row.unit.code}">`, 'tr');
        expect(decode(html)).toContain(`<a href="/admin/index766?unit=${row.unit.code}&period=2025-05">`);
        expect(fields(html)).toEqual({
          rank: String(row.rank),
          points: points(row.points, row.maxPoints),
          progressIndex: percent(row.progressIndex),
          weakest: row.weakest ? `${row.weakest.id} ${row.weakest.name}\n${points(row.weakest.points, row.weakest.maxPoints)}` : '—',
          more: row.weakest?.onePointMore ? `Cần thêm: ${row.weakest.onePointMore.text}` : '—',
        });
      }
      expect(fields(element(page.text, '<tr data-unit="xa-a">', 'tr'))).toMatchObject({ rank: '2', weakest: '2.1 Hồ sơ xử lý trước hạn, đúng hạn\n10,00 / 20 điểm', more: 'Cần thêm: 1 hồ sơ trễ hạn' });
    });

    it('escapes every name it prints', async () => {
      const page = await manager.get('/admin/index766/ranking').query({ unit: 'huyen', period: '2025-05' }).expect(200);

      expect(page.text).toContain('Xã &lt;Thử&gt; &amp; &quot;Mới&quot;');
      expect(page.text).not.toContain(ODD_NAME);
      const scorecard = await manager.get('/admin/index766').query({ unit: 'xa-moi' }).expect(200);
      expect(scorecard.text).toContain('<h1>Chỉ số 766 – Xã &lt;Thử&gt; &amp; &quot;Mới&quot;</h1>');
    });

    it('says when a unit has no units below it', async () => {
      const page = await viewer.get('/admin/index766/ranking').expect(200);
      expect(page.text).toContain('Đơn vị này không có đơn vị trực thuộc để xếp hạng.');
    });
  });

  it('is reached from the navigation and from the unit’s dashboard, with no inline script or style', async () => {
    const dashboard = await manager.get('/admin').expect(200);
    expect(dashboard.text).toContain('<a href="/admin/index766">Chỉ số 766</a>');
    expect(decode(element(dashboard.text, '<p data-links="index766">', 'p'))).toBe(
      '<p data-links="index766"><a href="/admin/index766?unit=huyen">Chỉ số 766 của đơn vị</a> · <a href="/admin/index766/ranking?unit=huyen">Xếp hạng Chỉ số 766 các đơn vị trực thuộc</a>',
    );
    for (const path of ['/admin/index766?unit=huyen', '/admin/index766/ranking?unit=huyen', '/admin/index766?unit=huyen&period=2030']) {
      const page = await manager.get(path);
      expect(page.text).toContain('<a href="/admin/index766" aria-current="page">Chỉ số 766</a>');
      expect(page.text).not.toMatch(/<script(?! src="\/admin\/assets\/)/);
      expect(page.text).not.toMatch(/\sstyle=/);
    }
    const css = await manager.get('/admin/assets/index766.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });
});
