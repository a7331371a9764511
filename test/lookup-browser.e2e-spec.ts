import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DossierEvent } from '../src/dossiers/dossier-event.entity';
import { buildDossier } from './factories/dossier.factory';
import { chromiumAvailable, launchChromium, lowestContrasts, overflows } from './support/browser';
import { ADMIN_KEY, TestApp, bearer, startTestApp } from './support/test-app';
import { send } from './support/tree';

const ARTIFACTS = join(__dirname, 'artifacts');
const CODE = '000.00.21.H23-250602-0001';
/** The longest code a unit may send, without a space to break at. */
const LONG_CODE = `H56.14.${'9'.repeat(45)}-250602-0001`;

(chromiumAvailable() ? describe : describe.skip)('the citizen lookup in a real browser', () => {
  let sut: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sut = await startTestApp('sqlite', 'lookup-browser', { now: '2025-06-10T03:07:03Z' });
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-van-to', name: 'Ủy ban nhân dân Xã Văn Tố, tỉnh Hải Hưng', level: 'commune', agencyCode: '000.00.21.H23' }).expect(201);
    const procedureName = 'Thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi (liên thông)';
    const stored = await send(sut, [
      buildDossier({ code: CODE, unitCode: 'xa-van-to', procedureCode: '1.001193', procedureName, field: 'Hộ tịch', channel: 'online', status: 'processing', receivedAt: '2025-06-02T08:00:00', dueAt: '2025-06-09' }),
      buildDossier({ code: LONG_CODE, unitCode: 'xa-van-to', procedureName, status: 'resolved', receivedAt: '2025-06-02T08:00:00', dueAt: '2025-06-09', resolvedAt: '2025-06-05T10:00:00', returnedAt: '2025-06-06T10:00:00' }),
    ]);
    expect(stored.body).toMatchObject({ created: 2, rejected: [] });
    const [unit] = await sut.app.get(DataSource).query(`SELECT id FROM units WHERE code = 'xa-van-to'`);
    const now = new Date();
    const step = (statusCode: number, at: string, department: string | null) => ({
      unitId: unit.id, dossierCode: CODE, statusCode, at: new Date(at), startedAt: null, stepDueAt: new Date('2025-06-06T10:00:00Z'),
      content: 'Nguyễn Văn Bình đã xử lý', department, origin: 'progress' as const, createdAt: now, updatedAt: now,
    });
    await sut.app.get(DataSource).getRepository(DossierEvent).insert([
      step(2, '2025-06-02T01:00:00Z', 'Bộ phận tiếp nhận và trả kết quả Trung tâm Phục vụ hành chính công'),
      step(4, '2025-06-03T02:00:00Z', 'Phòng Văn hóa - Xã hội'),
      step(5, '2025-06-05T03:30:00Z', null),
    ]);
    await sut.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it.each`
    width   | height
    ${390}  | ${844}
    ${1280} | ${800}
  `('fits $width px without sideways scrolling, the status and the deadline in the first screen', async ({ width, height }) => {
    const page = await browser.newPage({ viewport: { width, height } });
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    for (const code of [CODE, LONG_CODE]) {
      await page.goto(`${origin}/tra-cuu?ma=${encodeURIComponent(code)}`);
      expect(await overflows(page)).toBe(false);
      for (const field of ['status', 'dueAt']) {
        const box = (await page.locator(`[data-field="${field}"]`).boundingBox())!;
        expect([field, box.y >= 0 && box.y + box.height <= height]).toEqual([field, true]);
      }
    }
    await page.goto(`${origin}/tra-cuu?ma=${encodeURIComponent(CODE)}`);
    expect(await page.locator('[data-field="status"]').innerText()).toBe('Tình trạng: Đang xử lý');
    expect(await page.locator('[data-field="timeliness"]').innerText()).toBe('Tiến độ: Quá hạn');
    expect(await page.locator('[data-field="dueAt"]').innerText()).toBe('Ngày hẹn trả kết quả: 09/06/2025');
    expect(await page.locator('body').innerText()).not.toContain('Nguyễn');
    await page.screenshot({ path: join(ARTIFACTS, `lookup-${width}.png`), fullPage: true });
    // The CSP allows everything the page uses: a blocked style or form would be an error here.
    expect(problems).toEqual([]);
    await page.goto(`${origin}/tra-cuu?ma=HS-KHONG-CO`);
    expect(await overflows(page)).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, `lookup-not-found-${width}.png`), fullPage: true });
    // Chromium reports the page's own 404 status, and nothing else.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 404 (Not Found)']);
    await page.close();
  });

  it('looks a code up from the form with JavaScript off, keeps English, and says when nothing is found', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${origin}/tra-cuu`);
    await page.getByLabel('Mã hồ sơ').fill(` ${CODE} `);
    await Promise.all([page.waitForURL(/ma=/), page.getByRole('button', { name: 'Tra cứu' }).click()]);
    expect(await page.locator('[data-field="status"]').innerText()).toBe('Tình trạng: Đang xử lý');

    await page.goto(`${origin}/tra-cuu?lang=en`);
    await page.getByLabel('Dossier code').fill('HS-NOT-HERE');
    await Promise.all([page.waitForURL(/ma=HS-NOT-HERE/), page.getByLabel('Dossier code').press('Enter')]);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.locator('[data-field="notFound"]').innerText()).toBe('No dossier found');
    await page.getByLabel('Dossier code').fill(CODE);
    await Promise.all([page.waitForURL(/ma=000/), page.getByRole('button', { name: 'Look up' }).click()]);
    expect(await page.locator('[data-field="status"]').innerText()).toBe('Status: Being processed');
    await context.close();
  });

  it('is usable from the keyboard, with a visible focus and readable contrast', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${origin}/tra-cuu?ma=${encodeURIComponent(CODE)}`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { id: element.id, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    expect(focused).toEqual({ id: 'ma', outline: 'solid 3px' });
    for (const url of [`/tra-cuu?ma=${encodeURIComponent(CODE)}`, `/tra-cuu?ma=${encodeURIComponent(LONG_CODE)}`, '/tra-cuu?ma=HS-KHONG-CO']) {
      await page.goto(`${origin}${url}`);
      const lowest = await lowestContrasts(page);
      // WCAG 2 AA for body text: at least 4.5 : 1.
      expect(lowest.filter((entry) => entry.ratio < 4.5)).toEqual([]);
    }
    await page.close();
  });
});
