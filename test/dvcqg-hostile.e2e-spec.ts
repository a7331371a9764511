import { DataSource } from 'typeorm';
import { AGENCY, envelope, vn } from './factories/dvcqg.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';

/**
 * The DVCQG routes and the lookup under input shaped to hurt: every failure in the shape DVCQG
 * senders read (`{error_code, message}`), a bad progress row refused by name while its siblings
 * are stored, a dossier's steps kept under the code the dossier is stored with, answers of a
 * bounded size, and one "not found" for every code that finds nothing.
 */
describeEachDatabase('the DVCQG interchange and the lookup under hostile input', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'dvcqg-hostile', { now: '2025-06-10T10:00:00Z' });
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-a', name: 'Xã A', level: 'commune', agencyCode: AGENCY }).expect(201);
  }, 120_000);
  afterAll(() => sut?.close());

  const post = (body: unknown) => sut.http.post('/api/v1/dvcqg').send({ session: ADMIN_KEY, ...(body as object) });
  const dossier = (code: string, extra: Record<string, unknown> = {}) => ({
    MaHoSo: code, TrangThaiHoSo: 4, NgayTiepNhan: vn(10, '08:00:00'), NgayHenTra: vn(12, '17:00:00'), ...extra,
  });
  const step = (code: string, extra: Record<string, unknown> = {}) => ({ MaHoSo: code, TrangThai: 4, ThoiDiemXuLy: vn(10, '09:00:00'), PhongBanXuLy: 'Một cửa', ...extra });
  const expectDvcqgShape = (body: unknown, errorCode: number) => {
    expect(body).toEqual({ error_code: errorCode, message: expect.any(String) });
  };

  it('answers an isUpdating it cannot read as a bad envelope, not as a fault', async () => {
    const response = await post({ ...envelope('DongBoHoSoMC', [dossier(`${AGENCY}-250610-0001`)]), isUpdating: { toString: 1 } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error_code: 2, message: 'isUpdating: must be "True" or "False"' });
  });

  it('answers a body it cannot read in the DVCQG shape: not JSON, too deep, too large', async () => {
    for (const path of ['/api/v1/dvcqg', '/api/v1/dvcqg/login']) {
      const broken = await sut.http.post(path).set('Content-Type', 'application/json').send('{"session": "x", "data": [{"ChuHoSo": "Nguyễn');
      expect(broken.status).toBe(400);
      expectDvcqgShape(broken.body, 2);
      expect(broken.body.message).not.toContain('Nguyễn');
      const deep = await sut.http.post(path).send({ session: ADMIN_KEY, service: 'DongBoHoSoMC', data: JSON.parse('['.repeat(40) + ']'.repeat(40)) });
      expect(deep.status).toBe(400);
      expectDvcqgShape(deep.body, 2);
      const large = await sut.http.post(path).send({ session: ADMIN_KEY, service: 'DongBoHoSoMC', data: [{ MaHoSo: 'x'.repeat(11_000_000) }] });
      expect(large.status).toBe(413);
      expectDvcqgShape(large.body, 2);
    }
    // Other routes keep their own answers.
    const elsewhere = await sut.http.post('/api/v1/dossiers').set(bearer(ADMIN_KEY)).set('Content-Type', 'application/json').send('{"dossiers": [');
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ statusCode: 400 });
  });

  it('names a record without MaHoSo', async () => {
    const response = await post(envelope('DongBoHoSoMC', [dossier(`${AGENCY}-250610-0002`, { MaHoSo: undefined })])).expect(200);
    expect(response.body.result.rejected).toEqual([{ index: 0, code: null, errors: ['MaHoSo: is required'] }]);
  });

  it('refuses a progress row whose MaHoSo no dossier could have, and stores its siblings', async () => {
    const code = `${AGENCY}-250610-0003`;
    const response = await post(envelope('CapNhatTienDoHoSoMC', [step(code), step('Z'.repeat(65)), step('A\ud800B'), step('A\u0000B'), step('A\ufffdB')])).expect(200);
    expect(response.body).toMatchObject({ error_code: 1, result: { received: 5, created: 1 } });
    expect(response.body.result.rejected.map((refused: { index: number; errors: string[] }) => [refused.index, refused.errors])).toEqual([
      [1, ['MaHoSo: must be 1–64 characters']],
      [2, ['MaHoSo: is not valid UTF-8 text (a lone surrogate U+D800 at character 2)']],
      [3, ['MaHoSo: must not contain control characters']],
      [4, ['MaHoSo: is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 2)']],
    ]);
    const [{ n }] = await sut.app.get(DataSource).query('SELECT COUNT(*) AS n FROM dossier_events');
    expect(Number(n)).toBe(1);
  });

  it('keeps a step under the code its dossier is stored with: Unicode NFC, spaces collapsed', async () => {
    const stored = 'HS Hồ sơ 0004';
    const sentAs = ' HS  Hồ\tsơ 0004 '.normalize('NFD');
    const first = await post(envelope('DongBoHoSoMC', [dossier(sentAs, { DanhSachHoSoBoSung: [{ NgayBoSung: vn(10, '09:30:00'), NgayTiepNhanBoSung: vn(10, '15:00:00') }] })])).expect(200);
    expect(first.body).toMatchObject({ error_code: 0, result: { created: 1, steps: { created: 2 } } });
    const progress = await post(envelope('CapNhatTienDoHoSoMC', [step(sentAs)])).expect(200);
    expect(progress.body).toMatchObject({ error_code: 0, result: { created: 1, waitingForDossier: 0 } });
    const view = await sut.http.get(`/api/v1/dossiers/xa-a/${encodeURIComponent(stored)}`).set(bearer(ADMIN_KEY)).expect(200);
    expect(view.body.events.map((event: { statusCode: number }) => event.statusCode)).toEqual([4, 5, 4]);
    expect(view.body.supplements).toHaveLength(1);
  });

  it('answers a record with a list of 20,000 bad entries with a bounded list of errors', async () => {
    const rounds = Array.from({ length: 20_000 }, () => ({ NgayBoSung: 'x' }));
    const fees = Array.from({ length: 20_000 }, () => ({ Gia: 'x' }));
    const response = await post(envelope('DongBoHoSoMC', [dossier(`${AGENCY}-250610-0005`, { DanhSachHoSoBoSung: rounds, DanhSachLePhi: fees })])).expect(200);
    expect(response.body.error_code).toBe(1);
    const [refused] = response.body.result.rejected;
    expect(refused.errors.length).toBeLessThanOrEqual(21);
    expect(refused.errors[0]).toBe('DanhSachLePhi[0].Gia: "x" is not a number of VND');
    expect(refused.errors.at(-1)).toMatch(/more/);
    expect(response.text.length).toBeLessThan(20_000);
  });

  it('answers a lookup code that is not UTF-8 in the path as every code that finds nothing', async () => {
    const unknown = await sut.http.get('/api/v1/lookup/NOT-HERE-0001');
    expect(unknown.status).toBe(404);
    for (const path of ['/api/v1/lookup/%ED%A0%80', '/api/v1/lookup/%C3%28', '/api/v1/lookup/A%E0%A4%A', '/api/v1/lookup/a/%FF']) {
      const response = await sut.http.get(path);
      expect(response.status).toBe(404);
      expect(response.text).toBe(unknown.text);
      const { date: _date, ...headers } = response.headers;
      const { date: _unknownDate, ...unknownHeaders } = unknown.headers;
      expect([path, headers]).toEqual([path, unknownHeaders]);
    }
  });

  it('logs a failed query without its values: a step\'s text may name the applicant', async () => {
    const written: string[] = [];
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' ')))),
      ...[process.stdout, process.stderr].map((stream) => jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => (written.push(String(chunk)), true))),
    ];
    try {
      await expect(sut.app.get(DataSource).query('INSERT INTO no_such_table (content) VALUES (?)', ['Trả kết quả cho bà Nguyễn Thị Mười Hai'])).rejects.toThrow();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(written.join('\n')).toContain('no_such_table');
    expect(written.join('\n')).not.toContain('Mười Hai');
  });

  it('refuses a step dated more than a day ahead, which the public page would show as the last step for good', async () => {
    const code = `${AGENCY}-250610-0006`;
    const response = await post(envelope('CapNhatTienDoHoSoMC', [
      step(code, { ThoiDiemXuLy: '21991231080000' }),
      step(code, { ThoiDiemXuLy: vn(10, '11:00:00'), NgayBatDau: '20300101080000' }),
      step(code, { ThoiDiemXuLy: vn(11, '08:00:00'), NgayKetThucTheoQuyDinh: '20300101080000' }),
    ])).expect(200);
    expect(response.body.result).toMatchObject({ created: 1 });
    expect(response.body.result.rejected.map((refused: { errors: string[] }) => refused.errors)).toEqual([
      ['ThoiDiemXuLy: is more than one day in the future'],
      ['NgayBatDau: is more than one day in the future'],
    ]);
    const round = await post(envelope('DongBoHoSoMC', [dossier(code, { DanhSachHoSoBoSung: [{ NgayBoSung: '21991231080000' }] })])).expect(200);
    expect(round.body.result.rejected).toEqual([{ index: 0, code, errors: ['DanhSachHoSoBoSung[0].NgayBoSung: is more than one day in the future'] }]);
  });

  it('reads a step\'s deadline given as a date as the end of that day, as the record\'s NgayHenTra', async () => {
    const code = `${AGENCY}-250610-0007`;
    await post(envelope('DongBoHoSoMC', [dossier(code, {
      NgayHenTra: '20250612', DanhSachHoSoBoSung: [{ NgayBoSung: vn(10, '09:00:00'), NgayTiepNhanBoSung: vn(10, '10:00:00'), NgayHenTraTruoc: '20250612', NgayHenTraMoi: '20250613' }],
    })])).expect(200);
    await post(envelope('CapNhatTienDoHoSoMC', [step(code, { ThoiDiemXuLy: vn(10, '08:00:00'), NgayKetThucTheoQuyDinh: '20250611' })])).expect(200);
    const view = await sut.http.get(`/api/v1/dossiers/xa-a/${code}`).set(bearer(ADMIN_KEY)).expect(200);
    expect(view.body.dueAt).toBe('2025-06-12T16:59:59.999Z');
    expect(view.body.events.map((event: { statusCode: number; stepDueAt: string }) => [event.statusCode, event.stepDueAt])).toEqual([
      [4, '2025-06-11T16:59:59.999Z'], [5, '2025-06-12T16:59:59.999Z'], [4, '2025-06-13T16:59:59.999Z'],
    ]);
  });

  // A record that lists its supplement rounds says all of them: a corrected round or an emptied
  // list takes back the steps an earlier version listed (progress rows stay).
  it('replaces the supplement rounds a record listed when a later version of it lists others', async () => {
    const code = `${AGENCY}-250610-0008`;
    const round = (back: string) => ({ NgayBoSung: vn(10, '09:00:00'), NgayTiepNhanBoSung: vn(10, back) });
    await post(envelope('DongBoHoSoMC', [dossier(code, { DanhSachHoSoBoSung: [round('10:00:00')] })])).expect(200);
    await post(envelope('DongBoHoSoMC', [dossier(code, { DanhSachHoSoBoSung: [round('15:00:00')] })])).expect(200);
    const view = await sut.http.get(`/api/v1/dossiers/xa-a/${code}`).set(bearer(ADMIN_KEY)).expect(200);
    expect(view.body.events.map((event: { statusCode: number; at: string }) => [event.statusCode, event.at])).toEqual([
      [5, '2025-06-10T02:00:00.000Z'], [4, '2025-06-10T08:00:00.000Z'],
    ]);
    expect(view.body.supplements).toEqual([{ requestedAt: '2025-06-10T02:00:00.000Z', completedAt: '2025-06-10T08:00:00.000Z', heldHours: 6 }]);
    await post(envelope('DongBoHoSoMC', [dossier(code, { DanhSachHoSoBoSung: [] })])).expect(200);
    const none = await sut.http.get(`/api/v1/dossiers/xa-a/${code}`).set(bearer(ADMIN_KEY)).expect(200);
    expect(none.body.supplements).toEqual([]);
  });

  it('keeps the rounds of the last version of a dossier sent twice in one envelope', async () => {
    const code = `${AGENCY}-250610-0009`;
    const round = (asked: string, back: string) => ({ NgayBoSung: vn(10, asked), NgayTiepNhanBoSung: vn(10, back) });
    await post(envelope('DongBoHoSoMC', [dossier(code, { DanhSachHoSoBoSung: [round('08:30:00', '09:00:00')] }), dossier(code, { DanhSachHoSoBoSung: [round('09:30:00', '10:00:00')] })])).expect(200);
    const view = await sut.http.get(`/api/v1/dossiers/xa-a/${code}`).set(bearer(ADMIN_KEY)).expect(200);
    expect(view.body.supplements).toEqual([{ requestedAt: '2025-06-10T02:30:00.000Z', completedAt: '2025-06-10T03:00:00.000Z', heldHours: 0.5 }]);
    await post(envelope('DongBoHoSoMC', [dossier(code, { DanhSachHoSoBoSung: [round('08:30:00', '09:00:00')] }), dossier(code, { DanhSachHoSoBoSung: [] })])).expect(200);
    expect((await sut.http.get(`/api/v1/dossiers/xa-a/${code}`).set(bearer(ADMIN_KEY)).expect(200)).body.supplements).toEqual([]);
  });

  it('does not let a time the record ignores make it newer: a status 4 with a planned end, then the result', async () => {
    const code = `${AGENCY}-250610-0010`;
    await post(envelope('DongBoHoSoMC', [dossier(code, { NgayKetThucXuLy: '20991231000000' })])).expect(200);
    const result = await post(envelope('DongBoHoSoMC', [dossier(code, { TrangThaiHoSo: 9, NgayKetThucXuLy: vn(10, '09:30:00') })])).expect(200);
    expect(result.body.result).toMatchObject({ updated: 1, stale: 0 });
  });

  it('takes a hand-back given as the day of the result, and refuses a negative fee line', async () => {
    const same = await post(envelope('DongBoHoSoMC', [dossier(`${AGENCY}-250610-0011`, { TrangThaiHoSo: 10, NgayKetThucXuLy: vn(10, '09:30:00'), NgayTra: '20250610' })])).expect(200);
    expect(same.body).toMatchObject({ error_code: 0, result: { created: 1 } });
    const negative = await post(envelope('DongBoHoSoMC', [dossier(`${AGENCY}-250610-0012`, { DanhSachLePhi: [{ Gia: 50000 }, { Gia: -50000 }] })])).expect(200);
    expect(negative.body.result.rejected).toEqual([{ index: 0, code: `${AGENCY}-250610-0012`, errors: ['DanhSachLePhi[1].Gia: must not be negative'] }]);
  });
});
