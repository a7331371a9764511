import { runInNewContext } from 'node:vm';
import { formatScore } from '../src/common/locale';
import { DemoService } from '../src/demo/demo.service';
import { buildDossier, buildSettled } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { send } from './support/tree';

/** The figures of an answer without what depends on the moment of the request. */
const figuresOf = (answer: Record<string, unknown>) => {
  const { judgedAt, display, ...figures } = answer;
  return figures;
};

/** The text of each `data-field` element of the widget HTML, entities decoded. */
function fieldsOf(html: string): Record<string, string> {
  const decode = (text: string) =>
    text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/data-field="(\w+)"[^>]*>([^<]*)</g)) fields[match[1]] = decode(match[2]);
  return fields;
}

/** The block's fields, in the order the page shows them, as the widget had them before the score's line. */
const BLOCK_FIELDS = ['monthLine', 'settled', 'onTimeCount', 'late', 'lateRate', 'detailUrl', 'updatedAt'];

/** The widget address the served embed.js gives a tag with these attributes, run as a page would. */
function embedAddress(script: string, attributes: Record<string, string>): string {
  const placed: { src?: string }[] = [];
  const tag = {
    src: 'https://tthc.example.gov.vn/widget/embed.js',
    getAttribute: (name: string) => attributes[name] ?? null,
    hasAttribute: (name: string) => name in attributes,
    setAttribute: (name: string, value: string) => { attributes[name] = value; },
    parentNode: { nodeType: 1, insertBefore: (frame: { src?: string }) => placed.push(frame) },
    nextSibling: null,
  };
  const document = {
    currentScript: tag, baseURI: 'https://portal.example.vn/', head: {}, body: {}, querySelectorAll: () => [],
    createElement: () => ({ style: {}, setAttribute: () => undefined }),
  };
  runInNewContext(script, { window: { addEventListener: () => undefined }, document, URL });
  expect(placed).toHaveLength(1);
  return new URL(placed[0].src!).pathname + new URL(placed[0].src!).search;
}

describe('the demo on first start (embedded SQLite)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp('sqlite', 'demo', { now: '2026-06-10T03:07:03Z', env: { DEMO_DATA: 'auto' } });
    expect(await sut.app.get(DemoService).seedIfWanted()).toBe('xa-tu-ky');
  }, 120_000);
  afterAll(() => sut?.close());

  const PORTAL_BLOCK = {
    monthLine: 'Đến tháng 06 đã giải quyết: 99,87%',
    settled: 'Số hồ sơ xử lý: 750',
    onTimeCount: 'Trước & đúng hạn: 749',
    late: 'Trễ hạn: 1',
    lateRate: 'Tỉ lệ trễ hạn: 0,13%',
  };

  it('shows the portal block of Xã Tứ Kỳ, which carries Xã Văn Tố: 750 settled, 749 early or on time, 1 late, 99,87 % and 0,13 %', async () => {
    const response = await sut.http.get('/widget/xa-tu-ky').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const fields = fieldsOf(response.text);
    expect(fields).toMatchObject(PORTAL_BLOCK);
    expect(fields.updatedAt).toMatch(/^\(Cập nhật lúc: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}\)$/);
  });

  it('shows the retired Xã Văn Tố as its successor, with the line naming it', async () => {
    const response = await sut.http.get('/widget/xa-van-to').expect(200);
    expect(fieldsOf(response.text)).toMatchObject(PORTAL_BLOCK);
    expect(response.text).toContain('<p class="tthc-unit">Xã Văn Tố (demo)</p>');
    expect(response.text).toContain('Đã hợp nhất vào Xã Tứ Kỳ (demo) từ 01/07/2025');
    // A split is told as a split, naming the successor that carries the history.
    const split = (await sut.http.get('/widget/xa-tien-dong.json').expect(200)).body;
    expect(split.notice.text).toBe('Đã chia tách từ 01/07/2025; số liệu lịch sử thuộc Xã Tiên Động Bắc (demo)');
  });

  it('gives the same figures in the stats API, the widget JSON and the HTML', async () => {
    const api = (await sut.http.get('/api/v1/units/xa-tu-ky/stats').expect(200)).body;
    const json = (await sut.http.get('/widget/xa-tu-ky.json').expect(200)).body;
    const html = fieldsOf((await sut.http.get('/widget/xa-tu-ky').expect(200)).text);
    expect(figuresOf(json)).toEqual(figuresOf(api));
    expect(api.settled).toMatchObject({ total: 750, late: 1 });
    expect(api.settled.early + api.settled.onTime).toBe(749);
    expect([api.onTimePercent, api.latePercent]).toEqual(['99.87', '0.13']);
    expect(api.open.total).toBeGreaterThan(0);
    expect(api.open.waiting).toBeGreaterThan(0);
    expect(api.withdrawn).toBeGreaterThan(0);
    for (const key of ['monthLine', 'settled', 'onTimeCount', 'late', 'lateRate']) {
      expect(html[key]).toContain(json.display[key]);
    }
  });

  describe('the 766 progress score, on request only', () => {
    const SCORE_LINE = /^Điểm tiến độ \(Chỉ số 766, chỉ tiêu 2\.1\): /;

    it('leaves the default block as it was: no score line, and showScore=false is the same page byte for byte', async () => {
      const plain = await sut.http.get('/widget/xa-tu-ky').expect(200);
      const off = await sut.http.get('/widget/xa-tu-ky?showScore=false').expect(200);
      expect(Object.keys(fieldsOf(plain.text))).toEqual(BLOCK_FIELDS);
      expect(plain.text).not.toContain('Điểm tiến độ');
      expect(off.text).toBe(plain.text);
      expect(off.headers.etag).toBe(plain.headers.etag);
      expect((await sut.http.get('/widget/xa-tu-ky.json').expect(200)).body.display).not.toHaveProperty('scoreLine');
    });

    it.each`
      query                                        | why
      ${''}                                        | ${'the default period'}
      ${'&from=2025-01-01&to=2025-12-31'}          | ${'last year, with the communes it carries'}
    `('shows the stats API\'s progressScore for the same unit and period: $why', async ({ query }) => {
      const api = (await sut.http.get(`/api/v1/units/xa-tu-ky/stats?${query.slice(1)}`).expect(200)).body;
      const plain = await sut.http.get(`/widget/xa-tu-ky?${query.slice(1)}`).expect(200);
      const page = await sut.http.get(`/widget/xa-tu-ky?showScore=true${query}`).expect(200);
      const json = (await sut.http.get(`/widget/xa-tu-ky.json?showScore=true&lang=en${query}`).expect(200)).body;
      expect(api.progressScore).toEqual(expect.any(Number));
      const fields = fieldsOf(page.text);
      expect(Object.keys(fields)).toEqual([...BLOCK_FIELDS.slice(0, 5), 'scoreLine', ...BLOCK_FIELDS.slice(5)]);
      expect(fields.scoreLine).toMatch(SCORE_LINE);
      expect(fields.scoreLine).toBe(`Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): ${formatScore(api.progressScore, 'vi')}/20`);
      expect(fields.scoreLine).toMatch(/: \d{1,2},\d{2}\/20$/);
      expect(json.progressScore).toBe(api.progressScore);
      expect(json.display.scoreLine).toBe(`Progress score (Decision 766, indicator 2.1): ${formatScore(api.progressScore, 'en')}/20`);
      // The one line more, and the detail link carrying the choice: nothing else of the block moves.
      const withoutLine = page.text.replace(/\n *<li data-field="scoreLine">[^\n]*/, '').replace(/(\?|&amp;)showScore&#x3D;true/, '');
      expect(withoutLine).toBe(plain.text);
      expect(page.headers.etag).not.toBe(plain.headers.etag);
    });

    it('passes data-show-score from the served embed.js to the widget it places', async () => {
      const script = (await sut.http.get('/widget/embed.js').expect(200)).text;
      const on = embedAddress(script, { 'data-unit': 'xa-tu-ky', 'data-lang': 'vi', 'data-show-score': 'true' });
      const off = embedAddress(script, { 'data-unit': 'xa-tu-ky', 'data-lang': 'vi' });
      expect(on).toBe('/widget/xa-tu-ky?lang=vi&showScore=true');
      expect(off).toBe('/widget/xa-tu-ky?lang=vi');
      expect(fieldsOf((await sut.http.get(on).expect(200)).text).scoreLine).toMatch(SCORE_LINE);
      expect(fieldsOf((await sut.http.get(off).expect(200)).text)).not.toHaveProperty('scoreLine');
    });
  });

  it('holds last year as it was: the old communes until 30/06/2025, and the new one carrying them', async () => {
    const year2025 = { from: '2025-01-01', to: '2025-12-31' };
    const stats = async (code: string, query: Record<string, string | boolean> = {}) => (await sut.http.get(`/api/v1/units/${code}/stats`).query({ ...year2025, ...query }).expect(200)).body;
    const vanTo = await stats('xa-van-to');
    const quangPhuc = await stats('xa-quang-phuc');
    const own = await stats('xa-tu-ky', { includePredecessors: false });
    // Its predecessors' first half (late updates settled in July included) plus its own second half.
    expect((await stats('xa-tu-ky')).settled.total).toBe(vanTo.settled.total + quangPhuc.settled.total + own.settled.total);
    expect(vanTo.settled.total).toBe(386);
    const all = (await sut.http.get('/api/v1/units').query({ all: true }).expect(200)).body.units;
    expect(all.find((unit: { code: string }) => unit.code === 'huyen-tu-ky')).toMatchObject({ validTo: '2025-06-30' });
    // The province of today counts every dossier once, the old provinces' and districts' included.
    const province = await stats('tinh-hai-hung', { includeChildren: true });
    const rows = (await stats('tinh-hai-hung', { includeChildren: true, groupBy: 'unit' })).groups;
    expect(rows.reduce((sum: number, row: { settled: { total: number } }) => sum + row.settled.total, 0)).toBe(province.settled.total);
  });

  it('seeds only once, and today\'s tree is one demo province of communes with their own mixes', async () => {
    expect(await sut.app.get(DemoService).seedIfWanted()).toBe('xa-tu-ky');
    const units = (await sut.http.get('/api/v1/units').expect(200)).body.units;
    expect(units.filter((unit: { level: string }) => unit.level === 'commune').length).toBeGreaterThanOrEqual(4);
    expect(units.filter((unit: { level: string }) => unit.level === 'district')).toEqual([]);
    expect(units.every((unit: { name: string }) => unit.name.endsWith('(demo)'))).toBe(true);
    const province = (await sut.http.get('/api/v1/units/tinh-hai-hung/stats?includeChildren=true').expect(200)).body;
    expect(province.settled.total).toBeGreaterThan(750);
    expect(province.settled.late).toBeGreaterThan(1);
  });
});

describeEachDatabase('the public widget', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'widget', { now: '2025-06-10T03:07:03Z', env: { DEMO_DATA: 'auto' } });
    for (const unit of [
      { code: 'huyen', name: 'Huyện Thử', level: 'district' },
      { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'huyen' },
      { code: 'xa-evil', name: '<script>alert("x")</script> Xã "Độc" & <b>bold</b>', level: 'commune', parentCode: 'huyen' },
    ]) {
      await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    }
    await send(sut, [...buildSettled(3, 'early', { unitCode: 'xa-a' }), ...buildSettled(1, 'late', { unitCode: 'xa-a' })]);
  });
  afterAll(() => sut?.close());

  it('never seeds the demo into a database it was given', async () => {
    const seeded = await sut.app.get(DemoService).seedIfWanted();
    if (kind === 'mysql') expect(seeded).toBeNull();
    const units = (await sut.http.get('/api/v1/units').expect(200)).body.units;
    expect(units.map((unit: { code: string }) => unit.code)).not.toContain('xa-van-to');
  });

  it('shows a unit name containing <script> as text', async () => {
    const response = await sut.http.get('/widget/xa-evil').expect(200);
    expect(response.text).not.toContain('<script>alert');
    expect(response.text).not.toContain('<b>bold');
    expect(response.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Xã &quot;Độc&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    const detail = await sut.http.get('/widget/xa-evil/detail').expect(200);
    expect(detail.text).not.toContain('<script>alert');
    expect(detail.text).toContain('&lt;script&gt;');
  });

  it('shows "—" and not 0 % or 100 % when nothing was settled', async () => {
    const fields = fieldsOf((await sut.http.get('/widget/xa-evil').expect(200)).text);
    expect(fields.monthLine).toBe('Đến tháng 06 đã giải quyết: —');
    expect(fields.lateRate).toBe('Tỉ lệ trễ hạn: —');
    expect(fields.settled).toBe('Số hồ sơ xử lý: 0');
  });

  it('shows "—" for the progress score when there is nothing to score, never 0 or 20', async () => {
    const api = (await sut.http.get('/api/v1/units/xa-evil/stats').expect(200)).body;
    expect(api.progressScore).toBeNull();
    const fields = fieldsOf((await sut.http.get('/widget/xa-evil?showScore=true').expect(200)).text);
    expect(fields.scoreLine).toBe('Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): —');
    const json = (await sut.http.get('/widget/xa-evil.json?showScore=true&lang=en').expect(200)).body;
    expect(json.display.scoreLine).toBe('Progress score (Decision 766, indicator 2.1): —');
  });

  it('never answers a request for the score with the cached block without it, nor the reverse', async () => {
    const plain = await sut.http.get('/widget/xa-a').expect(200);
    const withScore = await sut.http.get('/widget/xa-a?showScore=true').set('If-None-Match', plain.headers.etag).expect(200);
    expect(fieldsOf(withScore.text)).toHaveProperty('scoreLine');
    expect(withScore.headers.etag).not.toBe(plain.headers.etag);
    const again = await sut.http.get('/widget/xa-a').set('If-None-Match', withScore.headers.etag).expect(200);
    expect(again.text).toBe(plain.text);
    expect(fieldsOf(again.text)).not.toHaveProperty('scoreLine');
    await sut.http.get('/widget/xa-a?showScore=true').set('If-None-Match', withScore.headers.etag).expect(304);
    const json = (await sut.http.get('/widget/xa-a.json?showScore=true').expect(200)).body;
    expect((await sut.http.get('/widget/xa-a.json').expect(200)).body.display).not.toHaveProperty('scoreLine');
    expect(json.display.scoreLine).toMatch(/^Điểm tiến độ/);
  });

  it('speaks English on request', async () => {
    const fields = fieldsOf((await sut.http.get('/widget/xa-a?lang=en').expect(200)).text);
    expect(fields.monthLine).toBe('Up to month 06, settled on time: 75.00%');
    expect(fields.lateRate).toMatch(/: 25\.00%$/);
  });

  it('may be framed by any portal, and is cacheable with an ETag', async () => {
    const response = await sut.http.get('/widget/xa-a').expect(200);
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(response.headers.etag).toMatch(/^"[^"]+"$/);
    await sut.http.get('/widget/xa-a').set('If-None-Match', response.headers.etag).expect(304);

    const json = await sut.http.get('/widget/xa-a.json').set('Origin', 'https://xavanto.haiduong.gov.vn').expect(200);
    expect(json.headers['access-control-allow-origin']).toBe('*');
    const script = await sut.http.get('/widget/embed.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^application\/javascript/);
    expect(script.headers['access-control-allow-origin']).toBe('*');
  });

  it('follows new data at once: new figures and a new ETag', async () => {
    const before = await sut.http.get('/widget/xa-a').expect(200);
    await send(sut, buildSettled(1, 'late', { unitCode: 'xa-a' }));
    const after = await sut.http.get('/widget/xa-a').set('If-None-Match', before.headers.etag).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(fieldsOf(after.text).late).toBe('Trễ hạn: 2');
  });

  it('includes the units below for a district by default', async () => {
    const json = (await sut.http.get('/widget/huyen.json').expect(200)).body;
    expect(json.includeChildren).toBe(true);
    expect(json.settled.total).toBe(5);
  });

  it('answers 404 for an unknown unit and 400 for a bad period', async () => {
    await sut.http.get('/widget/no-such-unit').expect(404);
    await sut.http.get('/widget/xa-a?from=2025-02-30').expect(400);
    for (const path of ['/widget/xa-a?showScore=yes', '/widget/xa-a.json?showScore=2', '/widget/xa-a/detail?showScore=on', '/widget/xa-a?showScore=true&showScore=false']) {
      const refused = await sut.http.get(path).expect(400);
      expect([path, refused.body.message]).toEqual([path, expect.stringMatching(/^showScore: must be (true or false|given once)$/)]);
    }
  });

  it('shows an open dossier turning overdue in the JSON without new data', async () => {
    await send(sut, [buildDossier({ unitCode: 'xa-a', status: 'processing', receivedAt: '2025-06-09T08:00', dueAt: '2025-06-11' })]);
    const overdue = async () => (await sut.http.get('/widget/xa-a.json').expect(200)).body.open.overdue;
    expect(await overdue()).toBe(0);
    sut.clock.set('2025-06-12T03:00:00Z');
    expect(await overdue()).toBe(1);
    sut.clock.set('2025-06-10T03:07:03Z');
  });
});
