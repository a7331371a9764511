import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { StaffAuthService } from '../src/auth/staff-auth.service';
import { buildExportRows, writeCsv } from './factories/export.factory';
import { buildSettled } from './factories/dossier.factory';
import { chromiumAvailable, launchChromium } from './support/browser';
import { PASSWORD } from './support/console';
import { TestApp, startTestApp } from './support/test-app';
import { createTree, send } from './support/tree';

const SHOTS = join(__dirname, 'artifacts', 'console');
const WIDTHS = [1280, 390];

/**
 * The console as people use it, in Debian's Chromium: sign in, load an export and watch the
 * dashboard move, subscribe a leader and preview the report, embed the widget on a portal of
 * another origin, and a viewer that cannot reach what it may not do.
 */
(chromiumAvailable() ? describe : describe.skip)('the staff console in a real browser', () => {
  let sut: TestApp;
  let browser: Browser;
  let origin: string;
  let portal: Server;
  let portalOrigin: string;
  let portalSnippet = '';
  let dir: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'tthc-console-'));
    sut = await startTestApp('sqlite', 'console-browser', { now: '2025-06-10T03:00:00Z' });
    await createTree(sut);
    await send(sut, [...buildSettled(40, 'early', { unitCode: 'xa-a' }), ...buildSettled(2, 'late', { unitCode: 'xa-a' })]);
    const accounts = sut.app.get(StaffAuthService);
    await accounts.createAccount({ email: 'can-bo@xa-a.gov.vn', name: 'Nguyễn Văn Cán Bộ', password: PASSWORD, role: 'staff', unitCode: 'xa-a' });
    await accounts.createAccount({ email: 'quan-ly@huyen.gov.vn', name: 'Trần Thị Quản Lý', password: PASSWORD, role: 'manager', unitCode: 'huyen' });
    await accounts.createAccount({ email: 'xem@xa-a.gov.vn', name: 'Lê Văn Xem', password: PASSWORD, role: 'viewer', unitCode: 'xa-a' });
    await accounts.createAccount({ email: 'quan-tri@tinh.gov.vn', name: 'Quản Trị', password: PASSWORD, role: 'admin' });
    await sut.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    portal = createServer((_request, response) => {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng TTĐT</title></head><body><h1>Cổng thông tin điện tử</h1><aside style="width:320px">${portalSnippet}</aside></body></html>`);
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    portalOrigin = `http://localhost:${(portal.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => portal?.close(resolve));
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(email: string, width = 1280): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(`${origin}/admin`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(`${origin}/admin`), page.click('button[type="submit"]')]);
    return { context, page, problems };
  }

  async function shoot(page: Page, name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
      // Tidy at both widths: nothing wider than the screen but the tables' own scroll boxes.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('signs in, loads an export, and shows the new figures on the dashboard', async () => {
    const { context, page, problems } = await signIn('can-bo@xa-a.gov.vn');
    const before = await page.locator('main').innerText();
    expect(before).toContain('42');
    await shoot(page, 'dashboard');

    writeCsv(join(dir, 'ho-so.csv'), buildExportRows(60, { seed: 9, codePrefix: 'WEB' }));
    await page.goto(`${origin}/admin/imports`);
    await shoot(page, 'imports');
    await page.setInputFiles('input[name="file"]', join(dir, 'ho-so.csv'));
    await page.selectOption('select[name="unitCode"]', 'xa-a');
    await Promise.all([page.waitForURL(/\/admin\/imports\/\d+/), page.click('form[enctype="multipart/form-data"] button[type="submit"]')]);
    // The live progress (imports.js polling progress.json) ends on "done" with the counts.
    await page.waitForSelector('[data-import="status"].work-status-done', { timeout: 0 }); // a state, whatever the speed
    expect(await page.locator('[data-import="created"]').innerText()).toBe('60');
    await shoot(page, 'import-result');

    await page.goto(`${origin}/admin`);
    const after = await page.locator('main').innerText();
    expect(after).not.toBe(before);
    await page.goto(`${origin}/admin/open`);
    await shoot(page, 'open');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('subscribes a leader to a monthly report and opens its preview', async () => {
    const { context, page, problems } = await signIn('can-bo@xa-a.gov.vn');
    await page.goto(`${origin}/admin/reports/new`);
    await page.fill('textarea[name="recipients"]', 'chu-tich@xa-a.gov.vn\npho-chu-tich@xa-a.gov.vn');
    await page.selectOption('select[name="periodKind"]', 'month');
    await page.fill('input[name="sendAt"]', '07:30');
    await page.fill('input[name="sendDay"]', '1');
    await shoot(page, 'report-form');
    await Promise.all([page.waitForURL(/\/admin\/reports/), page.click('form.form button[type="submit"]')]);
    await page.goto(`${origin}/admin/reports`);
    expect(await page.locator('main').innerText()).toContain('chu-tich@xa-a.gov.vn');
    await shoot(page, 'reports');
    const edit = page.locator('a[href*="/admin/reports/"][href$="/edit"]').first();
    await edit.click();
    const [preview] = await Promise.all([context.waitForEvent('page'), page.click('button[formaction$="/preview"]')]);
    await preview.waitForLoadState();
    expect(await preview.locator('body').innerText()).toContain('Xã A');
    await preview.screenshot({ path: join(SHOTS, 'report-preview-1280.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('gives a webmaster the embed snippet, which renders the widget on a portal of another origin', async () => {
    const { context, page } = await signIn('quan-ly@huyen.gov.vn');
    await page.goto(`${origin}/admin/widget?unit=xa-a`);
    await shoot(page, 'widget');
    portalSnippet = (await page.locator('#snippet-script').innerText()).trim();
    expect(portalSnippet).toMatch(/^<script src="http:\/\/127\.0\.0\.1:\d+\/widget\/embed\.js" data-unit="xa-a"/);
    const portalPage = await context.newPage();
    await portalPage.goto(portalOrigin);
    const frame = portalPage.frameLocator('aside iframe');
    await frame.getByText(/Số hồ sơ xử lý: \d+/).waitFor();
    expect(await frame.locator('body').innerText()).toMatch(/Trễ hạn: \d+/);
    await portalPage.screenshot({ path: join(SHOTS, 'portal-embed-1280.png') });
    await page.goto(`${origin}/admin/settings`);
    await shoot(page, 'settings');
    await page.goto(`${origin}/admin/audit`);
    await shoot(page, 'audit');
    await context.close();
  }, 60_000);

  it('keeps a viewer out of what it may not do, by link, by URL and by replaying a form', async () => {
    const { context, page } = await signIn('xem@xa-a.gov.vn', 390);
    const links = await page.locator('nav a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).not.toContain('/admin/settings');
    expect(links).not.toContain('/admin/imports');
    const settings = await page.goto(`${origin}/admin/settings`);
    expect(settings?.status()).toBe(403);
    const csrf = await page.goto(`${origin}/admin/password`).then(() => page.locator('input[name="_csrf"]').first().inputValue());
    const replay = await page.request.post(`${origin}/admin/widget`, { form: { _csrf: csrf, unit: 'xa-a', decimals: '1', locale: 'en' } });
    expect(replay.status()).toBe(403);
    const createKey = await page.request.post(`${origin}/admin/settings/api-keys`, { form: { _csrf: csrf, name: 'x', unitCode: 'xa-a' } });
    expect(createKey.status()).toBe(403);
    await page.goto(`${origin}/admin`);
    await page.screenshot({ path: join(SHOTS, 'viewer-dashboard-390.png'), fullPage: true });
    await page.goto(`${origin}/admin/password`);
    await shoot(page, 'password');
    await context.close();
    const anonymous = await browser.newPage();
    await anonymous.goto(`${origin}/admin/sign-in`);
    await shoot(anonymous, 'sign-in');
    await anonymous.close();
  }, 60_000);
});
