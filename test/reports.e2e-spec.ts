import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { ReportSubscription } from '../src/reports/report.entities';
import { ReportsService } from '../src/reports/reports.service';
import { buildDossier, buildSettled } from './factories/dossier.factory';
import { TestSmtpServer } from './support/smtp';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

const subscription = (overrides: Record<string, unknown> = {}) => ({
  unitCode: 'xa-a',
  recipients: ['chu-tich@xa-a.gov.vn', 'pho-chu-tich@xa-a.gov.vn'],
  periodKind: 'month',
  monthStartDay: 1,
  sendAt: '07:00',
  sendDay: 1,
  locale: 'vi',
  ...overrides,
});

describeEachDatabase('report e-mails (docs/figures.md §8)', (kind) => {
  let sut: TestApp;
  let smtp: TestSmtpServer;
  let key: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const smtpUrl = await smtp.start();
    sut = await startTestApp(kind, 'reports', {
      now: '2025-05-20T03:00:00Z',
      env: { SMTP_URL: smtpUrl, REPORTS_TICK_SECONDS: '0', PUBLIC_BASE_URL: 'https://tthc.example.vn', INSTANCE_ID: 'a' },
    });
    await createTree(sut);
    key = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'huyện', unitCode: 'huyen' })).body.key;
    await send(sut, [
      ...buildSettled(12, 'early', { unitCode: 'xa-a', field: 'Hộ tịch' }, '2025-05-06'),
      ...buildSettled(3, 'onTime', { unitCode: 'xa-a', field: 'Chứng thực' }, '2025-05-06'),
      ...buildSettled(1, 'late', { unitCode: 'xa-a', field: 'Chứng thực' }, '2025-05-06'),
      buildDossier({ unitCode: 'xa-a', status: 'processing', receivedAt: '2025-05-02T08:00', dueAt: '2025-05-09', code: 'OVERDUE-1', field: 'Đất đai', procedureName: 'Hòa giải tranh chấp đất đai' }),
      buildDossier({ unitCode: 'xa-b', receivedAt: '2025-05-02T08:00', resolvedAt: '2025-05-07T08:00', dueAt: '2025-05-09' }),
    ]);
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.stop();
  });

  const tick = () => sut.app.get(ReportsService).tick();
  const create = async (body: Record<string, unknown>) => (await sut.http.post('/api/v1/report-subscriptions').set(bearer(key)).send(body).expect(201)).body;
  const received = (to: string) => smtp.received.filter((mail) => mail.to.includes(to));

  it('refuses a subscription with bad fields, naming each', async () => {
    const response = await sut.http
      .post('/api/v1/report-subscriptions')
      .set(bearer(key))
      .send(subscription({ recipients: ['chu-tich@xa-a.gov.vn', 'not-an-address'], periodKind: 'week', sendDay: 9, sendAt: '25:00' }));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([
      'recipients[1]: "not-an-address" is not an e-mail address',
      expect.stringMatching(/^sendDay: /),
      expect.stringMatching(/^sendAt: /),
    ]));
    const other = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'b', unitCode: 'xa-b' })).body.key;
    await sut.http.post('/api/v1/report-subscriptions').set(bearer(other)).send(subscription()).expect(403);
  });

  it('sends the month once, after it closes, at 07:00 local on the 1st (00:00 UTC), to every recipient', async () => {
    const created = await create(subscription());
    expect(created).toMatchObject({ id: expect.any(Number), unitCode: 'xa-a', next: { period: '2025-05', sendAt: '2025-06-01T00:00:00.000Z' } });

    sut.clock.set('2025-05-31T23:59:59.999Z'); // 06:59:59 on 1 June in Vietnam
    await tick();
    expect(smtp.received).toHaveLength(0);

    sut.clock.set('2025-06-01T00:00:00.000Z'); // 07:00 on 1 June
    await tick();
    expect(received('chu-tich@xa-a.gov.vn')).toHaveLength(1);
    expect(received('pho-chu-tich@xa-a.gov.vn')).toHaveLength(1);
    await tick();
    sut.clock.set('2025-06-02T00:00:00.000Z');
    await tick();
    expect(smtp.received).toHaveLength(2);

    const mail = received('chu-tich@xa-a.gov.vn')[0].parsed;
    expect(mail.subject).toContain('05/2025');
    expect(mail.subject).toContain('Xã A');
    expect(mail.html).toContain('Từ ngày 01/05/2025 đến ngày 31/05/2025');
    expect(mail.text).toContain('Hộ tịch');
    expect(mail.html).toContain('OVERDUE-1');
    expect(mail.html).toContain('https://tthc.example.vn/widget/xa-a/detail');

    // The attachment's II.06a totals are the stats API's figures for the same unit and period.
    const attachment = mail.attachments.find((file) => file.filename?.endsWith('.xlsx'));
    expect(attachment).toBeDefined();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachment!.content as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const totalsRow = findRow(sheet, 'Tổng cộng');
    const numbers = (totalsRow.values as unknown[]).filter((value) => typeof value === 'number') as number[];
    const figures = await stats(sut, 'xa-a', { from: '2025-05-01', to: '2025-05-31' });
    expect(numbers).toEqual(expect.arrayContaining([figures.received.total, figures.settled.total, figures.settled.early, figures.settled.late, figures.open.overdue]));
    expect(numbers.slice(-11)).toEqual([
      figures.received.total, figures.received.online, figures.received.direct + figures.received.postal, figures.carriedOver,
      figures.settled.total, figures.settled.early, figures.settled.onTime, figures.settled.late,
      figures.open.total, figures.open.onTrack, figures.open.overdue,
    ]);

    const deliveries = (await sut.http.get(`/api/v1/report-subscriptions/${created.id}/deliveries`).set(bearer(key)).expect(200)).body.deliveries;
    expect(deliveries).toEqual([
      expect.objectContaining({ period: '2025-05', recipient: 'chu-tich@xa-a.gov.vn', status: 'sent', attempts: 1 }),
      expect.objectContaining({ period: '2025-05', recipient: 'pho-chu-tich@xa-a.gov.vn', status: 'sent', attempts: 1 }),
    ]);
  });

  it('names 15th→14th months after the month they end in', async () => {
    sut.clock.set('2025-06-10T00:00:00Z');
    const created = await create(subscription({ monthStartDay: 15, recipients: ['ky-15@xa-a.gov.vn'], sendAt: '08:00' }));
    expect(created.next).toEqual({ period: '2025-06', sendAt: '2025-06-15T01:00:00.000Z' });
    sut.clock.set('2025-06-15T01:00:00Z');
    await tick();
    const [mail] = received('ky-15@xa-a.gov.vn');
    expect(mail.parsed.html).toContain('Từ ngày 15/05/2025 đến ngày 14/06/2025');
  });

  it('retries a message the server refused for now, and delivers it once', async () => {
    sut.clock.set('2025-06-16T00:00:00Z');
    let refusals = 0;
    smtp.refuseMessage = (to) => (to.includes('tam-thoi@xa-a.gov.vn') && refusals++ < 1 ? { code: 421, message: 'Try again later' } : null);
    const created = await create(subscription({ periodKind: 'week', sendDay: 1, recipients: ['tam-thoi@xa-a.gov.vn'] }));
    sut.clock.set('2025-06-23T00:00:00Z'); // Monday 07:00: week 2025-W25 closed
    await tick();
    expect(received('tam-thoi@xa-a.gov.vn')).toHaveLength(0);
    let [delivery] = (await sut.http.get(`/api/v1/report-subscriptions/${created.id}/deliveries`).set(bearer(key))).body.deliveries;
    expect(delivery).toMatchObject({ period: '2025-W25', status: 'pending', attempts: 1, lastError: expect.stringContaining('Try again later') });
    sut.clock.set('2025-06-23T00:01:00Z');
    await tick();
    await tick();
    expect(received('tam-thoi@xa-a.gov.vn')).toHaveLength(1);
    [delivery] = (await sut.http.get(`/api/v1/report-subscriptions/${created.id}/deliveries`).set(bearer(key))).body.deliveries;
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2 });
    smtp.refuseMessage = () => null;
  });

  it('records a permanent refusal without re-sending to the other recipients', async () => {
    sut.clock.set('2025-06-16T00:00:00Z');
    smtp.refuseRecipient = (address) => (address === 'khong-ton-tai@xa-a.gov.vn' ? { code: 550, message: 'No such user' } : null);
    const created = await create(subscription({ periodKind: 'week', sendDay: 2, recipients: ['khong-ton-tai@xa-a.gov.vn', 'van-phong@xa-a.gov.vn'] }));
    for (const moment of ['2025-06-24T00:00:00Z', '2025-06-24T01:00:00Z', '2025-06-25T00:00:00Z']) {
      sut.clock.set(moment);
      await tick();
    }
    expect(received('van-phong@xa-a.gov.vn')).toHaveLength(1);
    expect(received('khong-ton-tai@xa-a.gov.vn')).toHaveLength(0);
    const deliveries = (await sut.http.get(`/api/v1/report-subscriptions/${created.id}/deliveries`).set(bearer(key))).body.deliveries;
    expect(deliveries).toEqual([
      expect.objectContaining({ recipient: 'khong-ton-tai@xa-a.gov.vn', status: 'failed', attempts: 1, lastError: expect.stringContaining('No such user') }),
      expect.objectContaining({ recipient: 'van-phong@xa-a.gov.vn', status: 'sent', attempts: 1 }),
    ]);
    smtp.refuseRecipient = () => null;
  });

  it('sends once after an instance stopped in the middle of a send', async () => {
    sut.clock.set('2025-06-16T00:00:00Z');
    const created = await create(subscription({ periodKind: 'week', sendDay: 3, recipients: ['khoi-dong-lai@xa-a.gov.vn'] }));
    sut.clock.set('2025-06-25T00:00:00Z');
    // Another instance rendered the run and claimed the delivery, then died before sending.
    const reports = sut.app.get(ReportsService);
    const row = await sut.app.get(DataSource).getRepository(ReportSubscription).findOneByOrFail({ id: created.id });
    await reports.ensureRun(row, reports.periodOf(row, '2025-W25'));
    await sut.app.get(DataSource).query("UPDATE report_deliveries SET status = 'sending', lockedBy = 'dead', lockedUntil = ?, attempts = 1 WHERE subscriptionId = ?", [
      kind === 'sqlite' ? '2025-06-25 00:05:00.000' : new Date('2025-06-25T00:05:00Z'),
      created.id,
    ]);
    await tick();
    expect(received('khoi-dong-lai@xa-a.gov.vn')).toHaveLength(0);
    sut.clock.set('2025-06-25T00:05:00Z');
    await tick();
    await tick();
    expect(received('khoi-dong-lai@xa-a.gov.vn')).toHaveLength(1);
  });

  it('previews a period as HTML and sends it on demand, still once', async () => {
    sut.clock.set('2025-06-16T00:00:00Z');
    const created = await create(subscription({ periodKind: 'quarter', sendDay: 5, recipients: ['theo-yeu-cau@xa-a.gov.vn'] }));
    const preview = await sut.http.get(`/api/v1/report-subscriptions/${created.id}/preview`).query({ period: '2025-Q2' }).set(bearer(key)).expect(200);
    expect(preview.headers['content-type']).toMatch(/^text\/html/);
    expect(preview.text).toContain('Xã A');
    const first = await sut.http.post(`/api/v1/report-subscriptions/${created.id}/send`).query({ period: '2025-Q1' }).set(bearer(key)).expect(200);
    expect(first.body.deliveries).toEqual([expect.objectContaining({ period: '2025-Q1', status: 'sent' })]);
    await sut.http.post(`/api/v1/report-subscriptions/${created.id}/send`).query({ period: '2025-Q1' }).set(bearer(key)).expect(200);
    expect(received('theo-yeu-cau@xa-a.gov.vn')).toHaveLength(1);
    await sut.http.get(`/api/v1/report-subscriptions/${created.id}/preview`).query({ period: '2025-13' }).set(bearer(key)).expect(400);
  });
});

function findRow(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | null = null;
  sheet.eachRow((row) => {
    if ((row.values as unknown[]).some((value) => value === label)) found = row;
  });
  if (!found) throw new Error(`no row "${label}" in the sheet`);
  return found;
}
