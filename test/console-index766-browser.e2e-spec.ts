import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { StaffAuthService } from '../src/auth/staff-auth.service';
import { buildDossier, buildSettled } from './factories/dossier.factory';
import { chromiumAvailable, launchChromium, lowestContrasts, overflows } from './support/browser';
import { PASSWORD } from './support/console';
import { TestApp, startTestApp } from './support/test-app';
import { createTree, send } from './support/tree';

const SHOTS = join(__dirname, 'artifacts', 'console');
const WIDTHS = [390, 1280];

/**
 * The 766 pages as a leader opens them in Debian's Chromium: the scorecard and the ranking at a
 * phone's width and a desk's, without sideways scrolling, blocked resources or unreadable text;
 * the period picked from the form; a unit of the ranking opened; an indicator's link followed to
 * the list of the dossiers that cost its points.
 */
(chromiumAvailable() ? describe : describe.skip)('the console’s 766 pages in a real browser', () => {
  let sut: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sut = await startTestApp('sqlite', 'console-index766-browser', { now: '2025-06-10T03:00:00Z' });
    await createTree(sut);
    const sent = await send(sut, [
      ...buildSettled(30, 'early', { unitCode: 'xa-a', channel: 'online', electronicResult: true, digitized: true, resultDigitized: true, vneidVerified: true }),
      ...buildSettled(3, 'late', { unitCode: 'xa-a', feeAmount: 30000 }),
      ...buildSettled(12, 'early', { unitCode: 'xa-b', electronicResult: false, complaint: false }),
      ...buildSettled(4, 'onTime', { unitCode: 'xa-b', receivedAt: '2025-03-03T08:00:00' }, '2025-03-07'),
      buildDossier({ unitCode: 'xa-b', status: 'processing', receivedAt: '2025-05-26T08:00:00', dueAt: '2025-05-28', complaint: true }),
    ]);
    expect(sent.body.rejected).toEqual([]);
    await sut.app.get(StaffAuthService).createAccount({ email: 'quan-ly@huyen.gov.vn', name: 'Trần Thị Quản Lý', password: PASSWORD, role: 'manager', unitCode: 'huyen' });
    await sut.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  async function signIn(width: number): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(`${origin}/admin`);
    await page.fill('input[name="email"]', 'quan-ly@huyen.gov.vn');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(`${origin}/admin`), page.click('button[type="submit"]')]);
    return { context, page, problems };
  }

  /** Fits the width, every text readable (WCAG AA, 4.5 : 1), and a screenshot to look at. */
  async function check(page: Page, name: string, width: number): Promise<void> {
    expect([name, width, await overflows(page)]).toEqual([name, width, false]);
    expect((await lowestContrasts(page)).filter((entry) => entry.ratio < 4.5)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }

  it.each(WIDTHS)('shows the scorecard at %i px: total, bars with their text, indicators, trend, not computed', async (width) => {
    const { context, page, problems } = await signIn(width);
    await page.getByRole('link', { name: 'Chỉ số 766', exact: true }).click();
    await page.waitForURL(`${origin}/admin/index766`);
    await page.goto(`${origin}/admin/index766?unit=huyen&period=2025-05`);

    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Chỉ số 766 – Huyện Thử');
    const answer = (await sut.http.get('/api/v1/units/huyen/index766').query({ period: '2025-05' }).expect(200)).body;
    expect(await page.locator('[data-total]').innerText()).toBe(`${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2 }).format(answer.points)} / ${answer.maxPoints} điểm`);
    // Each group's bar is an image with its words, and its figures are printed beside it.
    const bars = page.getByRole('img', { name: /điểm/ });
    expect(await bars.count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('[data-group="2"] [role="img"]').getAttribute('aria-label')).toMatch(/^Đạt \d+,\d\d trên 20 điểm tính được; cả nhóm 20 điểm, 0 điểm chưa tính được\.$/);
    expect(await page.locator('tr[data-indicator="2.1"] [data-field="ratio"]').innerText()).toMatch(/^\d{1,3},\d\d%$/);
    expect(await page.locator('.s766-chart').isVisible()).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Chỉ tiêu' }).first().count()).toBe(1);
    expect(await page.locator('tr[data-not-computed="1.1"]').innerText()).toContain('cần Cơ sở dữ liệu quốc gia về TTHC');
    await check(page, 'index766', width);
    // The console's policy let everything the page uses through: a blocked style would be an error here.
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it.each(WIDTHS)('ranks the units below at %i px and opens one of them', async (width) => {
    const { context, page, problems } = await signIn(width);
    await page.goto(`${origin}/admin/index766?unit=huyen&period=2025-05`);
    await page.getByRole('link', { name: 'Xếp hạng đơn vị trực thuộc' }).click();
    await page.waitForURL(/\/admin\/index766\/ranking\?unit=huyen&period=2025-05$/);

    expect(await page.locator('tr[data-unit]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-unit')))).toEqual(['xa-a', 'xa-b']);
    expect(await page.locator('tr[data-unit="xa-b"] [data-field="more"]').innerText()).toMatch(/^Cần thêm: \d+ hồ sơ/);
    await check(page, 'index766-ranking', width);
    await Promise.all([page.waitForURL(`${origin}/admin/index766?unit=xa-b&period=2025-05`), page.getByRole('link', { name: 'Xã B' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Chỉ số 766 – Xã B');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('picks a period from the form, and follows an indicator’s link to its dossiers', async () => {
    const { context, page } = await signIn(390);
    await page.goto(`${origin}/admin/index766?unit=huyen`);
    await page.selectOption('select[name="period"]', '2025-Q2');
    await Promise.all([page.waitForURL(/period=2025-Q2/), page.getByRole('button', { name: 'Xem' }).click()]);
    expect(await page.locator('[data-period]').innerText()).toMatch(/^Quý 2\/2025 · Từ ngày 01\/04\/2025 đến ngày 30\/06\/2025/);

    const link = page.locator('tr[data-indicator="2.1"] a');
    const expected = '/admin/index766/dossiers?unit=huyen&indicator=2.1&period=2025-Q2';
    expect(await link.getAttribute('href')).toBe(expected);
    await Promise.all([page.waitForURL(`${origin}${expected}`), link.click()]);
    // The dossiers that cost 2.1 its points: as many as the scorecard's denominator − numerator.
    const answer = (await sut.http.get('/api/v1/units/huyen/index766').query({ period: '2025-Q2' }).expect(200)).body;
    const progress = answer.groups.flatMap((group: { indicators: { id: string; numerator: number; denominator: number }[] }) => group.indicators).find((item: { id: string }) => item.id === '2.1');
    const lost = progress.denominator - progress.numerator;
    expect(lost).toBeGreaterThan(0);
    expect(await page.locator('[data-total]').getAttribute('data-total')).toBe(String(lost));
    expect(await page.locator('tr[data-code]').count()).toBe(lost);
    await check(page, 'index766-dossiers', 390);
    await context.close();
  }, 60_000);

  it('shows the list of dossiers behind an indicator at a desk’s width too', async () => {
    const { context, page, problems } = await signIn(1280);
    await page.goto(`${origin}/admin/index766/dossiers?unit=huyen&indicator=4.1&period=2025-05`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('4.1');
    expect(await page.locator('tr[data-code]').count()).toBeGreaterThan(0);
    await check(page, 'index766-dossiers', 1280);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('says a period not begun yet on the page, readable at a phone’s width', async () => {
    const { context, page } = await signIn(390);
    const answer = await page.goto(`${origin}/admin/index766?unit=huyen&period=2025-Q3`);
    expect(answer?.status()).toBe(400);
    expect(await page.getByRole('alert').innerText()).toContain('Quý 3/2025 chưa bắt đầu nên chưa có hồ sơ để tính điểm.');
    await check(page, 'index766-not-begun', 390);
    await context.close();
  }, 60_000);
});
