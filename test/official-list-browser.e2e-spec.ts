import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { StaffAuthService } from '../src/auth/staff-auth.service';
import { buildSettled } from './factories/dossier.factory';
import { chromiumAvailable, launchChromium } from './support/browser';
import { PASSWORD } from './support/console';
import { ADMIN_KEY, TestApp, bearer, startTestApp } from './support/test-app';
import { send } from './support/tree';

const SHOTS = join(__dirname, 'artifacts', 'console');

const BEFORE = [
  { code: 'tinh-a', name: 'Tỉnh A', level: 'province' },
  { code: 'huyen-a', name: 'Huyện A', level: 'district', parentCode: 'tinh-a' },
  { code: 'xa-a1', name: 'Xã A1', level: 'commune', parentCode: 'huyen-a' },
  { code: 'xa-a2', name: 'Xã A2', level: 'commune', parentCode: 'huyen-a' },
];
const LIST = [
  'Mã đơn vị;Tên đơn vị;Cấp;Loại;Mã đơn vị cấp trên;Hình thành từ (mã cũ, cách nhau bởi dấu ,);Ngày hiệu lực;Căn cứ',
  'xa-moi;Xã Mới;Xã;Xã;tinh-a;xa-a1, xa-a2;01/07/2025;Nghị quyết thử 2/NQ-UBTVQH15',
].join('\r\n');

/** An admin loads the official list in Debian's Chromium: the preview, the confirmation, the act applied. */
(chromiumAvailable() ? describe : describe.skip)('the official list in a real browser', () => {
  let sut: TestApp;
  let browser: Browser;
  let origin: string;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'tthc-official-list-'));
    writeFileSync(join(dir, 'danh-sach.csv'), `\uFEFF${LIST}\r\n`);
    sut = await startTestApp('sqlite', 'official-list-browser', { now: '2025-07-10T03:00:00Z' });
    for (const unit of BEFORE) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    await send(sut, buildSettled(4, 'early', { unitCode: 'xa-a1' }));
    await sut.app.get(StaffAuthService).createAccount({ email: 'quan-tri@tinh.gov.vn', name: 'Quản Trị', password: PASSWORD, role: 'admin' });
    await sut.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in, loads the list, sees the preview, applies it, and sees the act, the successions, the successor\'s widget and the retired unit\'s notice', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(`${origin}/admin`);
    await page.fill('input[name="email"]', 'quan-tri@tinh.gov.vn');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(`${origin}/admin`), page.click('button[type="submit"]')]);

    await page.goto(`${origin}/admin/settings`);
    await Promise.all([page.waitForURL(`${origin}/admin/units/official-list`), page.click('#official-list-link')]);
    await page.setInputFiles('input[name="file"]', join(dir, 'danh-sach.csv'));
    await Promise.all([page.waitForSelector('#preview'), page.click('form[enctype="multipart/form-data"] button[type="submit"]')]);
    expect(await page.textContent('#preview-title')).toBe('Xem trước: hiệu lực từ 01/07/2025 · Nghị quyết thử 2/NQ-UBTVQH15');
    expect(await page.textContent('#preview-merged tbody')).toContain('Xã A1 (xa-a1), Xã A2 (xa-a2)');
    const retired = await page.$$eval('#preview-retired tbody tr', (rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent).join(' | ')));
    // Each retired unit with its stored dossiers (xa-a1 has the four sent above) and report subscriptions.
    expect(retired).toEqual(['Xã A1 (xa-a1) | Xã | 4 | 0', 'Xã A2 (xa-a2) | Xã | 0 | 0', 'Huyện A (huyen-a) | Huyện | 0 | 0']);
    await page.screenshot({ path: join(SHOTS, 'official-list-preview.png'), fullPage: true });
    // Nothing is applied yet.
    expect((await sut.http.get('/api/v1/units').query({ all: true })).body.units.find((unit: { code: string }) => unit.code === 'xa-a1').validTo).toBeNull();

    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([page.waitForURL(/\/admin\/units\/official-list\?applied=1$/), page.click('#apply-form button[type="submit"]')]);
    expect(await page.textContent('p.notice')).toBe('Đã áp dụng quyết định số 1 (hiệu lực từ 01/07/2025): 3 thay đổi.');
    expect(await page.textContent('#acts tbody')).toContain('Nghị quyết thử 2/NQ-UBTVQH15');
    await page.screenshot({ path: join(SHOTS, 'official-list-applied.png'), fullPage: true });

    const units: { code: string; validTo: string | null; successors: { code: string }[] }[] = (await sut.http.get('/api/v1/units').query({ all: true })).body.units;
    expect(units.find((unit) => unit.code === 'xa-a1')).toMatchObject({ validTo: '2025-06-30', successors: [expect.objectContaining({ code: 'xa-moi' })] });
    expect(units.find((unit) => unit.code === 'huyen-a')?.validTo).toBe('2025-06-30');

    // The portals that embed the old commune's widget now show the successor's figures, with its notice.
    await page.goto(`${origin}/widget/xa-a1?from=2025-01-01&to=2025-07-10`);
    expect(await page.textContent('[data-field="notice"]')).toBe('Đã hợp nhất vào Xã Mới từ 01/07/2025');
    expect(await page.textContent('[data-field="settled"]')).toBe('Số hồ sơ xử lý: 4');
    await page.goto(`${origin}/widget/xa-moi?from=2025-01-01&to=2025-07-10`);
    expect(await page.textContent('[data-field="settled"]')).toBe('Số hồ sơ xử lý: 4');
    expect(await page.$('[data-field="notice"]')).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});
