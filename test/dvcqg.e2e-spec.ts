import { DataSource } from 'typeorm';
import { Unit } from '../src/units/unit.entity';
import { AGENCY, dayOfTraffic, envelope, finalRecords, vn } from './factories/dvcqg.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { send, stats } from './support/tree';

const UNITS = [
  { code: 'tinh', name: 'Tỉnh Thử', level: 'province' },
  { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'tinh', agencyCode: AGENCY },
  { code: 'xa-b', name: 'Xã B', level: 'commune', parentCode: 'tinh' },
];

/** Everything stored of a unit's dossiers that a figure or the scorecard reads, by code. */
async function storedRows(sut: TestApp, unitCode: string) {
  const rows: Record<string, unknown>[] = await sut.app.get(DataSource).query(
    `SELECT d.code, d.procedureCode, d.procedureName, d.field, d.channel, d.status, d.receivedAt, d.dueAt, d.resolvedAt, d.withdrawnAt, d.returnedAt,
            d.timeliness, d.receivedOn, d.settledOn, d.withdrawnOn, d.electronicResult, d.digitized, d.resultDigitized, d.reusedData, d.citizenRepository,
            d.vneidVerified, d.feeAmount, d.paidOnline, d.complaint
       FROM dossiers d JOIN units u ON u.id = d.unitId WHERE u.code = ? ORDER BY d.code`,
    [unitCode],
  );
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? Number(value) : value === null ? null : /^(electronicResult|digitized|resultDigitized|reusedData|citizenRepository|vneidVerified|complaint)$/.test(key) ? Boolean(Number(value)) : key === 'feeAmount' ? Number(value) : String(value)])));
}

const post = (sut: TestApp, body: unknown) => sut.http.post('/api/v1/dvcqg').send({ session: ADMIN_KEY, ...(body as object) });

describeEachDatabase('the DVCQG interchange: a commune\'s day', (kind) => {
  let sut: TestApp;
  const answers: { error_code: number; message: string; result: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    sut = await startTestApp(kind, 'dvcqg-day', { now: '2025-06-10T10:00:00Z' });
    for (const unit of UNITS) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    for (const body of dayOfTraffic()) {
      const response = await post(sut, body);
      expect(response.status).toBe(200);
      answers.push(response.body);
    }
    const ours = await send(sut, finalRecords('xa-b'));
    expect(ours.body.rejected).toEqual([]);
  }, 120_000);
  afterAll(() => sut?.close());

  it('answers every envelope as its sender expects: error_code 0, "Thành công"', () => {
    for (const answer of answers) expect(answer).toMatchObject({ error_code: 0, message: 'Thành công' });
    const dossiers = answers.filter((answer) => 'skipped' in answer.result);
    expect(dossiers.reduce((sum, answer) => sum + Number(answer.result.skipped), 0)).toBe(1);
    expect(dossiers.reduce((sum, answer) => sum + Number(answer.result.created), 0)).toBe(7);
  });

  it('stores the same dossiers as the same records sent through POST /api/v1/dossiers', async () => {
    const dvcqg = await storedRows(sut, 'xa-a');
    const ours = await storedRows(sut, 'xa-b');
    expect(dvcqg).toHaveLength(7);
    expect(dvcqg).toEqual(ours);
  });

  it('gives the same figures', async () => {
    for (const query of <Record<string, string>[]>[{ from: '2025-06-10', to: '2025-06-10' }, { from: '2025-06-01', to: '2025-06-10' }, {}, { groupBy: 'field' }, { groupBy: 'channel' }]) {
      const [a, b] = [await stats(sut, 'xa-a', query), await stats(sut, 'xa-b', query)];
      expect({ ...a, unit: null }).toEqual({ ...b, unit: null });
    }
    // Worked by hand: 1 early and handed back, 4 stopped (refused, early), 7 late; 2 and 6 open;
    // 3 withdrawn, 5 not received at intake (denied: not among the received); 6 never counted
    // for its registration (status 1).
    expect(await stats(sut, 'xa-a', { from: '2025-06-10', to: '2025-06-10' })).toMatchObject({
      settled: { total: 3, early: 2, onTime: 0, late: 1 },
      received: { total: 5, direct: 2, online: 2, postal: 1 },
      withdrawn: 1,
      denied: 1,
      open: { total: 2, onTrack: 2, overdue: 0, waiting: 0 },
    });
  });

  it('keeps each dossier\'s steps in order, with its supplement round and the time the applicant held it', async () => {
    const response = await sut.http.get(`/api/v1/dossiers/xa-a/${AGENCY}-250610-0002`).set(bearer(ADMIN_KEY)).expect(200);
    expect(response.body.events.map((event: { statusCode: number; origin: string }) => [event.statusCode, event.origin])).toEqual([
      [2, 'progress'], [5, 'progress'], [4, 'progress'],
    ]);
    expect(response.body.supplements).toEqual([{ requestedAt: '2025-06-10T02:30:00.000Z', completedAt: '2025-06-10T08:00:00.000Z', heldHours: 5.5 }]);
    expect(response.body.facts).toMatchObject({ digitized: true, reusedData: false, citizenRepository: true, vneidVerified: true });
    const first = await sut.http.get(`/api/v1/dossiers/xa-a/${AGENCY}-250610-0001`).set(bearer(ADMIN_KEY)).expect(200);
    expect(first.body).toMatchObject({ status: 'resolved', returnedAt: '2025-06-10T07:00:00.000Z', facts: { feeAmount: 8000, paidOnline: 'dvcqg', electronicResult: true } });
    expect(first.body.events.map((event: { statusCode: number }) => event.statusCode)).toEqual([2, 4, 9, 10]);
    expect(JSON.stringify(first.body)).not.toContain('Trần Văn Cán Bộ');
  });

  it('answers TraCuuHoSo with the citizen lookup: no personal data, one "not found" for every unknown code', async () => {
    const response = await post(sut, { service: 'TraCuuHoSo', data: [{ MaHoSo: `${AGENCY}-250610-0001` }, { MaHoSo: `${AGENCY}-250610-9999` }, { MaHoSo: 'H99.1-250610-0001' }] }).expect(200);
    expect(response.body.error_code).toBe(0);
    const [found, unknown, elsewhere] = response.body.result;
    expect(found).toMatchObject({ found: true, code: `${AGENCY}-250610-0001`, unit: { code: 'xa-a' }, procedure: { code: '1.001193' } });
    expect(unknown).toEqual({ found: false, message: 'Không tìm thấy hồ sơ' });
    expect(elsewhere).toEqual(unknown);
    expect(JSON.stringify(response.body)).not.toMatch(/Nguyễn Thị Mười Hai|0912345678|Trần Văn Cán Bộ/);
  });

  it('takes a state sent late (a replay, a retry queue) as stale: an older latest moment never overwrites a newer one', async () => {
    const late = (dayOfTraffic() as { data: { MaHoSo: string; TrangThaiHoSo: number }[] }[]).find((body) => body.data[0]?.MaHoSo?.endsWith('-250610-0001') && body.data[0].TrangThaiHoSo === 4)!;
    const response = await post(sut, late).expect(200);
    expect(response.body.result).toMatchObject({ created: 0, updated: 0, stale: 1 });
    const view = await sut.http.get(`/api/v1/dossiers/xa-a/${AGENCY}-250610-0001`).set(bearer(ADMIN_KEY)).expect(200);
    expect(view.body).toMatchObject({ status: 'resolved', returnedAt: '2025-06-10T07:00:00.000Z', sourceUpdatedAt: '2025-06-10T07:00:00.000Z' });
  });

  it('changes nothing when everything is sent again', async () => {
    const before = { rows: await storedRows(sut, 'xa-a'), stats: await stats(sut, 'xa-a', { from: '2025-06-01', to: '2025-06-10' }) };
    const events = await sut.app.get(DataSource).query('SELECT COUNT(*) AS n FROM dossier_events');
    for (const body of dayOfTraffic()) {
      const response = await post(sut, body);
      expect(response.body).toMatchObject({ error_code: 0 });
      expect(response.body.result).toMatchObject({ created: 0 });
    }
    expect(await storedRows(sut, 'xa-a')).toEqual(before.rows);
    expect(await stats(sut, 'xa-a', { from: '2025-06-01', to: '2025-06-10' })).toEqual(before.stats);
    expect(await sut.app.get(DataSource).query('SELECT COUNT(*) AS n FROM dossier_events')).toEqual(events);
  });
});

describeEachDatabase('the DVCQG interchange: envelopes, sessions and bad input', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'dvcqg-bad', { now: '2025-06-10T10:00:00Z' });
    for (const unit of UNITS) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
  }, 120_000);
  afterAll(() => sut?.close());

  const dossier = (n: number, extra: Record<string, unknown> = {}) => ({
    MaHoSo: `${AGENCY}-250610-${String(n).padStart(4, '0')}`, TrangThaiHoSo: 2, NgayTiepNhan: vn(10, '08:00:00'), NgayHenTra: vn(12, '17:00:00'), ...extra,
  });

  it('logs in with the key\'s name and the key, and takes the session it gives', async () => {
    const key = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'hệ thống một cửa tỉnh', unitCode: 'tinh' })).body.key;
    const login = await sut.http.post('/api/v1/dvcqg/login').send({ username: 'hệ thống một cửa tỉnh', password: key }).expect(200);
    expect(login.body).toEqual({ session: key, error_code: 0, message: 'Thành công' });
    const sent = await sut.http.post('/api/v1/dvcqg').send(envelope('DongBoHoSoMC', [dossier(90)], { session: login.body.session })).expect(200);
    expect(sent.body).toMatchObject({ error_code: 0, result: { created: 1 } });
    const wrong = await sut.http.post('/api/v1/dvcqg/login').send({ username: 'another name', password: key }).expect(401);
    expect(wrong.body).toEqual({ error_code: 3, message: expect.stringContaining('username or password') });
  });

  it.each`
    body                                                                      | status | message
    ${envelope('DongBoHoSoMC', [], { session: undefined })}                   | ${401} | ${'session is required'}
    ${{ ...envelope('DongBoHoSoMC', []), session: 'not-a-key' }}              | ${401} | ${'the session is not valid'}
    ${{ session: ADMIN_KEY, service: 'XoaHoSo', data: [] }}                   | ${400} | ${'service: "XoaHoSo" is not a service of this endpoint'}
    ${{ session: ADMIN_KEY, data: [] }}                                       | ${400} | ${'service: is required'}
    ${{ session: ADMIN_KEY, service: 'DongBoHoSoMC' }}                        | ${400} | ${'data: is required'}
    ${{ session: ADMIN_KEY, service: 'DongBoHoSoMC', data: 'x' }}             | ${400} | ${'data: is required'}
    ${{ session: ADMIN_KEY, service: 'DongBoHoSoMC', data: [], isUpdating: 'Maybe' }} | ${400} | ${'isUpdating: must be "True" or "False"'}
  `('refuses an envelope without what it needs ($status: $message)', async ({ body, status, message }) => {
    const response = await sut.http.post('/api/v1/dvcqg').send(body);
    expect(response.status).toBe(status);
    expect(response.body.error_code).not.toBe(0);
    expect(response.body.message).toContain(message);
  });

  it('names each bad record by MaHoSo and field, and stores every valid sibling', async () => {
    const data = [
      dossier(1),
      dossier(2, { NgayTiepNhan: '10/06/2025 08:00' }),
      dossier(3, { TrangThaiHoSo: 11 }),
      dossier(4, { KenhThucHien: 4 }),
      dossier(5, { DanhSachLePhi: [{ Gia: 'abc' }] }),
      dossier(6, { MaHoSo: 'H99.99-250610-0006' }),
      dossier(7, { NgayTiepNhan: '20251310080000' }),
      dossier(8, { TrangThaiHoSo: 9 }),
      dossier(9, { DuocThanhToanTrucTuyen: 'yes' }),
      dossier(10),
    ];
    const response = await sut.http.post('/api/v1/dvcqg').send({ ...envelope('DongBoHoSoMC', data, { madonvi: undefined }), session: ADMIN_KEY }).expect(200);
    expect(response.body.error_code).toBe(1);
    expect(response.body.result).toMatchObject({ received: 10, created: 2 });
    const code = (n: number) => `${AGENCY}-250610-${String(n).padStart(4, '0')}`;
    expect(response.body.result.rejected).toEqual([
      { index: 1, code: code(2), errors: ['NgayTiepNhan: "10/06/2025 08:00" is not a time yyyyMMddHHmmss (e.g. 20250602081500) or ISO 8601'] },
      { index: 2, code: code(3), errors: ['TrangThaiHoSo: 11 is not a status code, one of 1–10'] },
      { index: 3, code: code(4), errors: ['KenhThucHien: 4 is not one of 1, 2, 3'] },
      { index: 4, code: code(5), errors: ['DanhSachLePhi[0].Gia: "abc" is not a number of VND'] },
      { index: 5, code: 'H99.99-250610-0006', errors: ['madonvi: no unit has the agency code "H99.99"; set it on the unit (the console\'s unit page, or PATCH /api/v1/units/{code})'] },
      { index: 6, code: code(7), errors: ['NgayTiepNhan (receivedAt): "2025-13-10T08:00:00" is not a real calendar date'] },
      { index: 7, code: code(8), errors: ['NgayKetThucXuLy (resolvedAt): is required when status is resolved'] },
      { index: 8, code: code(9), errors: ['DuocThanhToanTrucTuyen: "yes" is not one of 0, 1, 2'] },
    ]);
    expect(response.body.message).toContain(`${code(2)}: NgayTiepNhan`);
    const stored = await sut.app.get(DataSource).query("SELECT code FROM dossiers WHERE code LIKE '%-250610-000%' OR code LIKE '%-250610-0010' ORDER BY code");
    expect(stored.map((row: { code: string }) => row.code)).toEqual([code(1), code(10)]);
  });

  it('warns, and stores, when the code\'s date and NgayTiepNhan disagree by more than a day', async () => {
    const response = await post(sut, envelope('DongBoHoSoMC', [dossier(20, { MaHoSo: `${AGENCY}-250601-0020` })])).expect(200);
    expect(response.body).toMatchObject({ error_code: 0, result: { created: 1, warnings: [{ index: 0, code: `${AGENCY}-250601-0020`, warnings: ['MaHoSo: the code says the dossier was received on 2025-06-01, NgayTiepNhan says 2025-06-10'] }] } });
  });

  it('keeps a progress row for a dossier not here yet, which is the dossier\'s once it arrives', async () => {
    const code = `${AGENCY}-250610-0030`;
    const row = { MaHoSo: code, TrangThai: 2, ThoiDiemXuLy: vn(10, '08:00:00'), NoiDungXuLy: 'Tiếp nhận', NguoiXuLy: 'Lê Thị Cán Bộ' };
    const early = await post(sut, envelope('CapNhatTienDoHoSoMC', [row, { ...row, TrangThai: 12 }, { ...row, ThoiDiemXuLy: 'sáng nay' }])).expect(200);
    expect(early.body).toMatchObject({ error_code: 1, result: { created: 1, waitingForDossier: 1 } });
    expect(early.body.result.rejected).toEqual([
      { index: 1, code, errors: ['TrangThai: 12 is not a status code, one of 1–10'] },
      { index: 2, code, errors: ['ThoiDiemXuLy: "sáng nay" is not a time yyyyMMddHHmmss (e.g. 20250602081500) or ISO 8601'] },
    ]);
    await post(sut, envelope('DongBoHoSoMC', [dossier(30)], { isUpdating: 'True' })).expect(200);
    const view = await sut.http.get(`/api/v1/dossiers/xa-a/${code}`).set(bearer(ADMIN_KEY)).expect(200);
    expect(view.body.events).toEqual([expect.objectContaining({ statusCode: 2, content: 'Tiếp nhận', origin: 'progress' })]);
    const again = await post(sut, envelope('CapNhatTienDoHoSoMC', [row])).expect(200);
    expect(again.body.result).toMatchObject({ created: 0, unchanged: 1, waitingForDossier: 0 });
  });

  it('takes overlapping steps from four senders at once: every one stored once, none answered with an error', async () => {
    const rows = (offset: number) => Array.from({ length: 60 }, (_, i) => ({
      MaHoSo: `${AGENCY}-250610-${String(500 + ((i + offset) % 60)).padStart(4, '0')}`, TrangThai: 4, ThoiDiemXuLy: vn(10, '09:00:00'), PhongBanXuLy: 'Phòng Tư pháp',
    }));
    const answers = await Promise.all([0, 15, 30, 45].map((offset) => post(sut, envelope('CapNhatTienDoHoSoMC', rows(offset)))));
    for (const answer of answers) expect(answer.body).toMatchObject({ error_code: 0, result: { received: 60 } });
    const [{ n }] = await sut.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM dossier_events WHERE dossierCode LIKE '%-250610-05%'`);
    expect(Number(n)).toBe(60);
  });

  it('counts a step sent twice in one batch as one step, and bounds a lookup envelope to 100 codes', async () => {
    const row = { MaHoSo: `${AGENCY}-250610-0700`, TrangThai: 2, ThoiDiemXuLy: vn(10, '08:00:00') };
    const twice = await post(sut, envelope('CapNhatTienDoHoSoMC', [row, row, { ...row, PhongBanXuLy: 'Một cửa' }])).expect(200);
    expect(twice.body.result).toMatchObject({ received: 3, created: 1, updated: 0, unchanged: 2 });
    const many = await post(sut, { service: 'TraCuuHoSo', data: Array.from({ length: 101 }, (_, i) => ({ MaHoSo: `HS-${i}` })) }).expect(400);
    expect(many.body).toEqual({ error_code: 2, message: 'data: at most 100 codes to look up per request (got 101)' });
  });

  it('takes batches of thousands in one envelope', async () => {
    const data = Array.from({ length: 2000 }, (_, i) => dossier(1000 + i, { MaHoSo: `${AGENCY}-250609-${String(i + 1).padStart(4, '0')}`, NgayTiepNhan: vn(9, '08:00:00') }));
    const response = await post(sut, envelope('DongBoHoSoMC', data)).expect(200);
    expect(response.body).toMatchObject({ error_code: 0, result: { received: 2000, created: 2000 } });
  });

  it('refuses a key of another unit per record, naming the unit', async () => {
    const key = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'xã B', unitCode: 'xa-b' })).body.key;
    const response = await sut.http.post('/api/v1/dvcqg').send({ ...envelope('DongBoHoSoMC', [dossier(40)]), session: key }).expect(200);
    expect(response.body.result.rejected).toEqual([{ index: 0, code: `${AGENCY}-250610-0040`, errors: ['madonvi (unitCode): this key may not write unit "xa-a"'] }]);
  });
});

describeEachDatabase('the DVCQG interchange: an agency code that passed to a successor', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'dvcqg-heir', { now: '2025-07-10T03:00:00Z' });
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'tinh', name: 'Tỉnh Thử', level: 'province' }).expect(201);
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-cu', name: 'Xã Cũ', level: 'commune', parentCode: 'tinh', agencyCode: AGENCY }).expect(201);
    const units = sut.app.get(DataSource).getRepository(Unit);
    await units.update({ code: 'xa-cu' }, { validTo: '2025-06-30' });
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-moi', name: 'Xã Mới', level: 'commune', parentCode: 'tinh', agencyCode: AGENCY, validFrom: '2025-07-01' }).expect(201);
  }, 120_000);
  afterAll(() => sut?.close());

  it('puts a dossier by its receipt day, and its later steps with it, not with the unit of the step\'s day', async () => {
    const old = { MaHoSo: `${AGENCY}-250620-0001`, TrangThaiHoSo: 4, NgayTiepNhan: vn(20, '08:00:00'), NgayHenTra: '20250715170000' };
    const fresh = { MaHoSo: `${AGENCY}-250705-0001`, TrangThaiHoSo: 2, NgayTiepNhan: '20250705080000', NgayHenTra: '20250715170000' };
    expect((await post(sut, envelope('DongBoHoSoMC', [old, fresh])).expect(200)).body).toMatchObject({ error_code: 0, result: { created: 2 } });
    const step = (code: string) => ({ MaHoSo: code, TrangThai: 4, ThoiDiemXuLy: '20250708090000', PhongBanXuLy: 'Tư pháp' });
    const steps = await post(sut, envelope('CapNhatTienDoHoSoMC', [step(old.MaHoSo), step(fresh.MaHoSo), step(`${AGENCY}-250706-0001`)])).expect(200);
    expect(steps.body.result).toMatchObject({ created: 3, waitingForDossier: 1 });
    const rows = await sut.app.get(DataSource).query('SELECT u.code AS unit, e.dossierCode FROM dossier_events e JOIN units u ON u.id = e.unitId ORDER BY e.dossierCode');
    expect(rows.map((row: { unit: string; dossierCode: string }) => [row.dossierCode, row.unit])).toEqual([
      [old.MaHoSo, 'xa-cu'], [fresh.MaHoSo, 'xa-moi'], [`${AGENCY}-250706-0001`, 'xa-moi'],
    ]);
    expect((await sut.http.get(`/api/v1/dossiers/xa-cu/${old.MaHoSo}`).set(bearer(ADMIN_KEY)).expect(200)).body.events).toHaveLength(1);
  });
});
