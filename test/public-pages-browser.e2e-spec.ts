import { mkdirSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { buildDossier } from './factories/dossier.factory';
import { axeViolations, chromiumAvailable, launchChromium, overflows } from './support/browser';
import { ADMIN_KEY, TestApp, bearer, startTestApp } from './support/test-app';
import { send, stats } from './support/tree';

const ARTIFACTS = join(__dirname, 'artifacts');
const CODE = '000.00.21.H23-250602-0001';

/** Every public page a citizen or a portal's visitor opens, by name and address. */
const PAGES: [string, string][] = [
  ['widget', '/widget/xa-van-to'],
  ['detail', '/widget/xa-van-to/detail'],
  ['detail-province', '/widget/tinh-hh/detail'],
  ['lookup', '/tra-cuu'],
  ['lookup-found', `/tra-cuu?ma=${encodeURIComponent(CODE)}`],
  ['results', '/cong-khai/tinh-hh?period=2025'],
  ['results-en', '/cong-khai/tinh-hh?period=2025-Q2&sort=late&lang=en'],
];

/**
 * The public pages in Debian's Chromium at a phone's width and a desktop's: none scrolls
 * sideways, each passes axe-core's WCAG 2.1 AA rules, the detail page puts late and overdue in
 * its first screen and draws its months as they are in the month table, the results page adds up
 * to the province's stats and is used with the keyboard alone.
 */
(chromiumAvailable() ? describe : describe.skip)('the public pages in a real browser', () => {
  let sut: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sut = await startTestApp('sqlite', 'public-pages', { now: '2025-06-10T03:07:03Z' });
    const units = [
      { code: 'tinh-hh', name: 'Tỉnh Hải Hưng', level: 'province' },
      { code: 'xa-van-to', name: 'Xã Văn Tố', level: 'commune', parentCode: 'tinh-hh', agencyCode: '000.00.21.H23' },
      { code: 'xa-tu-ky', name: 'Xã Tứ Kỳ', level: 'commune', parentCode: 'tinh-hh' },
      { code: 'phuong-nhi-chau', name: 'Phường Nhị Châu', level: 'commune', parentCode: 'tinh-hh' },
    ];
    for (const unit of units) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    const month = (unitCode: string, m: number, early: number, late: number, field: string) => {
      const mm = String(m).padStart(2, '0');
      return [
        ...Array.from({ length: early }, () => buildDossier({ unitCode, field, channel: 'online', receivedAt: `2025-${mm}-02T08:00:00`, dueAt: `2025-${mm}-12`, resolvedAt: `2025-${mm}-06T10:00:00` })),
        ...Array.from({ length: late }, () => buildDossier({ unitCode, field, receivedAt: `2025-${mm}-02T08:00:00`, dueAt: `2025-${mm}-04`, resolvedAt: `2025-${mm}-08T10:00:00` })),
      ];
    };
    const dossiers = [
      ...[1, 2, 3, 4, 5].flatMap((m) => month('xa-van-to', m, 20 + 3 * m, m % 3, m % 2 ? 'Hộ tịch' : 'Chứng thực')),
      ...[1, 2, 3, 4, 5].flatMap((m) => month('xa-tu-ky', m, 10 + m, m === 4 ? 5 : 0, 'Đất đai')),
      ...[2, 4].flatMap((m) => month('phuong-nhi-chau', m, 7, 1, 'Người có công')),
      ...Array.from({ length: 3 }, () => buildDossier({ unitCode: 'xa-van-to', status: 'processing', receivedAt: '2025-05-20T08:00:00', dueAt: '2025-05-30' })),
      buildDossier({ code: CODE, unitCode: 'xa-van-to', procedureName: 'Đăng ký khai sinh', status: 'processing', receivedAt: '2025-06-02T08:00:00', dueAt: '2025-06-16' }),
    ];
    expect((await send(sut, dossiers)).body).toMatchObject({ created: dossiers.length, rejected: [] });
    await sut.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  async function open(path: string, width: number, height: number): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height } });
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}${path}`);
    return { page, problems };
  }

  describe.each`
    width   | height
    ${390}  | ${844}
    ${1280} | ${800}
  `('at $width px', ({ width, height }: { width: number; height: number }) => {
    it.each(PAGES)('%s (%s) fits without sideways scrolling and passes the WCAG 2.1 AA check', async (name, path) => {
      const { page, problems } = await open(path, width, height);

      expect(await overflows(page)).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `public-${name}-${width}.png`), fullPage: width === 390 && name !== 'results' ? false : true });
      await page.close();
    });
  });

  it('has a check that finds violations where there are some (an image without a name, text too faint to read)', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html lang="vi"><head><title>x</title></head><body><main><img src="data:,"><p style="color:#bbb;background:#fff">Trễ hạn</p></main></body></html>');

    expect((await axeViolations(page)).map((violation) => violation.id).sort()).toEqual(['color-contrast', 'image-alt']);
    await page.close();
  });

  it('shows a phone the late and the overdue figures in the first screen of the detail page', async () => {
    const { page } = await open('/widget/xa-van-to/detail', 390, 664);

    for (const key of ['late', 'overdue']) {
      const card = page.locator(`[data-figure="${key}"]`);
      const box = (await card.boundingBox())!;
      expect({ key, bottom: box.y + box.height <= 664, width: box.x + box.width <= 390 }).toEqual({ key, bottom: true, width: true });
      expect(await card.isVisible()).toBe(true);
    }
    const late = await page.locator('[data-figure="late"] .card-value').innerText();
    const overdue = await page.locator('[data-figure="overdue"] .card-value').innerText();
    const figures = await stats(sut, 'xa-van-to', { from: '2025-01-01', to: '2025-06-10' });
    expect([late, overdue]).toEqual([String(figures.settled.late), String(figures.open.overdue)]);
    expect(figures.open.overdue).toBe(3);
    // Each table row is a card: its late and overdue figures are on the screen, beside their labels.
    const row = page.locator('section[data-table="month"] tbody tr').first();
    expect(await row.locator('td[data-col="late"]').isVisible()).toBe(true);
    expect(await row.locator('td[data-col="overdue"]').isVisible()).toBe(true);
    expect(await row.locator('td[data-col="late"]').evaluate((cell) => getComputedStyle(cell, '::before').content)).toBe('"Trễ hạn"');
    await page.close();
  });

  it.each([390, 1280])('draws the months’ chart at %i px with the numbers of the month rows, and says them in words', async (width) => {
    const { page } = await open('/widget/xa-van-to/detail', width, 800);

    const bars = await page.locator('[data-chart="months"] g[data-month]').evaluateAll((groups) =>
      groups.map((g) => ({ month: g.getAttribute('data-month'), settled: g.getAttribute('data-settled'), onTimePercent: g.getAttribute('data-on-time-percent'), drawn: (g.querySelector('rect.on') as SVGGraphicsElement).getBBox().width })),
    );
    const rows = await page.locator('section[data-table="month"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ label: tr.querySelector('th')!.textContent, settled: tr.querySelector('[data-col="settled"]')!.textContent, onTimePercent: tr.querySelector('[data-col="onTimePercent"]')!.textContent })),
    );
    expect(bars.map(({ month, settled, onTimePercent }) => ({ label: `${month!.slice(5)}/${month!.slice(0, 4)}`, settled, onTimePercent }))).toEqual(rows);
    expect(bars).toHaveLength(6);
    // The busiest month's bar is the longest; a month with nothing settled (June so far) has none.
    const busiest = bars.reduce((a, b) => (Number(b.settled) > Number(a.settled) ? b : a));
    expect(Math.max(...bars.map((bar) => bar.drawn))).toBe(busiest.drawn);
    expect(bars.at(-1)).toMatchObject({ month: '2025-06', settled: '0', drawn: 0 });
    // The picture has a name and a description a screen reader reads.
    const svg = page.locator('[data-chart="months"] svg');
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await page.locator('#chart-desc').textContent()).toContain('Tháng 05/2025: 37 hồ sơ đã giải quyết, 94,59% trước & đúng hạn, 2 trễ hạn.');
    await page.close();
  });

  it.each([390, 1280])('shows at %i px results that add up to the province’s stats', async (width) => {
    const { page } = await open('/cong-khai/tinh-hh?period=2025', width, 800);

    const cells = await page.locator('table[data-table="results"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Object.fromEntries(['settled', 'late', 'open', 'overdue'].map((col) => [col, Number(tr.querySelector(`[data-col="${col}"]`)!.textContent!.replace(/\./g, ''))]))),
    );
    const province = await stats(sut, 'tinh-hh', { from: '2025-01-01', to: '2025-12-31', includeChildren: true });
    const sum = (col: string) => cells.reduce((n, row) => n + row[col], 0);
    expect({ settled: sum('settled'), late: sum('late'), open: sum('open'), overdue: sum('overdue') }).toEqual({
      settled: province.settled.total, late: province.settled.late, open: province.open.total, overdue: province.open.overdue,
    });
    expect(cells).toHaveLength(3);
    await page.close();
  });

  it('is used with the keyboard alone: every control is reached with a visible focus, a period is picked and a column sorted', async () => {
    const { page } = await open('/cong-khai/tinh-hh?period=2025', 390, 844);

    const reached: { what: string; outline: string }[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        const what = element.tagName === 'A' ? `a:${element.closest('th')?.getAttribute('data-col') ?? element.textContent}` : element.tagName.toLowerCase();
        return { what, outline: style.outlineStyle === 'none' || style.outlineWidth === '0px' ? 'none' : 'shown' };
      }));
    }
    // Past the last control the focus leaves the page (the browser's own controls): not a step of the page.
    const left = reached.findIndex((step) => step.what === 'body');
    if (left !== -1) reached.splice(left);
    const order = reached.map((step) => step.what);
    // The picker, its button, the table's scroll region (a keyboard scrolls it), then the sort links in the columns' order.
    expect(order.slice(0, 5)).toEqual(['select', 'button', 'div', 'a:rank', 'a:name']);
    expect(order).toEqual(expect.arrayContaining(['a:late', 'a:overdue', 'a:progressScore']));
    expect(reached.filter((step) => step.outline === 'none')).toEqual([]);

    // Pick the first quarter with the arrow keys and send it with Enter: no mouse, no script.
    await page.focus('#period');
    await page.selectOption('#period', '2025-Q1');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/period=2025-Q1/), page.keyboard.press('Enter')]);
    expect(await page.locator('[data-field="period"]').innerText()).toBe('Quý I/2025: từ ngày 01/01/2025 đến ngày 31/03/2025');
    await page.locator('th[data-col="late"] a').focus();
    await Promise.all([page.waitForURL(/sort=late/), page.keyboard.press('Enter')]);
    expect(await page.locator('th[data-col="late"]').getAttribute('aria-sort')).toBe('descending');
    expect(page.url()).toContain('period=2025-Q1');
    await page.close();
  });

  it('is placed on a portal with one tag, data-page="ranking", and sized to its content', async () => {
    const portal: Server = createServer((_request, response) => {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin Tỉnh Hải Hưng</title></head>
<body><main><h1>Công khai kết quả</h1><script src="${origin}/widget/embed.js" data-unit="tinh-hh" data-page="ranking" data-period="2025" async></script></main></body></html>`);
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
      await page.goto(`http://localhost:${(portal.address() as AddressInfo).port}`);
      const frame = page.frameLocator('main iframe');
      await frame.locator('table[data-table="results"]').waitFor();
      expect(await page.locator('main iframe').getAttribute('src')).toBe(`${origin}/cong-khai/tinh-hh?period=2025`);
      const inner = page.frames().find((candidate) => candidate.url().startsWith(origin))!;
      const contentHeight = await inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      await page.waitForFunction((height) => Math.abs(document.querySelector('main iframe')!.getBoundingClientRect().height - height) <= 2, contentHeight, { timeout: 0 });
      expect(contentHeight).toBeGreaterThan(800);
      await page.close();
    } finally {
      await new Promise((resolve) => portal.close(resolve));
    }
  });
});
