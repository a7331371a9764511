import { ConfigService } from '@nestjs/config';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Clock } from '../common/clock';
import { EnvironmentVariables } from '../config/configuration';
import { FigureCounts, deriveFigures, zeroCounts } from '../stats/figures';
import { ScopeChoice, ScopeState, StatsAnswer, StatsRequest, StatsService } from '../stats/stats.service';
import { Unit } from '../units/unit.entity';
import { isDatabaseUnavailable } from '../common/database-errors';
import { WidgetCache } from './widget-cache';
import { TEMPLATES_DIR } from './widget-templates';
import { RenderedWidget, ScopeStateMemo, WidgetJson, WidgetService } from './widget.service';

/**
 * The rendering around StatsService (which has its own suites on the real database): a stand-in
 * answers with fixed figures so these specs read as one page each.
 */
const NOW = new Date('2023-06-10T03:00:00.000Z');

function buildUnit(overrides: Partial<Unit>): Unit {
  return Object.assign(new Unit(), {
    id: 1, code: 'xa-van-to', name: 'Xã Văn Tố', level: 'commune', parentId: null, path: '/1/',
    dataVersion: 7, dataUpdatedAt: new Date('2023-06-09T21:07:03.000Z'), createdAt: NOW,
    ...overrides,
  });
}

const PORTAL_CASE: Partial<FigureCounts> = { early: 600, onTime: 149, late: 1, openOverdue: 2, openOnTrack: 5, receivedOnline: 760 };

function buildStats(options: { unit?: Unit; children?: Unit[]; counts?: Partial<FigureCounts> } = {}) {
  const unit = options.unit ?? buildUnit({});
  const children = options.children ?? [];
  let version = 7;
  const counts = { ...zeroCounts(), ...(options.counts ?? PORTAL_CASE) };
  const scopeState = jest.fn(async (_code: string, includeChildren: boolean, choice: ScopeChoice = {}): Promise<ScopeState> => ({
    unit,
    units: includeChildren ? [unit, ...children] : [unit],
    periodEnd: choice.periodEnd ?? '2023-06-10',
    includePredecessors: choice.includePredecessors ?? true,
    day: choice.periodEnd ?? '2023-06-10',
    unitsBelow: includeChildren ? children.length : 0,
    rows: includeChildren ? children.map((child) => ({ unit: child, unitIds: [child.id] })) : [],
    rest: [unit.id],
    version: `${includeChildren ? 1 + children.length : 1}.${version}`,
    dataUpdatedAt: unit.dataUpdatedAt,
  }));
  const stats = jest.fn(async (request: StatsRequest, state?: ScopeState): Promise<StatsAnswer> => {
    const figures = deriveFigures(counts, request.decimals);
    const groups = request.groupBy === 'channel'
      ? [{ key: 'online', label: 'online', ...figures }]
      : request.groupBy === 'unit'
        ? (state?.units ?? []).map((member) => ({ key: member.code, label: member.name, ...figures }))
        : request.groupBy
          ? [{ key: request.groupBy === 'month' ? '2023-06' : 'Hộ tịch', label: 'x', ...figures }]
          : [];
    return {
      unit: { code: unit.code, name: unit.name, level: unit.level },
      period: { from: String(request.from), to: String(request.to) },
      includeChildren: request.includeChildren ?? false,
      judgedAt: NOW.toISOString(),
      dataUpdatedAt: state?.dataUpdatedAt?.toISOString() ?? null,
      ...figures,
      groups,
    };
  });
  const bumpVersion = () => version++;
  return { fake: { scopeState, stats } as unknown as StatsService, scopeState, stats, bumpVersion };
}

/** `revalidateMs` 0 (the default here): every request asks StatsService for the scope's version. */
function buildSut(stats: StatsService, publicBaseUrl?: string, options: { revalidateMs?: number; elapsed?: { ms: number } } = {}) {
  const clock: Clock = { now: () => NOW };
  const cache = new WidgetCache<RenderedWidget>({ maxEntries: 50, ttlMs: 30_000, now: () => clock.now().getTime() });
  const elapsed = options.elapsed ?? { ms: 0 };
  const scopes = new ScopeStateMemo({ windowMs: options.revalidateMs ?? 0, maxEntries: 50, now: () => elapsed.ms, isUnavailable: isDatabaseUnavailable });
  const config = { get: (name: string) => (name === 'PUBLIC_BASE_URL' ? publicBaseUrl : undefined) } as unknown as ConfigService<EnvironmentVariables, true>;
  return new WidgetService(stats, cache, scopes, clock, config);
}

const decodeEntities = (html: string) =>
  html.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe('WidgetService', () => {
  it('renders the portal block: 750 settled, 749 early or on time, 1 late', async () => {
    const { fake } = buildStats();
    const sut = buildSut(fake);

    const { body } = await sut.render('xa-van-to', {}, 'html');

    for (const line of [
      '<title>Kết quả giải quyết TTHC – Xã Văn Tố</title>',
      'Kết quả giải quyết TTHC</h1>',
      'Đến tháng 06 đã giải quyết: 99,87%',
      'Số hồ sơ xử lý: 750',
      'Trước &amp; đúng hạn: 749',
      'Trễ hạn: 1',
      'Tỉ lệ trễ hạn: 0,13%',
      'href="/widget/xa-van-to/detail" target="_blank" rel="noopener">Chi tiết</a>',
      '(Cập nhật lúc: 10/06/2023 04:07:03)',
      'aria-label="Kết quả giải quyết TTHC – Xã Văn Tố"',
      '<script src="/widget/resize.js" defer></script>',
    ]) {
      expect(body).toContain(line);
    }
  });

  it('shows in the HTML exactly the strings its JSON gives, for the same figures as StatsService', async () => {
    const { fake, stats } = buildStats();
    const sut = buildSut(fake);
    const query = { lang: 'en', from: '2023-01-01', to: '2023-06-10', decimals: '1' };

    const json = JSON.parse((await sut.render('xa-van-to', query, 'json')).body) as WidgetJson;
    const html = decodeEntities((await sut.render('xa-van-to', query, 'html')).body);

    const { display, ...figures } = json;
    expect(figures).toEqual(await stats.mock.results[0].value);
    expect(display.monthLine).toBe('Up to month 06, settled on time: 99.9%');
    expect(display.detailUrl).toBe('/widget/xa-van-to/detail?from=2023-01-01&to=2023-06-10&decimals=1&lang=en');
    for (const value of Object.values(display)) expect(html).toContain(value);
  });

  it('adds the 766 score line only when asked, with the figures\' own progressScore, in the HTML and the JSON alike', async () => {
    const { fake } = buildStats({ counts: { ...PORTAL_CASE, onTime766: 397, late766: 3, openOverdue: 0, openOnTrack: 0 } });
    const sut = buildSut(fake);

    const plain = await sut.render('xa-van-to', {}, 'html');
    const html = await sut.render('xa-van-to', { showScore: 'true' }, 'html');
    const json = JSON.parse((await sut.render('xa-van-to', { showScore: 'true', lang: 'en' }, 'json')).body) as WidgetJson;
    const plainJson = JSON.parse((await sut.render('xa-van-to', {}, 'json')).body) as WidgetJson;

    expect(plain.body).not.toContain('scoreLine');
    expect(html.body).toContain('<li data-field="scoreLine">Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): 19,85/20</li>');
    // One line more, and the detail link carries the choice; nothing else moves.
    expect(html.body.replace(/\n *<li data-field="scoreLine">[^\n]*/, '').replace('/detail?showScore&#x3D;true', '/detail')).toBe(plain.body);
    expect(json.progressScore).toBe(19.85);
    expect(json.display.scoreLine).toBe('Progress score (Decision 766, indicator 2.1): 19.85/20');
    expect(plainJson.display).not.toHaveProperty('scoreLine');
  });

  it('shows "—" for the score, never 0 or 20, when there is nothing to score', async () => {
    const { fake } = buildStats({ counts: {} });
    const sut = buildSut(fake);

    const { body } = await sut.render('xa-van-to', { showScore: 'true' }, 'html');

    expect(body).toContain('<li data-field="scoreLine">Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): —</li>');
  });

  it('answers a malformed showScore with a 400 naming it', async () => {
    const { fake } = buildStats();
    const sut = buildSut(fake);

    await expect(sut.render('xa-van-to', { showScore: 'yes' }, 'html')).rejects.toThrow('showScore: must be true or false');
  });

  it('shows "—" for the percentages when nothing is settled, never 0 % or 100 %', async () => {
    const { fake } = buildStats({ counts: {} });
    const sut = buildSut(fake);

    const { body } = await sut.render('xa-van-to', {}, 'html');

    expect(body).toContain('Đến tháng 06 đã giải quyết: —');
    expect(body).toContain('Tỉ lệ trễ hạn: —');
    expect(body.slice(body.indexOf('<body>'))).not.toMatch(/\d%/);
  });

  it('escapes every value: a unit named <script> shows as text', async () => {
    const { fake } = buildStats({ unit: buildUnit({ name: '<script>alert("x")</script> & Co' }) });
    const sut = buildSut(fake);

    const html = (await sut.render('xa-van-to', {}, 'html')).body;
    const detail = (await sut.render('xa-van-to', {}, 'detail')).body;

    for (const page of [html, detail]) {
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
      expect(page).not.toContain('<script>alert');
    }
  });

  it('links to an absolute detail page when PUBLIC_BASE_URL is set', async () => {
    const { fake } = buildStats();
    const sut = buildSut(fake, 'https://tthc.example.gov.vn/');

    const json = JSON.parse((await sut.render('xa-van-to', {}, 'json')).body) as WidgetJson;

    expect(json.display.detailUrl).toBe('https://tthc.example.gov.vn/widget/xa-van-to/detail');
  });

  it.each`
    children | given        | expectedScope | expectedIncludeChildren | why
    ${0}     | ${undefined} | ${true}       | ${false}                | ${'a commune: same scope, answered like the stats API default'}
    ${2}     | ${undefined} | ${true}       | ${true}                 | ${'a district: its communes are included by default'}
    ${2}     | ${'false'}   | ${false}      | ${false}                | ${'asked for the unit alone'}
    ${0}     | ${'true'}    | ${true}       | ${true}                 | ${'asked explicitly'}
  `('includeChildren $given with $children units below → $expectedIncludeChildren ($why)', async ({ children, given, expectedScope, expectedIncludeChildren }) => {
    const below = Array.from({ length: children }, (_, i) => buildUnit({ id: 10 + i, code: `xa-${i}`, name: `Xã ${i}`, parentId: 1, path: `/1/${10 + i}/` }));
    const { fake, scopeState, stats } = buildStats({ children: below });
    const sut = buildSut(fake);

    await sut.render('xa-van-to', given === undefined ? {} : { includeChildren: given }, 'json');

    expect(scopeState).toHaveBeenCalledWith('xa-van-to', expectedScope, { periodEnd: '2023-06-10', includePredecessors: true });
    expect(stats.mock.calls[0][0].includeChildren).toBe(expectedIncludeChildren);
    expect(stats.mock.calls[0][1]).toBe(await scopeState.mock.results[0].value);
  });

  it.each`
    query                              | decimals | lang    | monthLine                                    | detailUrl
    ${{}}                              | ${1}     | ${'en'} | ${'Up to month 06, settled on time: 99.9%'}  | ${'/widget/xa-van-to/detail'}
    ${{ decimals: '2', lang: 'vi' }}   | ${2}     | ${'vi'} | ${'Đến tháng 06 đã giải quyết: 99,87%'}      | ${'/widget/xa-van-to/detail?decimals=2&lang=vi'}
  `('uses the unit\'s own settings (1 decimal, English) unless the query says otherwise: $query', async ({ query, decimals, lang, monthLine, detailUrl }) => {
    const { fake, stats } = buildStats({ unit: buildUnit({ widgetDecimals: 1, widgetLocale: 'en' }) });
    const sut = buildSut(fake);

    const json = JSON.parse((await sut.render('xa-van-to', query, 'json')).body) as WidgetJson;
    const html = (await sut.render('xa-van-to', query, 'html')).body;

    expect(stats.mock.calls[0][0].decimals).toBe(decimals);
    expect(json.display.monthLine).toBe(monthLine);
    expect(json.display.detailUrl).toBe(detailUrl);
    expect(html).toContain(`<html lang="${lang}">`);
  });

  it('answers with new settings at once, although the data version did not change', async () => {
    const unit = buildUnit({});
    const { fake, stats } = buildStats({ unit });
    const sut = buildSut(fake);
    await sut.render('xa-van-to', {}, 'json');

    unit.widgetDecimals = 0;
    const json = JSON.parse((await sut.render('xa-van-to', {}, 'json')).body) as WidgetJson;

    expect(stats).toHaveBeenCalledTimes(2);
    expect([json.onTimePercent, json.latePercent]).toEqual(['99', '1']);
  });

  it('uses the default period of 1 January to today', async () => {
    const { fake, stats } = buildStats();
    const sut = buildSut(fake);

    await sut.render('xa-van-to', {}, 'json');

    expect(stats.mock.calls[0][0]).toMatchObject({ from: '2023-01-01', to: '2023-06-10' });
  });

  it.each`
    query                                         | message
    ${{ from: '2023-02-30' }}                     | ${/from/}
    ${{ from: '2023-06-01', to: '2023-05-01' }}   | ${/after/}
    ${{ lang: 'de' }}                             | ${/lang/}
  `('refuses $query before touching the database', async ({ query, message }) => {
    const { fake, scopeState } = buildStats();
    const sut = buildSut(fake);

    await expect(sut.render('xa-van-to', query, 'html')).rejects.toThrow(message);
    expect(scopeState).not.toHaveBeenCalled();
  });

  describe('caching', () => {
    it('serves the same body and ETag while the data version holds', async () => {
      const { fake, stats } = buildStats();
      const sut = buildSut(fake);

      const first = await sut.render('xa-van-to', {}, 'html');
      const second = await sut.render('xa-van-to', {}, 'html');

      expect(second).toEqual(first);
      expect(stats).toHaveBeenCalledTimes(1);
    });

    it('computes again after a write bumped the version', async () => {
      const { fake, stats, bumpVersion } = buildStats();
      const sut = buildSut(fake);
      await sut.render('xa-van-to', {}, 'html');

      bumpVersion();
      await sut.render('xa-van-to', {}, 'html');

      expect(stats).toHaveBeenCalledTimes(2);
    });

    it('asks for the scope once per revalidation window, and sees a write once the window is over', async () => {
      const { fake, scopeState, stats, bumpVersion } = buildStats();
      const elapsed = { ms: 0 };
      const sut = buildSut(fake, undefined, { revalidateMs: 1000, elapsed });
      await sut.render('xa-van-to', {}, 'html');

      bumpVersion(); // another instance wrote
      elapsed.ms = 999;
      await sut.render('xa-van-to', {}, 'html');
      expect([scopeState.mock.calls.length, stats.mock.calls.length]).toEqual([1, 1]);

      elapsed.ms = 1000;
      await sut.render('xa-van-to', {}, 'html');
      expect([scopeState.mock.calls.length, stats.mock.calls.length]).toEqual([2, 2]);
    });

    it('shares one scope read among concurrent requests', async () => {
      const { fake, scopeState } = buildStats();
      const sut = buildSut(fake, undefined, { revalidateMs: 1000 });

      await Promise.all(Array.from({ length: 20 }, () => sut.render('xa-van-to', {}, 'json')));

      expect(scopeState).toHaveBeenCalledTimes(1);
    });

    it.each`
      other                                 | why
      ${{ lang: 'en' }}                     | ${'language'}
      ${{ decimals: '1' }}                  | ${'decimals'}
      ${{ from: '2023-03-01' }}             | ${'period'}
      ${{ includeChildren: 'true' }}        | ${'scope given explicitly (the detail link carries it)'}
      ${{ showScore: 'true' }}              | ${'the score line asked for'}
    `('keeps answers apart by $why', async ({ other }) => {
      const { fake, stats } = buildStats();
      const sut = buildSut(fake);

      await sut.render('xa-van-to', {}, 'html');
      await sut.render('xa-van-to', other, 'html');

      expect(stats).toHaveBeenCalledTimes(2);
    });

    it.each(['html', 'json'] as const)('never serves a %s answer with the score line for one without it, nor the reverse', async (format) => {
      const { fake } = buildStats();
      const sut = buildSut(fake);
      const hasLine = (body: string) => body.includes('Điểm tiến độ');

      const withFirst = await sut.render('xa-van-to', { showScore: 'true' }, format);
      const without = await sut.render('xa-van-to', {}, format);
      const off = await sut.render('xa-van-to', { showScore: 'false' }, format);
      const withAgain = await sut.render('xa-van-to', { showScore: '1' }, format);

      expect([hasLine(withFirst.body), hasLine(without.body), hasLine(off.body), hasLine(withAgain.body)]).toEqual([true, false, false, true]);
      expect(without.etag).not.toBe(withFirst.etag);
      // Off said or left unsaid is the one default answer, and on said two ways is the other.
      expect(off).toEqual(without);
      expect(withAgain).toEqual(withFirst);
    });

    it('keeps the HTML, the JSON and the detail page apart', async () => {
      const { fake } = buildStats();
      const sut = buildSut(fake);

      const bodies = await Promise.all((['html', 'json', 'detail'] as const).map((format) => sut.render('xa-van-to', {}, format)));

      expect(new Set(bodies.map((rendered) => rendered.etag)).size).toBe(3);
      expect(bodies[1].body.startsWith('{')).toBe(true);
    });
  });

  describe('detail page', () => {
    it('has tables by field, month and channel for a commune, channels named in Vietnamese', async () => {
      const { fake, stats } = buildStats();
      const sut = buildSut(fake);

      const { body } = await sut.render('xa-van-to', {}, 'detail');

      expect(stats.mock.calls.map(([request]) => request.groupBy)).toEqual(['field', 'month', 'channel']);
      expect(body).toContain('data-table="field"');
      expect(body).toContain('data-table="month"');
      expect(body).toContain('data-table="channel"');
      expect(body).not.toContain('data-table="unit"');
      expect(body).toContain('<th scope="row" role="rowheader">Trực tuyến</th>');
      expect(body).toContain('<th scope="row" role="rowheader">06/2023</th>');
      expect(body).toContain('Từ ngày 01/01/2023 đến ngày 10/06/2023');
    });

    it('adds a table by unit for a unit with units below', async () => {
      const below = [buildUnit({ id: 2, code: 'xa-a', name: 'Xã A', parentId: 1, path: '/1/2/' })];
      const { fake } = buildStats({ unit: buildUnit({ code: 'huyen', name: 'Huyện', level: 'district' }), children: below });
      const sut = buildSut(fake);

      const { body } = await sut.render('huyen', {}, 'detail');

      expect(body).toContain('data-table="unit"');
      expect(body).toContain('<th scope="row" role="rowheader">Xã A</th>');
    });

    it('is written in English on request and links back to the other language', async () => {
      const { fake } = buildStats();
      const sut = buildSut(fake);

      const { body } = await sut.render('xa-van-to', { lang: 'en', from: '2023-01-01' }, 'detail');

      expect(body).toContain('<html lang="en">');
      expect(body).toContain('By channel');
      expect(body).toContain('<th scope="row" role="rowheader">Online</th>');
      expect(decodeEntities(body)).toContain('href="/widget/xa-van-to/detail?from=2023-01-01" hreflang="vi"');
    });
  });
});

describe('templates', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.hbs') ? [join(dir, entry.name)] : [],
    );
  // By the name under templates/, not the whole path: a checkout in a folder named widget holds every template.
  const widgetTemplates = files(TEMPLATES_DIR).filter((path) => /widget/.test(relative(TEMPLATES_DIR, path)));

  it.each(widgetTemplates)('%s escapes every value and has no inline script', (path) => {
    const source = readFileSync(path, 'utf8');

    expect(source).not.toContain('{{{');
    expect(source).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(source).not.toMatch(/\son[a-z]+=/i);
  });

  describe('while the database is away (stale-if-error)', () => {
    const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });

    it('serves the last body of the same request, marked stale, when the scope cannot be read', async () => {
      const { fake, scopeState } = buildStats();
      const elapsed = { ms: 0 };
      const sut = buildSut(fake, undefined, { revalidateMs: 1000, elapsed });
      const good = await sut.render('xa-van-to', {}, 'html');

      scopeState.mockRejectedValue(refused());
      elapsed.ms = 5000;
      const during = await sut.render('xa-van-to', {}, 'html');

      expect(good.stale).toBe(false);
      expect(during).toEqual({ ...good, stale: true });
    });

    it('serves the last body when the figures cannot be computed, whatever its version', async () => {
      const { fake, stats, bumpVersion } = buildStats();
      const sut = buildSut(fake);
      const good = await sut.render('xa-van-to', {}, 'json');

      bumpVersion();
      stats.mockRejectedValue(Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' }));

      expect(await sut.render('xa-van-to', {}, 'json')).toEqual({ ...good, stale: true });
    });

    it('fails with the database error when nothing was ever rendered for that request', async () => {
      const { fake, scopeState } = buildStats();
      const sut = buildSut(fake);
      await sut.render('xa-van-to', {}, 'html');

      scopeState.mockRejectedValue(refused());

      await expect(sut.render('xa-van-to', { lang: 'en' }, 'html')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });

    it('never hides another failure behind a stale body', async () => {
      const { fake, stats, bumpVersion } = buildStats();
      const sut = buildSut(fake);
      await sut.render('xa-van-to', {}, 'html');

      bumpVersion();
      stats.mockRejectedValue(new Error('syntax error in SQL'));

      await expect(sut.render('xa-van-to', {}, 'html')).rejects.toThrow('syntax error');
    });
  });
});
