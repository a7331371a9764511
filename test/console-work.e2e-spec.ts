import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { StaffAuthService } from '../src/auth/staff-auth.service';
import { StaffRole } from '../src/auth/staff.entities';
import { CalendarService } from '../src/calendar/calendar.service';
import { Import } from '../src/imports/import.entity';
import { ImportsService } from '../src/imports/imports.service';
import { Unit } from '../src/units/unit.entity';
import { buildExportRows, withBrokenRows, writeCsv } from './factories/export.factory';
import { signInForm } from './support/console';
import { TestSmtpServer } from './support/smtp';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree } from './support/tree';

const PASSWORD = 'mat-khau-ban-lam-viec-2025';
type Agent = ReturnType<typeof request.agent>;
interface Account {
  agent: Agent;
  csrf: string;
}

const csrfOf = (html: string) => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1];
};

describeEachDatabase('console work pages: imports, reports, settings, audit', (kind) => {
  let sut: TestApp;
  let smtp: TestSmtpServer;
  let dir: string;
  let admin: Account;
  let manager: Account;
  let staff: Account;
  let viewer: Account;
  let subscriptionId: number;

  /** Creates the account and signs in through the form, as a browser does. */
  const signIn = async (email: string, role: StaffRole, unitCode?: string): Promise<Account> => {
    await sut.app.get(StaffAuthService).createAccount({ email, password: PASSWORD, role, unitCode: unitCode ?? null });
    const agent = request.agent(sut.app.getHttpServer());
    const answer = await signInForm(sut, { email, password: PASSWORD }, agent);
    expect(answer.status).toBe(303);
    expect(String(answer.headers['set-cookie'])).toContain('tthc_session=');
    return { agent, csrf: csrfOf((await agent.get('/admin/password').expect(200)).text) };
  };

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    sut = await startTestApp(kind, 'console-work', { now: '2025-06-10T03:00:00Z', env: { SMTP_URL: await smtp.start() } });
    await createTree(sut);
    dir = mkdtempSync(join(tmpdir(), 'tthc-console-work-'));
    admin = await signIn('quan-tri@tinh.gov.vn', 'admin');
    manager = await signIn('truong-phong@huyen.gov.vn', 'manager', 'huyen');
    staff = await signIn('mot-cua@xa-a.gov.vn', 'staff', 'xa-a');
    viewer = await signIn('lanh-dao@xa-a.gov.vn', 'viewer', 'xa-a');
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads an export through the console and shows the finished import with its counts and refused rows', async () => {
    const { rows, broken } = withBrokenRows(buildExportRows(60, { seed: 5 }));
    writeCsv(join(dir, 'xuat-mot-cua.csv'), rows);

    const form = await staff.agent.get('/admin/imports').expect(200);
    expect(form.text).toContain(`action="/admin/imports?_csrf=${staff.csrf}"`);
    expect(form.text).toContain('enctype="multipart/form-data"');

    // Without the token in the URL the upload is refused before the file is read.
    await staff.agent.post('/admin/imports').field('unitCode', 'xa-a').attach('file', join(dir, 'xuat-mot-cua.csv')).expect(403);
    // A unit outside the account's subtree is refused by the service.
    await staff.agent.post(`/admin/imports?_csrf=${staff.csrf}`).field('unitCode', 'xa-b').attach('file', join(dir, 'xuat-mot-cua.csv')).expect(403);

    const started = await staff.agent.post(`/admin/imports?_csrf=${staff.csrf}`).field('unitCode', 'xa-a').attach('file', join(dir, 'xuat-mot-cua.csv'));
    expect(started.status).toBe(303);
    const id = Number(/^\/admin\/imports\/(\d+)$/.exec(started.headers.location)![1]);
    await sut.app.get(ImportsService).settled();

    const progress = await staff.agent.get(`/admin/imports/${id}/progress.json`).expect(200);
    expect(progress.body).toMatchObject({ id, status: 'done', unitCode: 'xa-a', rowsRead: 64, counts: { created: 60, updated: 0, unchanged: 0, stale: 0, rejected: 4 } });
    const api = await sut.http.get(`/api/v1/imports/${id}`).set(bearer(ADMIN_KEY)).expect(200);
    expect(progress.body).toEqual(api.body);

    const page = await staff.agent.get(`/admin/imports/${id}`).expect(200);
    expect(page.text).toContain('Hoàn tất');
    expect(page.text).toMatch(/<progress data-import="bar" max="1" value="1">/);
    expect(page.text).toContain('<script src="/admin/assets/imports.js" defer></script>');
    expect(page.text).toContain('<script type="application/json" id="import-state">');
    expect(page.text).not.toMatch(/<script>(?!<)/);
    expect(page.text).toContain(`href="/admin/imports/${id}/errors.csv"`);
    for (const row of progress.body.rejectedRows) expect(page.text).toContain(`<td class="num" data-label="Dòng">${row.line}</td>`);
    expect(page.text).toContain(broken[0].reason.replace(/"/g, '&quot;'));

    const csv = await staff.agent.get(`/admin/imports/${id}/errors.csv`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const apiCsv = await sut.http.get(`/api/v1/imports/${id}/errors.csv`).set(bearer(ADMIN_KEY)).expect(200);
    expect(csv.text).toBe(apiCsv.text);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + 4);

    const history = await staff.agent.get('/admin/imports').expect(200);
    expect(history.text).toContain(`<a href="/admin/imports/${id}">xuat-mot-cua.csv</a>`);
    expect(history.text).toMatch(new RegExp(`xuat-mot-cua.csv[\\s\\S]*?<td class="work-span2" data-label="Đơn vị">xa-a</td>`));
    // An admin's history spans every unit and still names each import's unit.
    expect((await admin.agent.get('/admin/imports')).text).toMatch(new RegExp(`xuat-mot-cua.csv[\\s\\S]*?<td class="work-span2" data-label="Đơn vị">xa-a</td>`));
    expect((await sut.http.get('/api/v1/imports').set(bearer(ADMIN_KEY))).body.imports[0]).toMatchObject({ id, unitCode: 'xa-a' });
    // Another unit's desk does not see it.
    const other = await signIn('mot-cua@xa-b.gov.vn', 'staff', 'xa-b');
    expect((await other.agent.get('/admin/imports')).text).not.toContain('xuat-mot-cua.csv');
    await other.agent.get(`/admin/imports/${id}`).expect(404);
    await other.agent.get(`/admin/imports/${id}/errors.csv`).expect(404);
  });

  it('shows a running import as it stands, with a refresh link for a browser without JavaScript', async () => {
    const xaA = await sut.app.get(DataSource).getRepository(Unit).findOneByOrFail({ code: 'xa-a' });
    const running = await sut.app.get(DataSource).getRepository(Import).save({
      unitId: xaA.id, apiKeyId: null, fileName: 'dang-chay.xlsx', format: 'xlsx', dryRun: false, status: 'running',
      rowsRead: 1500, rowsExpected: 6000, created: 1490, rejected: 10, createdAt: sut.clock.now(), heartbeatAt: sut.clock.now(),
    });
    const page = await staff.agent.get(`/admin/imports/${running.id}`).expect(200);
    expect(page.text).toContain('Đang nạp');
    expect(page.text).toContain('<progress data-import="bar" max="6000" value="1500">');
    expect(page.text).toContain(`<p data-import="refresh"><a href="/admin/imports/${running.id}" class="button">Tải lại trang</a></p>`);
    const state = JSON.parse(/<script type="application\/json" id="import-state">([^<]*)<\/script>/.exec(page.text)![1]);
    expect(state).toMatchObject({ progressUrl: `/admin/imports/${running.id}/progress.json`, finished: false, lang: 'vi' });
    expect((await staff.agent.get(`/admin/imports/${running.id}/progress.json`).expect(200)).body).toMatchObject({ status: 'running', rowsRead: 1500, rowsExpected: 6000 });
    // The script is served from the console's own origin.
    const script = await sut.http.get('/admin/assets/imports.js').expect(200);
    expect(script.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(script.text).toContain('progressUrl');
  });

  it('shows the upload form again with the reason when the file or the mapping is wrong', async () => {
    writeCsv(join(dir, 'bang-tinh.xls'), buildExportRows(2));
    const format = await staff.agent.post(`/admin/imports?_csrf=${staff.csrf}`).field('unitCode', 'xa-a').attach('file', join(dir, 'bang-tinh.xls'));
    expect(format.status).toBe(400);
    expect(format.text).toContain('file: &quot;bang-tinh.xls&quot; is not a .csv or .xlsx file');

    writeCsv(join(dir, 'nho.csv'), buildExportRows(2));
    const mapping = await staff.agent.post(`/admin/imports?_csrf=${staff.csrf}`).field('unitCode', 'xa-a').field('mapping', '{"columns": {"Số": "nothing"}}').attach('file', join(dir, 'nho.csv'));
    expect(mapping.status).toBe(400);
    expect(mapping.text).toContain('mapping: mapping file: columns[&quot;Số&quot;]');
    expect(mapping.text).toContain('{&quot;columns&quot;: {&quot;Số&quot;: &quot;nothing&quot;}}</textarea>');
    await staff.agent.post('/admin/imports').type('form').send({ _csrf: staff.csrf }).expect(400);
  });

  it('says the upload\'s and the catalogue\'s reasons in Vietnamese on a Vietnamese page, the English after them', async () => {
    writeCsv(join(dir, 'bang-tinh.xls'), buildExportRows(2));
    const format = await staff.agent.post(`/admin/imports?_csrf=${staff.csrf}`).field('unitCode', 'xa-a').attach('file', join(dir, 'bang-tinh.xls'));
    expect(format.status).toBe(400);
    expect(format.text).toContain('Tệp &quot;bang-tinh.xls&quot; không phải là tệp .csv hoặc .xlsx. (file: &quot;bang-tinh.xls&quot; is not a .csv or .xlsx file)');

    writeCsv(join(dir, 'nho.csv'), buildExportRows(2));
    const mapping = await staff.agent.post(`/admin/imports?_csrf=${staff.csrf}`).field('unitCode', 'xa-a').field('mapping', '{"colums": {}}').attach('file', join(dir, 'nho.csv'));
    expect(mapping.status).toBe(400);
    expect(mapping.text).toContain('Bảng ánh xạ cột có mục lạ &quot;colums&quot;: chỉ dùng được columns, statuses, channels. (mapping: mapping file: unknown key &quot;colums&quot; (expected columns, statuses, channels))');

    const badDays = await admin.agent.post('/admin/settings/procedures').type('form').send({ _csrf: admin.csrf, code: '9.001', name: 'Thủ tục thử', processingDays: 'mot' });
    expect(badDays.status).toBe(400);
    expect(badDays.text).toContain('Số ngày giải quyết là bắt buộc: một số nguyên ngày làm việc từ 0 đến 365. (processingDays: is required, a whole number of working days 0–365)');
    expect((await sut.http.get('/api/v1/procedures/9.001')).status).toBe(404);

    const badKey = await manager.agent.post('/admin/settings/api-keys').type('form').send({ _csrf: manager.csrf, name: '', unitCode: 'huyen' });
    expect(badKey.status).toBe(400);
    expect(badKey.text).toContain('Cần nhập tên gợi nhớ của khóa, dài từ 1 đến 200 ký tự. (name: is required, 1–200 characters)');

    const badDate = await manager.agent.post('/admin/settings/calendar').type('form').send({ _csrf: manager.csrf, date: '2025-02-30', kind: 'holiday', name: 'Nghỉ', unitCode: 'huyen' });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('Ngày &quot;2025-02-30&quot; không phải là ngày hợp lệ (viết theo dạng YYYY-MM-DD, ví dụ 2025-06-20). (date: &quot;2025-02-30&quot; is not a date YYYY-MM-DD)');
  });

  it('creates a report subscription through the form, previews and sends it, and shows the deliveries', async () => {
    const empty = await staff.agent.get('/admin/reports/new').expect(200);
    expect(empty.text).toContain('name="recipients"');

    const refused = await staff.agent
      .post('/admin/reports')
      .type('form')
      .send({ _csrf: staff.csrf, unitCode: 'xa-a', recipients: 'chu-tich@xa-a.gov.vn\nkhong-phai-dia-chi', periodKind: 'month', monthStartDay: '1', sendAt: '07:30', sendDay: '40', locale: 'vi', enabled: 'true' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('recipients[1]: &quot;khong-phai-dia-chi&quot; is not an e-mail address');
    expect(refused.text).toContain('sendDay: must be a whole number of days from 1 to 28');
    expect(refused.text).toContain('khong-phai-dia-chi</textarea>');

    const created = await staff.agent
      .post('/admin/reports')
      .type('form')
      .send({ _csrf: staff.csrf, unitCode: 'xa-a', recipients: 'chu-tich@xa-a.gov.vn\r\n\r\nPho-Chu-Tich@xa-a.gov.vn\r\n', periodKind: 'month', monthStartDay: '1', sendAt: '07:30', sendDay: '1', locale: 'vi', enabled: 'true' });
    expect(created.status).toBe(303);
    subscriptionId = Number(/^\/admin\/reports\/(\d+)\/edit\?saved=1$/.exec(created.headers.location)![1]);
    const stored = await sut.http.get(`/api/v1/report-subscriptions/${subscriptionId}`).set(bearer(ADMIN_KEY)).expect(200);
    expect(stored.body).toMatchObject({ unitCode: 'xa-a', recipients: ['chu-tich@xa-a.gov.vn', 'pho-chu-tich@xa-a.gov.vn'], periodKind: 'month', sendAt: '07:30', sendDay: 1, enabled: true, includeChildren: false, skipWhenEmpty: false });

    const list = await staff.agent.get('/admin/reports').expect(200);
    expect(list.text).toContain('pho-chu-tich@xa-a.gov.vn');
    expect(list.text).toContain(`href="/admin/reports/${subscriptionId}/preview"`);

    const preview = await staff.agent.get(`/admin/reports/${subscriptionId}/preview?period=2025-05`).expect(200);
    expect(preview.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(preview.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(preview.text).toContain('Xã A');
    expect(preview.text).toContain('05/2025');
    const apiPreview = await sut.http.get(`/api/v1/report-subscriptions/${subscriptionId}/preview?period=2025-05`).set(bearer(ADMIN_KEY)).expect(200);
    expect(preview.text).toBe(apiPreview.text);
    await staff.agent.get(`/admin/reports/${subscriptionId}/preview?period=2025-13`).expect(400);

    const sent = await staff.agent.post(`/admin/reports/${subscriptionId}/send?period=2025-05`).type('form').send({ _csrf: staff.csrf });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/admin/reports/${subscriptionId}/edit?sent=2025-05#deliveries`);
    expect(smtp.received.map((mail) => mail.to).flat().sort()).toEqual(['chu-tich@xa-a.gov.vn', 'pho-chu-tich@xa-a.gov.vn']);
    const edit = await staff.agent.get(`/admin/reports/${subscriptionId}/edit?sent=2025-05`).expect(200);
    expect(edit.text).toContain('Đã gửi kỳ 2025-05');
    expect(edit.text.match(/work-status-sent/g)).toHaveLength(2);

    // Changed through the form: unticked boxes are false.
    const changed = await staff.agent
      .post(`/admin/reports/${subscriptionId}`)
      .type('form')
      .send({ _csrf: staff.csrf, unitCode: 'xa-a', recipients: 'chu-tich@xa-a.gov.vn', periodKind: 'quarter', monthStartDay: '1', sendAt: '08:00', sendDay: '2', locale: 'en', skipWhenEmpty: 'true' });
    expect(changed.status).toBe(303);
    expect((await sut.http.get(`/api/v1/report-subscriptions/${subscriptionId}`).set(bearer(ADMIN_KEY))).body).toMatchObject({ periodKind: 'quarter', sendAt: '08:00', sendDay: 2, locale: 'en', skipWhenEmpty: true, enabled: false, recipients: ['chu-tich@xa-a.gov.vn'] });

    // Another unit's desk neither sees nor changes it.
    const other = await signIn('mot-cua-2@xa-b.gov.vn', 'staff', 'xa-b');
    expect((await other.agent.get('/admin/reports')).text).not.toContain('chu-tich@xa-a.gov.vn');
    await other.agent.get(`/admin/reports/${subscriptionId}/edit`).expect(404);
    await other.agent.post(`/admin/reports/${subscriptionId}/delete`).type('form').send({ _csrf: other.csrf }).expect(404);

    const extra = await staff.agent
      .post('/admin/reports')
      .type('form')
      .send({ _csrf: staff.csrf, unitCode: 'xa-a', recipients: 'van-phong@xa-a.gov.vn', periodKind: 'week', sendAt: '07:00', sendDay: '1', locale: 'vi', enabled: 'true' });
    const extraId = Number(/\/admin\/reports\/(\d+)\/edit/.exec(extra.headers.location)![1]);
    await staff.agent.post(`/admin/reports/${extraId}/delete`).type('form').send({ _csrf: staff.csrf }).expect(303);
    await sut.http.get(`/api/v1/report-subscriptions/${extraId}`).set(bearer(ADMIN_KEY)).expect(404);
  });

  it('creates an API key shown once, and revokes it: the key then gets 401', async () => {
    const created = await manager.agent.post('/admin/settings/api-keys').type('form').send({ _csrf: manager.csrf, name: 'Phần mềm một cửa Xã A', unitCode: 'xa-a' });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const key = /<pre id="new-api-key" class="work-key">(tthc_[A-Za-z0-9_-]+)<\/pre>/.exec(created.text)![1];
    await sut.http.get('/api/v1/imports').set(bearer(key)).expect(200);

    const page = await manager.agent.get('/admin/settings').expect(200);
    expect(page.text).not.toContain(key);
    expect(page.text).toContain(`${key.slice(0, 12)}…`);
    const id = Number(new RegExp(`Phần mềm một cửa Xã A[\\s\\S]*?/admin/settings/api-keys/(\\d+)/revoke`).exec(page.text)![1]);

    // Only for units in the account's subtree.
    await manager.agent.post('/admin/settings/api-keys').type('form').send({ _csrf: manager.csrf, name: 'Tỉnh', unitCode: 'tinh' }).expect(403);

    const revoked = await manager.agent.post(`/admin/settings/api-keys/${id}/revoke`).type('form').send({ _csrf: manager.csrf });
    expect(revoked.status).toBe(303);
    await sut.http.get('/api/v1/imports').set(bearer(key)).expect(401);
    expect((await manager.agent.get('/admin/settings')).text).toContain('Đã thu hồi');

    // The API: an admin key lists every key (never the key itself) and revokes one.
    const apiKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'tạm', unitCode: 'xa-b' }).expect(201)).body;
    const listed = await sut.http.get('/api/v1/api-keys').set(bearer(ADMIN_KEY)).expect(200);
    expect(listed.body.apiKeys).toEqual(expect.arrayContaining([expect.objectContaining({ id, name: 'Phần mềm một cửa Xã A', unitCode: 'xa-a', role: 'unit', revokedAt: expect.any(String) })]));
    expect(JSON.stringify(listed.body)).not.toContain(apiKey.key);
    expect(JSON.stringify(listed.body)).not.toMatch(/keyHash/);
    await sut.http.get('/api/v1/api-keys').set(bearer(apiKey.key)).expect(403);
    await sut.http.delete(`/api/v1/api-keys/${apiKey.id}`).set(bearer(apiKey.key)).expect(403);
    await sut.http.delete(`/api/v1/api-keys/${apiKey.id}`).set(bearer(ADMIN_KEY)).expect(204);
    await sut.http.get('/api/v1/imports').set(bearer(apiKey.key)).expect(401);
    await sut.http.delete('/api/v1/api-keys/999999').set(bearer(ADMIN_KEY)).expect(404);
  });

  it('refuses every form of a viewer with 403, with a valid CSRF token in the body or in the URL', async () => {
    writeCsv(join(dir, 'nho.csv'), buildExportRows(3, { seed: 9 }));
    await viewer.agent.get('/admin/imports').expect(403);
    await viewer.agent.get('/admin/reports').expect(403);
    await viewer.agent.get('/admin/settings').expect(403);
    await viewer.agent.post(`/admin/imports?_csrf=${viewer.csrf}`).field('unitCode', 'xa-a').attach('file', join(dir, 'nho.csv')).expect(403);
    const forms: [string, Record<string, string>][] = [
      ['/admin/imports', { unitCode: 'xa-a' }],
      ['/admin/reports', { unitCode: 'xa-a', recipients: 'a@xa-a.gov.vn', periodKind: 'month', sendAt: '07:00', sendDay: '1', locale: 'vi' }],
      [`/admin/reports/${subscriptionId}`, { unitCode: 'xa-a', recipients: 'a@xa-a.gov.vn', periodKind: 'month', sendAt: '07:00', sendDay: '1', locale: 'vi' }],
      [`/admin/reports/${subscriptionId}/send?period=2025-04`, {}],
      [`/admin/reports/${subscriptionId}/delete`, {}],
      ['/admin/settings/calendar', { date: '2025-06-20', kind: 'holiday', name: 'Nghỉ', unitCode: 'xa-a' }],
      ['/admin/settings/calendar/delete', { date: '2025-06-20', unitCode: 'xa-a' }],
      ['/admin/settings/procedures', { code: '9.999', name: 'Thử', processingDays: '3' }],
      ['/admin/settings/api-keys', { name: 'khóa', unitCode: 'xa-a' }],
      ['/admin/settings/api-keys/1/revoke', {}],
      ['/admin/settings/accounts', { email: 'moi@xa-a.gov.vn', role: 'viewer', unitCode: 'xa-a', password: PASSWORD }],
      ['/admin/settings/accounts/1/disable', {}],
    ];
    for (const [path, fields] of forms) {
      const inBody = await viewer.agent.post(path).type('form').send({ _csrf: viewer.csrf, ...fields });
      expect([path, inBody.status]).toEqual([path, 403]);
      const inUrl = await viewer.agent.post(`${path}${path.includes('?') ? '&' : '?'}_csrf=${viewer.csrf}`).type('form').send(fields);
      expect([path, inUrl.status]).toEqual([path, 403]);
      const header = await viewer.agent.post(path).set('x-csrf-token', viewer.csrf).type('form').send(fields);
      expect([path, header.status]).toEqual([path, 403]);
    }
    // Nothing changed.
    await sut.http.get(`/api/v1/report-subscriptions/${subscriptionId}`).set(bearer(ADMIN_KEY)).expect(200);
    await expect(sut.app.get(CalendarService).get('2025-06-20', 'xa-a')).rejects.toThrow();
    await expect(sut.app.get(StaffAuthService).accountByEmail('moi@xa-a.gov.vn')).rejects.toThrow();
  });

  it('keeps a desk account out of settings and the audit log', async () => {
    const settings = await staff.agent.get('/admin/settings');
    expect(settings.status).toBe(403);
    expect(settings.text).toContain('không có quyền');
    await staff.agent.get('/admin/audit').expect(403);
    await staff.agent.post('/admin/settings/calendar').type('form').send({ _csrf: staff.csrf, date: '2025-06-20', kind: 'holiday', name: 'Nghỉ', unitCode: 'xa-a' }).expect(403);
    await staff.agent.post('/admin/settings/api-keys').type('form').send({ _csrf: staff.csrf, name: 'khóa', unitCode: 'xa-a' }).expect(403);
    expect((await staff.agent.get('/admin/imports')).text).not.toContain('href="/admin/settings"');
  });

  it('lets a manager change its unit’s calendar but not the national one, and create accounts of its subtree but no admin', async () => {
    const national = await manager.agent.post('/admin/settings/calendar').type('form').send({ _csrf: manager.csrf, date: '2025-06-20', kind: 'holiday', name: 'Nghỉ toàn quốc', unitCode: '' });
    expect(national.status).toBe(403);
    await expect(sut.app.get(CalendarService).get('2025-06-20')).rejects.toThrow();

    const own = await manager.agent.post('/admin/settings/calendar').type('form').send({ _csrf: manager.csrf, date: '2025-06-20', kind: 'holiday', name: 'Nghỉ bù của huyện', unitCode: 'huyen' });
    expect(own.status).toBe(303);
    expect(own.headers.location).toBe('/admin/settings?done=calendar&moved=0&year=2025&calendarUnit=huyen#calendar');
    expect(await sut.app.get(CalendarService).get('2025-06-20', 'huyen')).toMatchObject({ kind: 'holiday', name: 'Nghỉ bù của huyện', source: 'admin' });
    const page = await manager.agent.get(own.headers.location).expect(200);
    expect(page.text).toContain('Nghỉ bù của huyện');
    expect(page.text).toContain('20/06/2025');
    const badName = await manager.agent.post('/admin/settings/calendar').type('form').send({ _csrf: manager.csrf, date: '2025-06-21', kind: 'holiday', name: '   ', unitCode: 'huyen' });
    expect(badName.status).toBe(400);
    expect(badName.text).toContain('name: must be 1–200 characters');
    await manager.agent.post('/admin/settings/calendar').type('form').send({ _csrf: manager.csrf, date: '2025-06-20', kind: 'holiday', name: 'x', unitCode: 'tinh' }).expect(403);
    await manager.agent.post('/admin/settings/calendar/delete').type('form').send({ _csrf: manager.csrf, date: '2025-06-20', unitCode: 'huyen' }).expect(303);
    await expect(sut.app.get(CalendarService).get('2025-06-20', 'huyen')).rejects.toThrow();

    const asAdmin = await manager.agent.post('/admin/settings/accounts').type('form').send({ _csrf: manager.csrf, email: 'tro-thanh-quan-tri@huyen.gov.vn', role: 'admin', unitCode: 'huyen', password: PASSWORD });
    expect(asAdmin.status).toBe(403);
    await manager.agent.post('/admin/settings/accounts').type('form').send({ _csrf: manager.csrf, email: 'ngoai@tinh.gov.vn', role: 'staff', unitCode: 'tinh', password: PASSWORD }).expect(403);
    await expect(sut.app.get(StaffAuthService).accountByEmail('tro-thanh-quan-tri@huyen.gov.vn')).rejects.toThrow();
    expect((await manager.agent.get('/admin/settings')).text).not.toContain('<option value="admin"');

    const short = await manager.agent.post('/admin/settings/accounts').type('form').send({ _csrf: manager.csrf, email: 'can-bo-moi@xa-b.gov.vn', role: 'staff', unitCode: 'xa-b', password: 'ngan' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('value="can-bo-moi@xa-b.gov.vn"');
    const made = await manager.agent.post('/admin/settings/accounts').type('form').send({ _csrf: manager.csrf, email: 'can-bo-moi@xa-b.gov.vn', name: 'Cán bộ mới', role: 'staff', unitCode: 'xa-b', password: PASSWORD });
    expect(made.status).toBe(303);
    const again = await manager.agent.post('/admin/settings/accounts').type('form').send({ _csrf: manager.csrf, email: 'can-bo-moi@xa-b.gov.vn', role: 'staff', unitCode: 'xa-b', password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.text).toContain('already exists');
    const account = await sut.app.get(StaffAuthService).accountByEmail('can-bo-moi@xa-b.gov.vn');
    expect(account).toMatchObject({ role: 'staff', name: 'Cán bộ mới' });
    expect((await signInForm(sut, { email: 'can-bo-moi@xa-b.gov.vn', password: PASSWORD })).status).toBe(303);

    // Disabled: signed out, and no new sign-in. An admin's account is out of a manager's reach.
    await manager.agent.post(`/admin/settings/accounts/${account.id}/disable`).type('form').send({ _csrf: manager.csrf }).expect(303);
    expect((await signInForm(sut, { email: 'can-bo-moi@xa-b.gov.vn', password: PASSWORD })).status).toBe(401);
    const adminAccount = await sut.app.get(StaffAuthService).accountByEmail('quan-tri@tinh.gov.vn');
    await manager.agent.post(`/admin/settings/accounts/${adminAccount.id}/disable`).type('form').send({ _csrf: manager.csrf }).expect(404);
    expect((await manager.agent.get('/admin/settings')).text).not.toContain('quan-tri@tinh.gov.vn');

    // The catalogue is the admins'.
    await manager.agent.post('/admin/settings/procedures').type('form').send({ _csrf: manager.csrf, code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', processingDays: '1' }).expect(403);
    const procedure = await admin.agent.post('/admin/settings/procedures').type('form').send({ _csrf: admin.csrf, code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', processingDays: '1' });
    expect(procedure.status).toBe(303);
    expect((await sut.http.get('/api/v1/procedures/1.001193').expect(200)).body).toEqual({ code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', processingDays: 1 });
    const badDays = await admin.agent.post('/admin/settings/procedures').type('form').send({ _csrf: admin.csrf, code: '1.001193', name: 'Đăng ký khai sinh', processingDays: 'mot' });
    expect(badDays.status).toBe(400);
    expect(badDays.text).toContain('processingDays: is required');

    // An admin may change the national calendar.
    await admin.agent.post('/admin/settings/calendar').type('form').send({ _csrf: admin.csrf, date: '2025-06-27', kind: 'holiday', name: 'Nghỉ thử', unitCode: '' }).expect(303);
    expect(await sut.app.get(CalendarService).get('2025-06-27')).toMatchObject({ kind: 'holiday', unitCode: null });
    await admin.agent.post('/admin/settings/calendar/delete').type('form').send({ _csrf: admin.csrf, date: '2025-06-27', unitCode: '' }).expect(303);
  });

  it('lists the actions in the audit log: everything for an admin, the subtree for a manager', async () => {
    const rowsOf = (html: string) => [...html.matchAll(/<strong title="([a-z-]+)">([^<]+)<\/strong>/g)].map((match) => `${match[1]}: ${match[2]}`);
    const forManager = await manager.agent.get('/admin/audit').expect(200);
    expect(new Set(rowsOf(forManager.text))).toEqual(
      new Set([
        'sign-in: Đăng nhập',
        'import-started: Nạp tệp dữ liệu',
        'subscription-created: Thêm báo cáo định kỳ',
        'subscription-changed: Sửa báo cáo định kỳ',
        'subscription-deleted: Xoá báo cáo định kỳ',
        'subscription-sent: Gửi báo cáo ngay',
        'api-key-created: Tạo khóa API',
        'api-key-revoked: Thu hồi khóa API',
        'calendar-day-changed: Sửa lịch ngày làm việc',
        'calendar-day-removed: Xoá ngày khỏi lịch',
        'account-created: Tạo tài khoản',
        'account-disabled: Khoá tài khoản',
      ]),
    );
    expect(forManager.text).toContain('staff:');
    expect(forManager.text).toContain('mot-cua@xa-a.gov.vn');
    // National and catalogue changes are not a district's.
    expect(forManager.text).not.toContain('<strong title="procedure-changed">');
    expect(forManager.text).not.toContain('Nghỉ thử');
    const forAdmin = await admin.agent.get('/admin/audit?lang=en').expect(200);
    expect(rowsOf(forAdmin.text)).toEqual(expect.arrayContaining(['procedure-changed: Procedure changed', 'calendar-day-changed: Calendar day changed', 'import-started: Import started', 'api-key-revoked: API key revoked', 'account-disabled: Account disabled']));
    expect(forAdmin.text).toContain('Nghỉ thử');
    // Newest first.
    expect(forAdmin.text.indexOf('<strong title="calendar-day-removed">')).toBeLessThan(forAdmin.text.indexOf('<strong title="import-started">'));
    // One kind of action at a time.
    const revocations = await admin.agent.get('/admin/audit?action=api-key-revoked').expect(200);
    // Two revocations: one in the console, one through the API (API calls are audited too).
    expect(revocations.text.match(/<strong title="([a-z-]+)">/g)).toEqual(['<strong title="api-key-revoked">', '<strong title="api-key-revoked">']);
    expect(revocations.text).toContain('Phần mềm một cửa Xã A');
  });

  it('speaks English with ?lang=en and remembers it', async () => {
    const page = await staff.agent.get('/admin/imports?lang=en').expect(200);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('Load an export of the one-stop system');
    expect((await staff.agent.get('/admin/reports/new')).text).toContain('One e-mail address per line');
    await staff.agent.get('/admin/imports?lang=vi').expect(200);
  });
});
