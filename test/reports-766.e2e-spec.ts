import ExcelJS from 'exceljs';
import { ParsedMail } from 'mailparser';
import { formatScore, signedScoreChange } from '../src/reports/render/numbers';
import { ReportsService } from '../src/reports/reports.service';
import { buildDossier } from './factories/dossier.factory';
import { TestSmtpServer } from './support/smtp';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { send, stats } from './support/tree';

/**
 * The Decision 766 section of the report e-mail and the "Chỉ số 766" sheet of its XLSX, as a real
 * SMTP server receives them (docs/figures.md §8, §11): the report's 2.1 is the scorecard API's
 * and the stats' progressScore for the same unit, scope and dates.
 */

const UNITS = [
  { code: 'tinh-qb', name: 'Tỉnh Quảng Bình', level: 'province' },
  { code: 'huyen-mt', name: 'Huyện Mường Tè', level: 'district', parentCode: 'tinh-qb' },
  { code: 'xa-tu-ky', name: 'Xã Tứ Kỳ', level: 'commune', kind: 'xa', parentCode: 'huyen-mt' },
  { code: 'phuong-dong-hoi', name: 'Phường Đồng Hới', level: 'commune', kind: 'phuong', parentCode: 'huyen-mt' },
];

/** One dossier settled on `resolved` (local), due on `due`: on time when due is not before it. */
const settled = (unitCode: string, received: string, due: string, resolved: string, more: Record<string, unknown> = {}) =>
  buildDossier({ unitCode, receivedAt: `${received}T08:00:00`, dueAt: due, resolvedAt: `${resolved}T10:00:00`, ...more });

const DOSSIERS = [
  // April: Xã Tứ Kỳ all on time (20 points of 2.1), Phường Đồng Hới one late of three.
  ...Array.from({ length: 4 }, () => settled('xa-tu-ky', '2025-04-02', '2025-04-10', '2025-04-07', { electronicResult: true })),
  ...Array.from({ length: 2 }, () => settled('phuong-dong-hoi', '2025-04-02', '2025-04-10', '2025-04-07')),
  settled('phuong-dong-hoi', '2025-04-01', '2025-04-04', '2025-04-07'),
  // May: Xã Tứ Kỳ mostly late (it loses points), Phường Đồng Hới all on time (it gains).
  ...Array.from({ length: 2 }, () => settled('xa-tu-ky', '2025-05-02', '2025-05-09', '2025-05-06', { electronicResult: false })),
  ...Array.from({ length: 2 }, () => settled('xa-tu-ky', '2025-05-02', '2025-05-05', '2025-05-06', { electronicResult: false })),
  // Late, after the 14th: in calendar May, not in the May that ends on the 14th.
  settled('xa-tu-ky', '2025-05-16', '2025-05-20', '2025-05-22'),
  ...Array.from({ length: 3 }, () => settled('phuong-dong-hoi', '2025-05-02', '2025-05-09', '2025-05-06', { channel: 'online' })),
];

interface Card {
  points: number | null;
  maxPoints: number;
  groups: { id: string; name: string; points: number | null; maxPoints: number; indicators: { id: string; points: number | null; ratio: number | null }[] }[];
}

describeEachDatabase('the 766 scorecard in report e-mails (docs/figures.md §8, §11)', (kind) => {
  let sut: TestApp;
  let smtp: TestSmtpServer;
  let key: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const smtpUrl = await smtp.start();
    sut = await startTestApp(kind, 'reports766', { now: '2025-05-25T03:00:00Z', env: { SMTP_URL: smtpUrl, REPORTS_TICK_SECONDS: '0', INSTANCE_ID: 'a' } });
    for (const unit of UNITS) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    key = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'huyện', unitCode: 'huyen-mt' })).body.key;
    const sent = await send(sut, DOSSIERS);
    expect(sent.body).toMatchObject({ created: DOSSIERS.length, rejected: [] });
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.stop();
  });

  const tick = () => sut.app.get(ReportsService).tick();
  const subscribe = async (overrides: Record<string, unknown>) =>
    (
      await sut.http
        .post('/api/v1/report-subscriptions')
        .set(bearer(key))
        .send({ unitCode: 'huyen-mt', includeChildren: true, periodKind: 'month', monthStartDay: 1, sendAt: '07:00', sendDay: 1, locale: 'vi', ...overrides })
        .expect(201)
    ).body;
  const mailTo = (to: string): ParsedMail => {
    const mails = smtp.received.filter((mail) => mail.to.includes(to));
    expect(mails).toHaveLength(1);
    return mails[0].parsed;
  };
  const scorecard = async (code: string, query: Record<string, string | boolean>): Promise<Card> =>
    (await sut.http.get(`/api/v1/units/${code}/index766`).query(query).expect(200)).body;
  const ranking = async (code: string, query: Record<string, string>) =>
    (await sut.http.get(`/api/v1/units/${code}/index766/ranking`).query(query).expect(200)).body.units as { unit: { code: string; name: string }; points: number | null }[];
  const progress = (card: Card) => card.groups.find((group) => group.id === '2')!.indicators.find((indicator) => indicator.id === '2.1')!;

  it('shows the section in the monthly e-mail: total and groups against April, and the unit below that lost points', async () => {
    await subscribe({ recipients: ['chu-tich@muongte.gov.vn'] });
    sut.clock.set('2025-06-01T00:00:00.000Z');
    await tick();
    const mail = mailTo('chu-tich@muongte.gov.vn');

    const may = await scorecard('huyen-mt', { period: '2025-05', includeChildren: true });
    const april = await scorecard('huyen-mt', { period: '2025-04', includeChildren: true });
    const html = mail.html as string;
    expect(html).toContain('data-section="index766"');
    const rows = tableCells(html, 'data-table="index766"');
    expect(rows[0]).toEqual(['Nhóm chỉ số', 'Điểm', 'Kỳ trước', 'Thay đổi']);
    const before = new Map(april.groups.map((group) => [group.id, group.points]));
    const expected = may.groups
      .filter((group) => group.maxPoints > 0)
      .map((group) => [group.name, `${formatScore(group.points, 'vi')} / ${group.maxPoints}`, formatScore(before.get(group.id) ?? null, 'vi'), signedScoreChange(group.points, before.get(group.id) ?? null, 'vi').text]);
    expect(rows.slice(1, -1)).toEqual(expected);
    expect(rows[rows.length - 1]).toEqual(['Tổng điểm', `${formatScore(may.points, 'vi')} / ${may.maxPoints}`, formatScore(april.points, 'vi'), signedScoreChange(may.points, april.points, 'vi').text]);
    // By hand: May 5 of 8 on time (12.5) and 5.4 at 1 − 3/8 over 0.9 (4.17); April 6 of 7 (17.14),
    // 4 of 7 results electronic (3.43) and 5.4 at 1 − 1/7 (5.71).
    expect(rows[rows.length - 1]).toEqual(['Tổng điểm', '16,67 / 50', '26,28', '−9,61']);
    // The payment group had nothing payable in either month: "—", never 0.
    expect(rows.find((row) => row[0] === 'Thanh toán trực tuyến')).toEqual(['Thanh toán trực tuyến', '— / 6', '—', '—']);

    // Only Xã Tứ Kỳ lost points (all on time in April, three of five late in May), by the ranking of both months.
    const [rankedMay, rankedApril] = [await ranking('huyen-mt', { period: '2025-05' }), await ranking('huyen-mt', { period: '2025-04' })];
    const then = rankedApril.find((row) => row.unit.code === 'xa-tu-ky')!.points;
    const now = rankedMay.find((row) => row.unit.code === 'xa-tu-ky')!.points;
    expect([then, now]).toEqual([32, 10.67]); // 20 + 6 + 6 in April; 8 + 2.67 in May
    expect(tableCells(html, 'data-table="index766-losers"')).toEqual([
      ['Đơn vị', 'Điểm kỳ trước → kỳ này', 'Thay đổi'],
      [`1. Xã Tứ Kỳ`, `${formatScore(then, 'vi')} → ${formatScore(now, 'vi')}`, signedScoreChange(now, then, 'vi').text],
    ]);

    // The text part says the same.
    const text = mail.text as string;
    expect(text).toContain('Chỉ số 766 (phần tính từ hồ sơ)');
    expect(text).toMatch(new RegExp(`^Tổng điểm +${escapeRegExp(`${formatScore(may.points, 'vi')} / ${may.maxPoints}`)} +${escapeRegExp(formatScore(april.points, 'vi'))} +${escapeRegExp(signedScoreChange(may.points, april.points, 'vi').text)}$`, 'm'));
    expect(text).toMatch(new RegExp(`^1\\. Xã Tứ Kỳ +${escapeRegExp(`${formatScore(then, 'vi')} → ${formatScore(now, 'vi')}`)} +${escapeRegExp(signedScoreChange(now, then, 'vi').text)}$`, 'm'));
  });

  it('gives 2.1 as one number: the sheet, the e-mail, GET …/index766 and the stats’ progressScore', async () => {
    const mail = mailTo('chu-tich@muongte.gov.vn');
    const sheet = await scorecardSheet(mail);
    const row = findRow(sheet, 2, '2.1');
    const reported = sheet.getCell(row, 7).value;

    const api = progress(await scorecard('huyen-mt', { period: '2025-05', includeChildren: true }));
    const figures = await stats(sut, 'huyen-mt', { from: '2025-05-01', to: '2025-05-31', includeChildren: true });
    expect(typeof reported).toBe('number');
    expect(reported).toBe(api.points);
    expect(reported).toBe(figures.progressScore);
    expect(sheet.getCell(row, 6).value).toBe(figures.progressIndex);
    // 2 + 3 on time of 8 finished in May: 5/8 of 20 points; April 6 of 7, 17.14.
    expect(reported).toBe(12.5);
    // The headline card and the progress group of the section show that same number.
    const html = mail.html as string;
    expect(html).toMatch(/data-figure="progressScore"[\s\S]*?<span data-value>12,50<\/span>/);
    expect(tableCells(html, 'data-table="index766"')[1]).toEqual(['Tiến độ, kết quả giải quyết', '12,50 / 20', '17,14', '−4,64']);
  });

  it('attaches the sheet "Chỉ số 766": a row per indicator, ratios as numbers with a percent format, and the units below ranked by their Vietnamese names', async () => {
    const mail = mailTo('chu-tich@muongte.gov.vn');
    const workbook = await workbookOf(mail);
    expect(workbook.worksheets.map((each) => each.name)).toEqual(['Biểu II.06a', 'Chỉ số 766']);
    const sheet = workbook.getWorksheet('Chỉ số 766')!;

    const may = await scorecard('huyen-mt', { period: '2025-05', includeChildren: true });
    for (const indicator of may.groups.flatMap((group) => group.indicators)) {
      const row = findRow(sheet, 2, indicator.id);
      expect([indicator.id, sheet.getCell(row, 6).value, sheet.getCell(row, 7).value]).toEqual([indicator.id, indicator.ratio ?? '—', indicator.points ?? '—']);
    }
    const online = findRow(sheet, 2, '3.3');
    // 3 of the 8 received in May were filed online: a number under a percent format, not "37,50 %".
    const ratio = sheet.getCell(online, 6);
    expect([ratio.type, ratio.value, ratio.numFmt]).toEqual([ExcelJS.ValueType.Number, 3 / 8, '0.00%']);
    expect(sheet.getCell(findRow(sheet, 1, 'Tổng điểm'), 7).value).toBe(may.points);
    expect(findRow(sheet, 1, 'Chỉ tiêu chưa tính')).toBeGreaterThan(0);

    const title = findRow(sheet, 1, 'Xếp hạng đơn vị trực thuộc');
    const ranked = await ranking('huyen-mt', { period: '2025-05' });
    expect(ranked.map((row) => row.unit.name)).toEqual(['Phường Đồng Hới', 'Xã Tứ Kỳ']);
    ranked.forEach((unit, index) => {
      expect(sheet.getCell(title + 2 + index, 2).value).toBe(unit.unit.name);
      expect(sheet.getCell(title + 2 + index, 4).value).toBe(unit.points);
    });
    expect(sheet.getCell(2, 1).value).toBe('Đơn vị báo cáo: Huyện Mường Tè');
  });

  it('scores a 15th→14th month over the report’s own dates', async () => {
    sut.clock.set('2025-06-10T00:00:00Z');
    const created = await subscribe({ monthStartDay: 15, recipients: ['ky-15@muongte.gov.vn'] });
    sut.clock.set('2025-06-15T00:00:00Z');
    await tick();
    const june = await scorecardSheet(mailTo('ky-15@muongte.gov.vn'));

    // 15 May – 14 June holds only the late dossier of the 22nd: 0 points, a score (not "—").
    const shifted = progress(await scorecard('huyen-mt', { from: '2025-05-15', to: '2025-06-14', includeChildren: true }));
    expect(shifted.points).toBe(0);
    expect(june.getCell(findRow(june, 2, '2.1'), 7).value).toBe(0);
    expect(progress(await scorecard('huyen-mt', { period: '2025-06', includeChildren: true })).points).toBeNull();

    await sut.http.post(`/api/v1/report-subscriptions/${created.id}/send`).query({ period: '2025-05' }).set(bearer(key)).expect(200);
    const mails = smtp.received.filter((mail) => mail.to.includes('ky-15@muongte.gov.vn'));
    expect(mails).toHaveLength(2);
    const may = await scorecardSheet(mails[1].parsed);
    const own = progress(await scorecard('huyen-mt', { from: '2025-04-15', to: '2025-05-14', includeChildren: true }));
    expect(may.getCell(findRow(may, 2, '2.1'), 7).value).toBe(own.points);
    // 5 of 7 on time, without the late one of the 22nd that calendar May counts (5 of 8).
    expect(own.points).toBe(14.29);
  });

  it('has no section in a weekly report, and none in a preview of a month not begun', async () => {
    sut.clock.set('2025-06-16T00:00:00Z');
    const weekly = await subscribe({ periodKind: 'week', sendDay: 1, recipients: ['tuan@muongte.gov.vn'] });
    sut.clock.set('2025-06-23T00:00:00Z');
    await tick();
    const mail = mailTo('tuan@muongte.gov.vn');
    expect(mail.html).not.toContain('data-section="index766"');
    expect((await workbookOf(mail)).worksheets.map((each) => each.name)).toEqual(['Biểu II.06a']);

    const monthly = await subscribe({ recipients: ['xem-truoc@muongte.gov.vn'], sendDay: 3 });
    const ahead = await sut.http.get(`/api/v1/report-subscriptions/${monthly.id}/preview`).query({ period: '2025-08' }).set(bearer(key)).expect(200);
    expect(ahead.text).not.toContain('data-section="index766"');
    const may = await sut.http.get(`/api/v1/report-subscriptions/${monthly.id}/preview`).query({ period: '2025-05' }).set(bearer(key)).expect(200);
    expect(may.text).toContain('data-section="index766"');
    expect(weekly).toMatchObject({ periodKind: 'week' });
  });
});

async function workbookOf(mail: ParsedMail): Promise<ExcelJS.Workbook> {
  const attachment = mail.attachments.find((file) => file.filename?.endsWith('.xlsx'));
  expect(attachment).toBeDefined();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(attachment!.content as unknown as ExcelJS.Buffer);
  return workbook;
}

async function scorecardSheet(mail: ParsedMail): Promise<ExcelJS.Worksheet> {
  const sheet = (await workbookOf(mail)).getWorksheet('Chỉ số 766');
  expect(sheet).toBeDefined();
  return sheet!;
}

function findRow(sheet: ExcelJS.Worksheet, column: number, value: string): number {
  for (let row = 1; row <= sheet.rowCount; row++) if (sheet.getCell(row, column).value === value) return row;
  throw new Error(`no row with "${value}" in column ${column}`);
}

/** The text of each cell of each row of the HTML table whose opening tag holds `marker`. */
function tableCells(html: string, marker: string): string[][] {
  const start = html.indexOf(marker);
  expect(start).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  const decode = (cell: string) =>
    cell
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decode(cell[1])));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
