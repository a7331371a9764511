import { buildDossier } from './factories/dossier.factory';
import { signedIn } from './support/console';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { send } from './support/tree';

// Now: Tuesday 10/06/2025 10:07:03 in Vietnam.
const NOW = '2025-06-10T03:07:03Z';
const AGENCY = '000.00.21.H23';

const UNITS = [
  { code: 'tinh', name: 'Tỉnh Thử', level: 'province' },
  { code: 'huyen', name: 'Huyện Thử', level: 'district', parentCode: 'tinh' },
  { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'huyen', agencyCode: AGENCY },
  { code: 'xa-b', name: 'Xã B', level: 'commune', parentCode: 'huyen' },
];
const LISTED = ['2.1', '3.3', '3.6', '4.1', '4.2', '4.3', '4.4', '4.5b'];

/** yyyyMMddHHmmss of a Vietnam wall-clock time in 2025. */
const vn = (month: number, day: number, time: string) => `2025${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${time.replace(/:/g, '')}00`;
/** One CapNhatTienDoHoSoMC row: a step of a dossier. */
const step = (code: string, TrangThai: number, at: string) => ({ MaHoSo: code, TrangThai, ThoiDiemXuLy: at, NoiDungXuLy: `Bước ${TrangThai}`, PhongBanXuLy: 'Bộ phận một cửa' });
/** A page's text as a browser reads it: the entities Handlebars writes, decoded. */
const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'");
const code = (n: number) => `${AGENCY}-2505${String(n).padStart(2, '0')}-0001`;

/** May 2025 at xa-a, each dossier with why it is here (or not) for 2.1. */
const XA_A = {
  twoRounds: buildDossier({ code: code(1), status: 'resolved', receivedAt: '2025-05-02T08:00', dueAt: '2025-05-20', resolvedAt: '2025-05-12T10:00' }),
  askedLate: buildDossier({ code: code(2), status: 'waiting', receivedAt: '2025-05-02T08:00', dueAt: '2025-05-09T17:00' }),
  late: buildDossier({ code: 'A-LATE', channel: 'online', dueAt: '2025-05-05', resolvedAt: '2025-05-06T10:00', electronicResult: true, digitized: true, resultDigitized: true }),
  overdue: buildDossier({ code: 'A-OVERDUE', status: 'processing', receivedAt: '2025-05-20T08:00', dueAt: '2025-05-27', complaint: true, procedureName: '=HYPERLINK("http://x")' }),
  onTime: buildDossier({ code: 'A-ON-TIME', feeAmount: 20000, reusedData: true, digitized: true }),
  waitingNoSteps: buildDossier({ code: 'A-WAITING', status: 'waiting', receivedAt: '2025-05-05T08:00', dueAt: '2025-05-08' }),
  held: buildDossier({ code: code(3), status: 'processing', receivedAt: '2025-05-20T08:00', dueAt: '2025-05-27T17:00' }),
  withdrawnLate: buildDossier({ code: 'A-WITHDRAWN', status: 'withdrawn', dueAt: '2025-05-05', withdrawnAt: '2025-05-07T09:00' }),
  complained: buildDossier({ code: 'A-COMPLAINED', channel: 'online', complaint: true, feeAmount: 10000, paidOnline: 'dvcqg', citizenRepository: true, vneidVerified: true }),
  denied: buildDossier({ code: 'A-DENIED', status: 'denied', receivedAt: '2025-05-03T08:00' }),
};
const STEPS = [
  // Two supplement rounds: settled well before its deadline, late all the same.
  ...[[2, vn(5, 2, '08:00')], [5, vn(5, 5, '09:00')], [4, vn(5, 6, '09:00')], [5, vn(5, 8, '09:00')], [4, vn(5, 9, '09:00')], [9, vn(5, 12, '10:00')]].map(([s, at]) => step(code(1), s as number, at as string)),
  // Papers asked for three days after the deadline: judged at the request, late.
  step(code(2), 2, vn(5, 2, '08:00')), step(code(2), 5, vn(5, 12, '09:00')),
  // The applicant held it five days, taken off: still within its deadline at the end of May.
  step(code(3), 5, vn(5, 21, '09:00')), step(code(3), 4, vn(5, 26, '09:00')),
];

describeEachDatabase('the dossiers that cost a 766 indicator its points', (kind) => {
  let sut: TestApp;
  let communeKey: string;
  let otherKey: string;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'index766_dossiers', { now: NOW });
    for (const unit of UNITS) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    communeKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'a', unitCode: 'xa-a' })).body.key;
    otherKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'b', unitCode: 'xa-b' })).body.key;
    const sent = await send(sut, [
      ...Object.values(XA_A),
      buildDossier({ code: 'B-LATE', unitCode: 'xa-b', dueAt: '2025-05-05', resolvedAt: '2025-05-07T10:00' }),
      buildDossier({ code: 'B-ONLINE', unitCode: 'xa-b', channel: 'online', electronicResult: true, reusedData: true }),
      buildDossier({ code: 'B-JUNE', unitCode: 'xa-b', status: 'processing', receivedAt: '2025-06-02T08:00', dueAt: '2025-06-09' }),
      buildDossier({ code: 'H-OWN', unitCode: 'huyen', status: 'processing', receivedAt: '2025-05-28T08:00', dueAt: '2025-06-20' }),
    ]);
    expect(sent.body).toMatchObject({ rejected: [] });
    const steps = await sut.http.post('/api/v1/dvcqg').send({ session: ADMIN_KEY, madonvi: AGENCY, service: 'CapNhatTienDoHoSoMC', isUpdating: 'False', data: STEPS });
    expect(steps.body).toMatchObject({ error_code: 0 });
  }, 120_000);
  afterAll(() => sut?.close());

  const list = async (unitCode: string, query: Record<string, string | number | boolean>, key = ADMIN_KEY) => {
    const response = await sut.http.get(`/api/v1/units/${unitCode}/index766/dossiers`).query(query).set(bearer(key));
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const indicators = async (unitCode: string, query: Record<string, string | boolean>) => {
    const card = (await sut.http.get(`/api/v1/units/${unitCode}/index766`).query(query).expect(200)).body;
    return new Map<string, { numerator: number; denominator: number }>(card.groups.flatMap((group: { indicators: { id: string }[] }) => group.indicators).map((item: { id: string }) => [item.id, item]));
  };

  it('lists for 2.1 the late ones, finished in May or open at its end, with why each costs points', async () => {
    const answer = await list('xa-a', { indicator: '2.1', period: '2025-05' }, communeKey);

    expect(answer).toMatchObject({
      unit: { code: 'xa-a', name: 'Xã A', level: 'commune' }, period: { from: '2025-05-01', to: '2025-05-31', label: '2025-05' }, includeChildren: true,
      judgedAt: '2025-05-31T16:59:59.999Z', indicator: { id: '2.1', name: 'Hồ sơ xử lý trước hạn, đúng hạn' }, page: 1, pageSize: 100, total: 5,
    });
    expect(answer.items.map((item: { code: string; reasons: string[] }) => [item.code, item.reasons])).toEqual([
      [code(1), ['secondSupplement']],
      [code(2), ['supplementAfterDue']],
      ['A-LATE', ['late']],
      ['A-WITHDRAWN', ['withdrawnLate']],
      ['A-OVERDUE', ['overdue']],
    ]);
    expect(answer.items[0]).toEqual({
      unitCode: 'xa-a', unitName: 'Xã A', code: code(1), procedureCode: null, procedureName: null, field: 'Hộ tịch', channel: 'direct', status: 'resolved',
      receivedAt: '2025-05-02T01:00:00.000Z', dueAt: '2025-05-20T16:59:59.999Z', finishedAt: '2025-05-12T03:00:00.000Z', reasons: ['secondSupplement'], reason: 'yêu cầu bổ sung hơn 1 lần',
    });
    expect(answer.items[1].reason).toBe('yêu cầu bổ sung sau hạn');
    const english = await list('xa-a', { indicator: '2.1', period: '2025-05', lang: 'en', pageSize: 2, page: 2 }, communeKey);
    expect(english).toMatchObject({ indicator: { name: 'Dossiers settled early or on time' }, page: 2, pageSize: 2, total: 5 });
    expect(english.items.map((item: { code: string; reason: string }) => [item.code, item.reason])).toEqual([['A-LATE', 'settled late'], ['A-WITHDRAWN', 'withdrawn after the deadline']]);
  });

  it('holds each list’s total to the scorecard’s denominator less its numerator, for every unit, scope and period', async () => {
    const cases: [string, Record<string, string | boolean>][] = [
      ['xa-a', { period: '2025-05' }], ['xa-b', { period: '2025-05' }], ['huyen', { period: '2025-05' }], ['huyen', { period: '2025-05', includeChildren: false }],
      ['tinh', { period: '2025-Q2' }], ['huyen', { period: '2025-06' }], ['xa-a', { from: '2025-05-10', to: '2025-05-20' }], ['tinh', { period: '2025-04' }],
    ];
    for (const [unitCode, query] of cases) {
      const card = await indicators(unitCode, query);
      for (const id of LISTED) {
        const { numerator, denominator } = card.get(id)!;
        const answer = await list(unitCode, { ...query, indicator: id, pageSize: 500 });
        expect([unitCode, query, id, answer.total, answer.items.length]).toEqual([unitCode, query, id, denominator - numerator, denominator - numerator]);
      }
    }
    // Worked by hand for xa-a in May: 9 received (the denied one aside), 4 resolved.
    const may = await indicators('xa-a', { period: '2025-05' });
    expect(may.get('2.1')).toMatchObject({ numerator: 4, denominator: 9 });
    expect((await list('xa-a', { indicator: '3.3', period: '2025-05' })).total).toBe(7);
    expect((await list('xa-a', { indicator: '3.6', period: '2025-05' })).items.map((item: { code: string }) => item.code)).toEqual(['A-ON-TIME']);
    const digitized = await list('xa-a', { indicator: '4.2', period: '2025-05' });
    expect(digitized.items.map((item: { code: string; reasons: string[] }) => [item.code, item.reasons])).toEqual([[code(1), ['papersNotDigitized', 'resultNotDigitized']], ['A-COMPLAINED', ['papersNotDigitized', 'resultNotDigitized']], ['A-ON-TIME', ['resultNotDigitized']]]);
  });

  it('lists for 5.4 the late ones and those with a complaint, each once', async () => {
    const answer = await list('xa-a', { indicator: '5.4', period: '2025-05' });
    expect(answer.items.map((item: { code: string; reasons: string[] }) => [item.code, item.reasons])).toEqual([
      [code(1), ['secondSupplement']],
      [code(2), ['supplementAfterDue']],
      ['A-COMPLAINED', ['complaint']],
      ['A-LATE', ['late']],
      ['A-WITHDRAWN', ['withdrawnLate']],
      ['A-OVERDUE', ['overdue', 'complaint']],
    ]);
    expect(answer.items[5].reason).toBe('quá hạn; có phản ánh, kiến nghị');
  });

  it('downloads a list as CSV for Excel, with Vietnamese headings and no formula', async () => {
    const response = await sut.http.get('/api/v1/units/xa-a/index766/dossiers').query({ indicator: '2.1', period: '2025-05', lang: 'en' }).set(bearer(communeKey)).set('Accept', 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ho-so-mat-diem-2.1-xa-a-2025-05.csv"');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe('\uFEFFMã hồ sơ,Mã đơn vị,Đơn vị,Mã thủ tục,Thủ tục,Lĩnh vực,Kênh nộp,Trạng thái,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc xử lý,Lý do mất điểm');
    expect(lines[1]).toBe(`${code(1)},xa-a,Xã A,,,Hộ tịch,Trực tiếp,Đã có kết quả,02/05/2025 08:00:00,20/05/2025 23:59:59,12/05/2025 10:00:00,yêu cầu bổ sung hơn 1 lần`);
    expect(lines[5]).toBe('A-OVERDUE,xa-a,Xã A,,"\'=HYPERLINK(""http://x"")",Hộ tịch,Trực tiếp,Đang xử lý,20/05/2025 08:00:00,27/05/2025 23:59:59,,quá hạn');
    expect(lines.filter((line) => line !== '')).toHaveLength(6);
    const ranged = await sut.http.get('/api/v1/units/huyen/index766/dossiers').query({ indicator: '4.5b', from: '2025-05-01', to: '2025-05-31' }).set(bearer(ADMIN_KEY)).set('Accept', 'text/csv').expect(200);
    expect(ranged.headers['content-disposition']).toBe('attachment; filename="ho-so-mat-diem-4.5b-huyen-2025-05-01_2025-05-31.csv"');
  });

  it('is for the unit’s own keys and those above: 401 without a key, 403 for another commune’s', async () => {
    await sut.http.get('/api/v1/units/xa-a/index766/dossiers').query({ indicator: '2.1' }).expect(401);
    await sut.http.get('/api/v1/units/xa-a/index766/dossiers').query({ indicator: '2.1' }).set(bearer('not-a-key')).expect(401);
    const refused = await sut.http.get('/api/v1/units/xa-a/index766/dossiers').query({ indicator: '2.1', period: '2025-05' }).set(bearer(otherKey)).expect(403);
    expect(refused.body.message).toBe('this key may not read the dossiers of "xa-a"');
    await sut.http.get('/api/v1/units/huyen/index766/dossiers').query({ indicator: '2.1', period: '2025-05' }).set(bearer(communeKey)).expect(403);
    await sut.http.get('/api/v1/units/nowhere/index766/dossiers').query({ indicator: '2.1' }).set(bearer(ADMIN_KEY)).expect(404);
  });

  it('refuses 2.2, an unknown or missing indicator, a bad period and a bad page, naming the parameter', async () => {
    const ask = (query: Record<string, string | number>) => sut.http.get('/api/v1/units/xa-a/index766/dossiers').query(query).set(bearer(communeKey));
    const average = await ask({ indicator: '2.2', period: '2025-05' }).expect(400);
    expect(average.body.message).toBe('indicator: 2.2 is an average time, no dossier costs it points; must be one of 2.1, 3.3, 3.6, 4.1, 4.2, 4.3, 4.4, 4.5b, 5.4');
    expect((await ask({ indicator: '1.1', period: '2025-05' }).expect(400)).body.message).toBe('indicator: must be one of 2.1, 3.3, 3.6, 4.1, 4.2, 4.3, 4.4, 4.5b, 5.4');
    expect((await ask({ period: '2025-05' }).expect(400)).body.message).toMatch(/^indicator: is required/);
    expect((await ask({ indicator: '2.1', period: '2025-13' }).expect(400)).body.message).toMatch(/^period: must be/);
    expect((await ask({ indicator: '2.1', period: '2025-07' }).expect(400)).body.message).toContain('has not begun yet');
    expect((await ask({ indicator: '2.1', pageSize: 501 }).expect(400)).body.message).toMatch(/^pageSize:/);
    expect((await ask({ indicator: '2.1', lang: 'fr' }).expect(400)).body.message).toBe('lang: must be vi or en');
  });

  describe('the console page', () => {
    it('shows a signed-in commune account its list, with the file to download, in Vietnamese and in English', async () => {
      const { agent } = await signedIn(sut, 'xem@xa-a.gov.vn', 'viewer', 'xa-a');
      const page = await agent.get('/admin/index766/dossiers').query({ unit: 'xa-a', indicator: '2.1', period: '2025-05' }).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<h1>Chỉ số 2.1: hồ sơ làm mất điểm</h1>');
      expect(page.text).toContain('data-total="5">5 hồ sơ làm mất điểm</h2>');
      expect(page.text).toContain(`<tr data-code="${code(1)}" data-reasons="secondSupplement">`);
      expect(page.text).toContain('yêu cầu bổ sung hơn 1 lần');
      expect(page.text).toContain('<td>02/05/2025 08:00</td>');
      expect(page.text).toContain('<td>12/05/2025 10:00</td>');
      expect(page.text).toContain('Từ ngày 01/05/2025 đến ngày 31/05/2025');
      const links = decode(page.text);
      expect(links).toContain('href="/admin/index766/dossiers.csv?unit=xa-a&period=2025-05&indicator=2.1" download>Tải CSV</a>');
      expect(links).toContain('href="/admin/index766?unit=xa-a&period=2025-05"');
      expect(links).toContain('href="/admin/index766/dossiers?unit=xa-a&period=2025-05&indicator=4.1"');
      expect(page.text).not.toContain('=HYPERLINK("http');

      const english = await agent.get('/admin/index766/dossiers').query({ unit: 'xa-a', indicator: '5.4', period: '2025-05', lang: 'en' }).expect(200);
      expect(english.text).toContain('<h1>Indicator 5.4: dossiers that cost points</h1>');
      expect(english.text).toContain('overdue; a complaint was received');
      expect(english.text).toContain('Download CSV');

      const file = await agent.get('/admin/index766/dossiers.csv').query({ unit: 'xa-a', indicator: '2.1', period: '2025-05' }).expect(200);
      expect(file.headers['content-disposition']).toBe('attachment; filename="ho-so-mat-diem-2.1-xa-a-2025-05.csv"');
      expect(file.text.split('\r\n').filter((line) => line !== '')).toHaveLength(6);
    });

    it('pages a district’s list, refuses a unit outside the account and sends a browser without a session to sign in', async () => {
      const { agent } = await signedIn(sut, 'quan-ly@huyen.gov.vn', 'manager', 'huyen');
      const page = await agent.get('/admin/index766/dossiers').query({ unit: 'huyen', indicator: '3.3', period: '2025-05' }).expect(200);
      expect(page.text).toContain('data-total="9"');
      expect(page.text).toContain('<span data-unit="xa-b">Xã B</span>');
      const commune = await signedIn(sut, 'xem@xa-b.gov.vn', 'viewer', 'xa-b');
      await commune.agent.get('/admin/index766/dossiers').query({ unit: 'xa-a', indicator: '2.1', period: '2025-05' }).expect(403);
      await commune.agent.get('/admin/index766/dossiers').query({ unit: 'xa-b', indicator: '2.2', period: '2025-05' }).expect(400);
      const anonymous = await sut.http.get('/admin/index766/dossiers?unit=xa-a&indicator=2.1&period=2025-05').expect(303);
      expect(anonymous.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Findex766%2Fdossiers%3Funit%3Dxa-a%26indicator%3D2.1%26period%3D2025-05');
    });
  });
});
