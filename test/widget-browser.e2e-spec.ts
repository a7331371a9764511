import { mkdirSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { buildSettled } from './factories/dossier.factory';
import { chromiumAvailable, launchChromium } from './support/browser';
import { ADMIN_KEY, TestApp, bearer, startTestApp } from './support/test-app';
import { send } from './support/tree';

const ARTIFACTS = join(__dirname, 'artifacts');

(chromiumAvailable() ? describe : describe.skip)('the widget in a real browser, embedded in a portal on another origin', () => {
  let sut: TestApp;
  let browser: Browser;
  let portal: Server;
  let widgetOrigin: string;
  let portalOrigin: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sut = await startTestApp('sqlite', 'browser', { now: '2025-06-10T03:07:03Z' });
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-van-to', name: 'Xã Văn Tố', level: 'commune' }).expect(201);
    await send(sut, [...buildSettled(600, 'early', { unitCode: 'xa-van-to' }), ...buildSettled(149, 'onTime', { unitCode: 'xa-van-to' }), ...buildSettled(1, 'late', { unitCode: 'xa-van-to' })]);
    await sut.app.listen(0, '127.0.0.1');
    widgetOrigin = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;

    // The portal: another origin (localhost, another port) whose page has only the one tag.
    portal = createServer((_request, response) => {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin Xã Văn Tố</title></head>
<body style="margin:0;font-family:sans-serif"><main style="display:flex;gap:24px;padding:16px">
<article style="flex:1"><h1>Tin tức</h1><p>Nội dung cổng thông tin.</p></article>
<aside style="width:300px"><script src="${widgetOrigin}/widget/embed.js" data-unit="xa-van-to" async></script></aside>
</main></body></html>`);
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    portalOrigin = `http://localhost:${(portal.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => portal?.close(resolve));
    await sut?.close();
  });

  it('places the widget with one <script> tag, shows 749 of 750 as 99,87 % and sizes the frame to its content', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(portalOrigin);

    const frameElement = page.locator('aside iframe');
    await frameElement.waitFor();
    const frame = page.frameLocator('aside iframe');
    await frame.getByText('Số hồ sơ xử lý: 750').waitFor();
    const text = await frame.locator('body').innerText();
    expect(text).toContain('Đến tháng 06 đã giải quyết: 99,87%');
    expect(text).toContain('Trước & đúng hạn: 749');
    expect(text).toContain('Trễ hạn: 1');
    expect(text).toContain('Tỉ lệ trễ hạn: 0,13%');

    // resize.js reports the page's height; embed.js sets it (no scroll bar, no cut-off block).
    const widgetFrame = page.frames().find((candidate) => candidate.url().startsWith(widgetOrigin))!;
    const contentHeight = await widgetFrame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    // Waits for the state (the frame sized to its content), not for an amount of time; the
    // suite's own timeout only turns a hang into a failure.
    await page.waitForFunction(
      (height) => Math.abs(document.querySelector('aside iframe')!.getBoundingClientRect().height - height) <= 2,
      contentHeight,
      { timeout: 0 },
    );
    const frameHeight = (await frameElement.boundingBox())!.height;
    expect(Math.abs(frameHeight - contentHeight)).toBeLessThanOrEqual(2);
    expect(frameHeight).not.toBe(250); // the height embed.js starts with
    expect(await frameElement.getAttribute('src')).toBe(`${widgetOrigin}/widget/xa-van-to`);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'widget-embedded-1280.png') });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: join(ARTIFACTS, 'widget-embedded-390.png') });
    await page.close();
  });

  it('works without JavaScript inside the frame', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${widgetOrigin}/widget/xa-van-to`);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Số hồ sơ xử lý: 750');
    expect(text).toContain('Tỉ lệ trễ hạn: 0,13%');
    await context.close();
  });

  it('opens the detail page from "Chi tiết" with the tables by field, month and channel', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    await page.goto(`${widgetOrigin}/widget/xa-van-to`);
    const [detail] = await Promise.all([page.waitForEvent('popup'), page.getByText('Chi tiết').click()]);
    await detail.waitForLoadState();
    const text = await detail.locator('body').innerText();
    expect(text).toContain('Hộ tịch');
    expect(text).toContain('05/2025');
    expect(text).toMatch(/Trực tiếp/);
    await detail.screenshot({ path: join(ARTIFACTS, 'widget-detail-390.png'), fullPage: true });
    await page.close();
  });
});
