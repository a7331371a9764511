import { DossierEvent } from '../src/dossiers/dossier-event.entity';
import { buildDossier } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { send } from './support/tree';

/** The citizen lookup (README "Citizen lookup (/tra-cuu)"); steps come in as DVCQG progress rows. */
const UNITS = [
  { code: 'tinh', name: 'Tỉnh Thử', level: 'province' },
  { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'tinh', agencyCode: '000.00.21.H23' },
  { code: 'xa-b', name: 'Xã B', level: 'commune', parentCode: 'tinh', agencyCode: '000.00.22.H23' },
];

/** A name and a remark in a step's content: neither may ever be shown. */
const REMARK = 'Chuyên viên Nguyễn Văn Bình: hồ sơ của bà Trần Thị Cúc đủ điều kiện';

/** yyyyMMddHHmmss in Vietnam time, as DVCQG senders write instants. */
const dvcqgTime = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);

/** Steps as a one-stop system sends them: a CapNhatTienDoHoSoMC envelope, with the official's name. */
async function addSteps(sut: TestApp, unitCode: string, dossierCode: string, steps: Partial<DossierEvent>[]): Promise<void> {
  const agency = UNITS.find((unit) => unit.code === unitCode)!.agencyCode;
  const data = steps.map((step) => ({
    MaHoSo: dossierCode, TrangThai: step.statusCode, ThoiDiemXuLy: dvcqgTime(step.at!), NoiDungXuLy: REMARK, NguoiXuLy: 'Nguyễn Văn Bình',
    PhongBanXuLy: step.department ?? '', NgayBatDau: step.startedAt ? dvcqgTime(step.startedAt) : '', NgayKetThucTheoQuyDinh: step.stepDueAt ? dvcqgTime(step.stepDueAt) : '',
  }));
  const response = await sut.http.post('/api/v1/dvcqg').send({ session: ADMIN_KEY, madonvi: agency, service: 'CapNhatTienDoHoSoMC', data });
  expect(response.body).toMatchObject({ error_code: 0, result: { created: steps.length } });
}

const lookupJson = (sut: TestApp, code: string, lang?: string) =>
  sut.http.get(`/api/v1/lookup/${encodeURIComponent(code)}`).query(lang ? { lang } : {});

describeEachDatabase('the citizen lookup', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    // 10/06/2025 10:07:03 in Vietnam.
    sut = await startTestApp(kind, 'lookup', { now: '2025-06-10T03:07:03Z' });
    for (const unit of UNITS) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    const stored = await send(sut, [
      buildDossier({
        code: '000.00.21.H23-250602-0001', unitCode: 'xa-a', procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', field: 'Hộ tịch',
        channel: 'online', status: 'processing', receivedAt: '2025-06-02T08:00:00', dueAt: '2025-06-09', extendedDueAt: '2025-06-13',
      }),
      buildDossier({
        code: 'HS-2025-000123', unitCode: 'xa-b', field: 'Chứng thực', channel: 'postal', status: 'resolved',
        receivedAt: '2025-06-02T09:30:00', dueAt: '2025-06-04', resolvedAt: '2025-06-05T15:00:00', returnedAt: '2025-06-06T08:15:00',
      }),
      // One unit code in two units: the one received last is shown.
      buildDossier({ code: 'HS-0001', unitCode: 'xa-a', status: 'processing', receivedAt: '2025-05-02T08:00:00', dueAt: '2025-06-30' }),
      buildDossier({ code: 'HS-0001', unitCode: 'xa-b', status: 'waiting', receivedAt: '2025-05-03T08:00:00', dueAt: '2025-06-01' }),
      // A national code in two units: the unit of its agency, although the other received it later.
      buildDossier({ code: '000.00.21.H23-250602-0007', unitCode: 'xa-a', status: 'processing', receivedAt: '2025-06-02T08:00:00', dueAt: '2025-06-30' }),
      buildDossier({ code: '000.00.21.H23-250602-0007', unitCode: 'xa-b', status: 'processing', receivedAt: '2025-06-03T08:00:00', dueAt: '2025-06-30' }),
      // A national code whose agency no unit has: the one received last.
      buildDossier({ code: '000.00.99.H23-250602-0001', unitCode: 'xa-a', status: 'denied', receivedAt: '2025-06-04T08:00:00', dueAt: '2025-06-30' }),
      buildDossier({ code: '000.00.99.H23-250602-0001', unitCode: 'xa-b', status: 'withdrawn', receivedAt: '2025-06-02T08:00:00', dueAt: '2025-06-30', withdrawnAt: '2025-06-03T08:00:00' }),
      buildDossier({ code: 'HS-EARLY', unitCode: 'xa-a', status: 'refused', receivedAt: '2025-06-02T08:00:00', dueAt: '2025-06-09', resolvedAt: '2025-06-04T10:00:00' }),
    ]);
    expect(stored.body).toMatchObject({ created: 9, rejected: [] });
    await addSteps(sut, 'xa-a', '000.00.21.H23-250602-0001', [
      // Sent out of order: shown in the order of time.
      { statusCode: 4, at: new Date('2025-06-03T02:00:00Z'), startedAt: new Date('2025-06-03T02:00:00Z'), stepDueAt: new Date('2025-06-06T10:00:00Z'), department: 'Phòng Tư pháp' },
      { statusCode: 2, at: new Date('2025-06-02T01:00:00Z'), department: 'Bộ phận một cửa' },
      { statusCode: 5, at: new Date('2025-06-05T03:30:00Z') },
    ]);
    // The same code in the other unit: another dossier's steps, never shown with this one.
    await addSteps(sut, 'xa-b', '000.00.21.H23-250602-0001', [{ statusCode: 9, at: new Date('2025-06-04T01:00:00Z') }]);
  });
  afterAll(() => sut?.close());

  it('answers the JSON field by field: procedure, unit, status, channel, dates, overdue, and the steps in order of time', async () => {
    const response = await lookupJson(sut, '000.00.21.H23-250602-0001').expect(200);

    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.body).toEqual({
      code: '000.00.21.H23-250602-0001',
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
      field: 'Hộ tịch',
      unit: { code: 'xa-a', name: 'Xã A' },
      status: { code: 'processing', text: 'Đang xử lý' },
      channel: { code: 'online', text: 'Trực tuyến' },
      receivedAt: '2025-06-02T01:00:00.000Z',
      dueAt: '2025-06-09T16:59:59.999Z',
      extendedDueAt: '2025-06-13T16:59:59.999Z',
      resolvedAt: null,
      returnedAt: null,
      // Judged by dueAt, as the figures judge it: the promised new date does not make it on time.
      timeliness: { code: 'overdue', text: 'Quá hạn', late: true },
      steps: [
        { statusCode: 2, text: 'Được tiếp nhận', at: '2025-06-02T01:00:00.000Z', department: 'Bộ phận một cửa', stepDueAt: null },
        { statusCode: 4, text: 'Đang xử lý', at: '2025-06-03T02:00:00.000Z', department: 'Phòng Tư pháp', stepDueAt: '2025-06-06T10:00:00.000Z' },
        { statusCode: 5, text: 'Yêu cầu bổ sung giấy tờ', at: '2025-06-05T03:30:00.000Z', department: null, stepDueAt: null },
      ],
      judgedAt: '2025-06-10T03:07:03.000Z',
    });
  });

  it('says a resolved dossier whose result was handed over is "Đã trả kết quả", and late when settled after its deadline', async () => {
    const { body } = await lookupJson(sut, 'HS-2025-000123').expect(200);

    expect(body).toMatchObject({
      unit: { code: 'xa-b', name: 'Xã B' },
      procedure: { code: null, name: null },
      status: { code: 'resolved', text: 'Đã trả kết quả' },
      channel: { code: 'postal', text: 'Bưu chính công ích' },
      resolvedAt: '2025-06-05T08:00:00.000Z',
      returnedAt: '2025-06-06T01:15:00.000Z',
      timeliness: { code: 'late', text: 'Trễ hạn', late: true },
      steps: [],
    });
    expect((await lookupJson(sut, 'HS-EARLY').expect(200)).body).toMatchObject({ status: { code: 'refused', text: 'Từ chối' }, timeliness: { code: 'early', text: 'Trước hạn', late: false } });
  });

  it('speaks English with lang=en', async () => {
    const { body } = await lookupJson(sut, '000.00.21.H23-250602-0001', 'en').expect(200);

    expect(body.status.text).toBe('Being processed');
    expect(body.channel.text).toBe('Online');
    expect(body.timeliness.text).toBe('Overdue');
    expect(body.steps.map((step: { text: string }) => step.text)).toEqual(['Accepted', 'Being processed', 'More papers asked for']);
  });

  it.each`
    code                             | unit      | status         | why
    ${'HS-0001'}                     | ${'xa-b'} | ${'Chờ bổ sung'} | ${'a unit code in two units: the one received last'}
    ${'000.00.21.H23-250602-0007'}   | ${'xa-a'} | ${'Đang xử lý'}  | ${'a national code: the unit of its agency, although the other received it later'}
    ${'000.00.99.H23-250602-0001'}   | ${'xa-a'} | ${'Không được tiếp nhận'} | ${'no unit has its agency code: the one received last'}
    ${'000.00.21.H23-250602-0001'}   | ${'xa-a'} | ${'Đang xử lý'}  | ${'steps of the same code in another unit do not make a dossier'}
    ${'hs-2025-000123'}              | ${'xa-b'} | ${'Đã trả kết quả'} | ${'typed in small letters'}
    ${'  HS-2025-000123 '}           | ${'xa-b'} | ${'Đã trả kết quả'} | ${'with spaces around'}
  `('finds $code in $unit ($why)', async ({ code, unit, status }) => {
    const { body } = await lookupJson(sut, code).expect(200);

    expect([body.unit.code, body.status.text]).toEqual([unit, status]);
  });

  it('shows only the dossier of the unit a national code names: another unit storing that code cannot stand in for it', async () => {
    // xa-b stores a dossier under a code of xa-a's agency that xa-a has not sent (yet).
    await send(sut, [buildDossier({ code: '000.00.21.H23-250602-0099', unitCode: 'xa-b', status: 'resolved', receivedAt: '2025-06-02T08:00:00', dueAt: '2025-06-09', resolvedAt: '2025-06-03T08:00:00' })]);
    const missing = await lookupJson(sut, '000.00.21.H23-250602-0099').expect(404);
    expect(missing.text).toBe((await lookupJson(sut, '000.00.21.H23-250602-9999').expect(404)).text);
    await send(sut, [buildDossier({ code: '000.00.21.H23-250602-0099', unitCode: 'xa-a', status: 'processing', receivedAt: '2025-06-02T07:00:00', dueAt: '2025-06-30' })]);
    expect((await lookupJson(sut, '000.00.21.H23-250602-0099').expect(200)).body.unit.code).toBe('xa-a');
  });

  it('finds a code with a slash, encoded or not', async () => {
    await send(sut, [buildDossier({ code: 'SO 12/2025', unitCode: 'xa-b', status: 'processing', dueAt: '2025-06-30' })]).then((r) => expect(r.body.created).toBe(1));

    expect((await lookupJson(sut, 'SO 12/2025').expect(200)).body.unit.code).toBe('xa-b');
    expect((await sut.http.get('/api/v1/lookup/SO%2012/2025').expect(200)).body.code).toBe('SO 12/2025');
    expect((await sut.http.get('/tra-cuu?ma=SO+12%2F2025').expect(200)).text).toContain('Hồ sơ SO 12/2025');
  });

  it('gives no deadline judgement to a withdrawn or refused-at-the-desk dossier, and an open waiting one is within its deadline', async () => {
    expect((await lookupJson(sut, '000.00.99.H23-250602-0001').expect(200)).body.timeliness).toBeNull();
    // HS-0001 of xa-b waits for the applicant past its deadline: never overdue while it waits (docs/figures.md §3).
    expect((await lookupJson(sut, 'HS-0001').expect(200)).body.timeliness).toEqual({ code: 'onTrack', text: 'Trong hạn', late: false });
  });

  describe('a code that finds nothing', () => {
    const CODES = [
      ['unknown', 'HS-9999-000001'],
      ['of another province (not stored here)', '000.00.21.H99-250602-0001'],
      ['too long', 'H'.repeat(65)],
      ['with a control character', 'HS-\u0001-1'],
      ['not valid UTF-8', 'HS-\ufffd'],
      ['only spaces', '   '],
      ['with a slash', 'HS/2025'],
    ];

    it('answers the same 404 JSON, byte for byte, whatever the reason', async () => {
      const answers = [];
      for (const [, code] of CODES) answers.push(await lookupJson(sut, code));
      answers.push(await sut.http.get('/api/v1/lookup/'));
      answers.push(await sut.http.get('/api/v1/lookup/a/b/c'));

      const first = answers[0];
      expect([first.status, first.text]).toEqual([404, '{"statusCode":404,"error":"Not Found","message":"Không tìm thấy hồ sơ"}']);
      for (const answer of answers) {
        expect([answer.status, answer.text, answer.headers['content-type'], answer.headers['cache-control'], answer.headers.etag]).toEqual([
          404, first.text, first.headers['content-type'], 'public, max-age=60', first.headers.etag,
        ]);
      }
      expect((await lookupJson(sut, 'HS-9999', 'en').expect(404)).body.message).toBe('No dossier found');
    });

    it('shows the same page, byte for byte, with "Không tìm thấy hồ sơ" and the form', async () => {
      const pages = [];
      for (const [, code] of CODES) pages.push(await sut.http.get('/tra-cuu').query({ ma: code }));
      pages.push(await sut.http.get('/tra-cuu?ma='));
      pages.push(await sut.http.get('/tra-cuu?ma=HS-0001&ma=HS-0001'));

      for (const page of pages) expect([page.status, page.text]).toEqual([404, pages[0].text]);
      expect(pages[0].text).toContain('Không tìm thấy hồ sơ');
      expect(pages[0].text).toContain('<input id="ma" name="ma"');
      for (const [, code] of CODES.slice(0, 2)) expect(pages[0].text).not.toContain(code);
    });
  });

  it('never shows what a step said nor who took it', async () => {
    const json = await lookupJson(sut, '000.00.21.H23-250602-0001').expect(200);
    const page = await sut.http.get('/tra-cuu').query({ ma: '000.00.21.H23-250602-0001' }).expect(200);

    for (const text of [json.text, page.text]) {
      expect(text).not.toContain('Nguyễn');
      expect(text).not.toContain('Trần Thị');
      expect(text).not.toContain('đủ điều kiện');
    }
    const keys = (value: unknown): string[] =>
      value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([key, inner]) => [key, ...keys(inner)]) : [];
    expect(keys(json.body)).not.toEqual(expect.arrayContaining(['content']));
    expect(keys(json.body).filter((key) => /content|staff|person|owner|name/i.test(key))).toEqual(['name', 'name']); // procedure and unit
  });

  it('shows the page in Vietnamese, in Vietnam time, with the widget’s headers and a form that may post to this site only', async () => {
    const response = await sut.http.get('/tra-cuu').query({ ma: '000.00.21.H23-250602-0001' }).expect(200);

    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.headers['content-security-policy']).toContain("form-action 'self'");
    expect(response.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.text).toContain('<html lang="vi">');
    expect(response.text).toContain('data-field="status">Tình trạng: Đang xử lý</p>');
    expect(response.text).toContain('data-field="timeliness">Tiến độ: Quá hạn</p>');
    expect(response.text).toContain('Ngày hẹn trả kết quả: <strong>09/06/2025</strong>');
    expect(response.text).toContain('Ngày hẹn trả mới: <strong>13/06/2025</strong>');
    expect(response.text).toContain('<dd>02/06/2025 08:00:00</dd>');
    expect(response.text).toContain('Đăng ký khai sinh (1.001193)');
    expect(response.text).toContain('Yêu cầu bổ sung giấy tờ');
    expect(response.text).toContain('href="/tra-cuu?ma&#x3D;000.00.21.H23-250602-0001&amp;lang&#x3D;en"');
    expect(response.text).toContain('href="/api/v1/lookup/000.00.21.H23-250602-0001"');
  });

  it('shows the form alone without a code, and speaks English with lang=en', async () => {
    const form = await sut.http.get('/tra-cuu').expect(200);
    expect(form.text).toContain('<label for="ma">Mã hồ sơ</label>');
    expect(form.text).not.toContain('Không tìm thấy');

    const english = await sut.http.get('/tra-cuu').query({ ma: 'HS-2025-000123', lang: 'en' }).expect(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Status: Result handed over');
    expect(english.text).toContain('<input type="hidden" name="lang" value="en">');
    expect(english.text).toContain('href="/api/v1/lookup/HS-2025-000123?lang&#x3D;en"');
  });

  it('escapes what a unit sent', async () => {
    await send(sut, [buildDossier({ code: 'HS-<b>', unitCode: 'xa-a', field: '<script>alert(1)</script>', status: 'processing', dueAt: '2025-06-30' })]).then((r) => expect(r.body.created).toBe(1));
    const page = await sut.http.get('/tra-cuu').query({ ma: 'HS-<b>' }).expect(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).toContain('Hồ sơ HS-&lt;b&gt;');
  });

  it('is linked from the widget’s detail page', async () => {
    expect((await sut.http.get('/widget/xa-a/detail').expect(200)).text).toContain('<a href="/tra-cuu">Tra cứu hồ sơ</a>');
    expect((await sut.http.get('/widget/xa-a/detail?lang=en').expect(200)).text).toContain('<a href="/tra-cuu?lang&#x3D;en">Look up a dossier</a>');
  });
});

describe('the rate limit of the lookup', () => {
  it('answers 429 past the limit per address, on the service clock', async () => {
    const sut = await startTestApp('sqlite', 'lookup-limit', { env: { PUBLIC_RATE_LIMIT: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await sut.http.get('/tra-cuu').query({ ma: `HS-${i}` })).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      for (let i = 0; i < 3; i++) expect((await sut.http.get(`/api/v1/lookup/HS-${i}`)).status).toBe(404);
      const refused = await sut.http.get('/api/v1/lookup/HS-3');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      sut.clock.advance(60_000);
      expect((await sut.http.get('/api/v1/lookup/HS-3')).status).toBe(404);
    } finally {
      await sut.close();
    }
  });
});
