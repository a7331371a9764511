import { DataSource } from 'typeorm';
import { instantOf } from '../src/database/sql';
import { supplementOf } from '../src/dossiers/progress-766';
import { RollupsService } from '../src/dossiers/rollups/rollups.service';
import { AGENCY, envelope, vn } from './factories/dvcqg.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';

/**
 * The scorecard against what an attacker or a careless sender does: hostile query values, steps
 * before their dossier, rounds taken back, a due moved for a round that a progress row reports
 * too, and progress rows racing the records of the same dossiers.
 */

const UNITS = [
  { code: 'tinh', name: 'Tỉnh Thử', level: 'province' },
  { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'tinh', agencyCode: AGENCY },
];

const post = (sut: TestApp, body: unknown) => sut.http.post('/api/v1/dvcqg').send({ session: ADMIN_KEY, ...(body as object) });
const code = (n: number) => `${AGENCY}-250602-${String(n).padStart(4, '0')}`;

/** Received 2 June 08:00, due 5 June 17:00. */
const record = (n: number, extra: Record<string, unknown> = {}) => ({
  MaHoSo: code(n), MaTTHC: '1.001193', TenTTHC: 'Đăng ký khai sinh', MaLinhVuc: 'HT', TenLinhVuc: 'Hộ tịch', KenhThucHien: 1,
  NgayTiepNhan: vn(2, '08:00:00'), NgayHenTra: vn(5, '17:00:00'), NgayKetThucXuLy: '', NgayTra: '', TrangThaiHoSo: 2, ...extra,
});
const progressRow = (n: number, TrangThai: number, at: string) => ({ MaHoSo: code(n), TrangThai, ThoiDiemXuLy: at, PhongBanXuLy: 'Bộ phận một cửa' });

describeEachDatabase('the Decision 766 scorecard against hostile input', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'index766-hostile', { now: '2025-06-10T03:07:03Z' });
    for (const unit of UNITS) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
  });
  afterAll(() => sut?.close());

  /** 2.1's counts of the unit's June. */
  const progress = async (_n: number) => {
    const response = await sut.http.get(`/api/v1/units/xa-a/index766`).query({ period: '2025-06' }).expect(200);
    const indicator = response.body.groups.flatMap((group: { indicators: unknown[] }) => group.indicators).find((item: { id: string }) => item.id === '2.1');
    return indicator as { numerator: number | null; denominator: number | null };
  };
  /** One dossier as stored, with its steps. */
  const view = async (n: number) => {
    const view = await sut.http.get(`/api/v1/dossiers/xa-a/${code(n)}`).set(bearer(ADMIN_KEY)).expect(200);
    return view.body;
  };

  describe('hostile query values', () => {
    const cases: [string, string, string][] = [
      ['period=a&period=b', 'period', 'index766'],
      ['period=2025-06&period=2025-05', 'period', 'index766'],
      ['period=2025-Q5', 'period', 'index766'],
      ['period=%F0%9F%98%80', 'period', 'index766'],
      ['period=99999999999999999999', 'period', 'index766'],
      ['period=2025-07', 'period', 'index766'],
      ['period=2100', 'period', 'index766'],
      ['from=2025-06-11&to=2025-06-30', 'period', 'index766'],
      ['from=2025-06-30&to=2025-06-01', 'from', 'index766'],
      ['from=2025-01-01&to=2099-12-31', 'period', 'index766'],
      ['from=a&from=b', 'from', 'index766'],
      ['to=2025-06-01&to=2025-06-02', 'to', 'index766'],
      ['from=2025-02-30', 'from', 'index766'],
      ['period=2025-06&from=2025-06-01', 'period', 'index766'],
      ['includeChildren=yes', 'includeChildren', 'index766'],
      ['includeChildren=1&includeChildren=0', 'includeChildren', 'index766'],
      ['includePredecessors=maybe', 'includePredecessors', 'index766/ranking'],
      ['lang=xx', 'lang', 'index766'],
      ['lang=vi&lang=en', 'lang', 'index766/ranking'],
      ['period=2025-13', 'period', 'index766/ranking'],
    ];
    it.each(cases)('%s → 400 naming %s (%s)', async (query, name, path) => {
      const response = await sut.http.get(`/api/v1/units/tinh/${path}?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(new RegExp(`^(${name}|a period)\\b`));
      expect(JSON.stringify(response.body)).not.toMatch(/ at .*\.(js|ts):\d+/);
    });

    it('answers a 10,000-character or unicode code with a 404, not a 500', async () => {
      for (const unit of [encodeURIComponent('a'.repeat(10_000)), encodeURIComponent('Xã ứ\u0000'), '..%2F..%2Fetc']) {
        for (const path of ['index766', 'index766/ranking']) {
          const response = await sut.http.get(`/api/v1/units/${unit}/${path}`);
          expect(response.status).toBe(404);
          expect(response.body.message.length).toBeLessThan(200);
        }
      }
    });
  });

  it('judges a 3-year scope ending today without reading its dossiers one by one', async () => {
    // Every statement on dossiers the scorecard runs, as the database plans it: none may walk
    // the dossiers received in the period (all of them, for a period judged now).
    const db = sut.app.get(DataSource);
    const seen: { sql: string; params: unknown[] }[] = [];
    const query = db.manager.query.bind(db.manager);
    const spy = jest.spyOn(db.manager, 'query').mockImplementation(async (sql: string, params?: Parameters<typeof query>[1]) => {
      if (/FROM dossiers\b/.test(sql)) seen.push({ sql, params: (params as unknown[]) ?? [] });
      return query(sql, params);
    });
    try {
      await sut.http.get('/api/v1/units/tinh/index766').query({ from: '2022-06-12', to: '2025-06-10' }).expect(200);
    } finally {
      spy.mockRestore();
    }
    expect(seen.length).toBeGreaterThan(0);
    if (kind !== 'sqlite') return; // MariaDB's plan follows its statistics; SQLite's, without them, the query's shape.
    for (const { sql, params } of seen) {
      const plan: { detail: string }[] = await db.query(`EXPLAIN QUERY PLAN ${sql}`, params);
      expect({ sql, plan: plan.map((row) => row.detail) }).toEqual({ sql, plan: expect.not.arrayContaining([expect.stringMatching(/ix_dossiers_unit_received|SCAN dossiers/)]) });
    }
  });

  it('takes a step that came before its dossier into its 2.1', async () => {
    // Asked for papers on the 3rd, back on the 6th (3 days with the applicant), settled on the
    // 7th at 10:00: 3 days off make it on time (the 4th at 10:00, before the 5th at 17:00).
    const early = await post(sut, envelope('CapNhatTienDoHoSoMC', [progressRow(1, 5, vn(3, '09:00:00')), progressRow(1, 4, vn(6, '09:00:00'))])).expect(200);
    expect(early.body.result).toMatchObject({ waitingForDossier: 2 });
    const sent = await post(sut, envelope('DongBoHoSoMC', [record(1, { TrangThaiHoSo: 10, NgayKetThucXuLy: vn(7, '10:00:00'), NgayTra: vn(7, '11:00:00') })])).expect(200);
    expect(sent.body).toMatchObject({ error_code: 0, result: { created: 1 } });
    expect(await progress(1)).toMatchObject({ numerator: 1, denominator: 1 });
    expect(await sut.app.get(RollupsService).check()).toEqual([]);
  });

  it('moves 2.1 back when a record re-sent empties its list of rounds', async () => {
    const round = { NgayBoSung: vn(3, '09:00:00'), NgayTiepNhanBoSung: vn(6, '09:00:00') };
    const settled = { TrangThaiHoSo: 10, NgayKetThucXuLy: vn(7, '12:00:00'), NgayTra: vn(7, '13:00:00') };
    await post(sut, envelope('DongBoHoSoMC', [record(2, { ...settled, DanhSachHoSoBoSung: [round] })])).expect(200);
    expect(await progress(2)).toMatchObject({ numerator: 2, denominator: 2 });
    await post(sut, envelope('DongBoHoSoMC', [record(2, { ...settled, DanhSachHoSoBoSung: [] })], { isUpdating: 'True' })).expect(200);
    expect(await progress(2)).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await view(2)).events).toEqual([]);
    expect(await sut.app.get(RollupsService).check()).toEqual([]);
  });

  it.each(['record first', 'progress row first'])('takes nothing off when the record moved the due for a round its system also reported (%s)', async (order) => {
    // The round moved the due from the 5th to the 8th at 17:00; settled on the 8th at 20:00: late
    // (nothing is taken off). Taking the 3 days off as well would make it on time.
    const n = order === 'record first' ? 3 : 4;
    const round = { NgayBoSung: vn(3, '09:00:00'), NgayTiepNhanBoSung: vn(6, '09:00:00'), NgayHenTraTruoc: vn(5, '17:00:00'), NgayHenTraMoi: vn(8, '17:00:00') };
    const rec = envelope('DongBoHoSoMC', [record(n, { NgayHenTra: vn(8, '17:00:00'), TrangThaiHoSo: 10, NgayKetThucXuLy: vn(8, '20:00:00'), NgayTra: vn(8, '20:30:00'), DanhSachHoSoBoSung: [round] })]);
    const rows = envelope('CapNhatTienDoHoSoMC', [progressRow(n, 5, vn(3, '09:00:00')), progressRow(n, 4, vn(6, '09:00:00'))]);
    const before = await progress(n);
    for (const body of order === 'record first' ? [rec, rows] : [rows, rec]) expect((await post(sut, body).expect(200)).body).toMatchObject({ error_code: 0 });
    const after = await progress(n);
    expect(after).toEqual(expect.objectContaining({ numerator: before.numerator, denominator: before.denominator! + 1 }));
    // The record takes its round back: the progress rows stay, the due is no longer moved for
    // them, so the applicant's 3 days are taken off: on time.
    const emptied = envelope('DongBoHoSoMC', [record(n, { NgayHenTra: vn(8, '17:00:00'), TrangThaiHoSo: 10, NgayKetThucXuLy: vn(8, '20:00:00'), NgayTra: vn(8, '20:30:00'), DanhSachHoSoBoSung: [] })], { isUpdating: 'True' });
    await post(sut, emptied).expect(200);
    expect(await progress(n)).toEqual(expect.objectContaining({ numerator: before.numerator! + 1, denominator: before.denominator! + 1 }));
    expect((await view(n)).events.map((step: { origin: string }) => step.origin)).toEqual(['progress', 'progress']);
    expect(await sut.app.get(RollupsService).check()).toEqual([]);
  });

  it('keeps the rollups equal to a recount when progress rows race the records of the same dossiers', async () => {
    const many = Array.from({ length: 40 }, (_, i) => 100 + i);
    const recordsOf = (status: number, list: boolean) =>
      envelope('DongBoHoSoMC', many.map((n) => record(n, {
        TrangThaiHoSo: status,
        ...(status === 10 ? { NgayKetThucXuLy: vn(7, '10:00:00'), NgayTra: vn(7, '11:00:00') } : {}),
        ...(list ? { DanhSachHoSoBoSung: [{ NgayBoSung: vn(3, '10:00:00'), NgayTiepNhanBoSung: n % 2 ? vn(4, '10:00:00') : '' }] } : {}),
      })), { isUpdating: 'True' });
    const rowsOf = (offset: number) =>
      envelope('CapNhatTienDoHoSoMC', many.map((n, i) => many[(i + offset) % many.length]).flatMap((n) => [
        progressRow(n, 5, vn(3, '09:00:00')), progressRow(n, 4, vn(6, '09:00:00')), ...(n % 3 === 0 ? [progressRow(n, 5, vn(6, '15:00:00'))] : []),
      ]));
    const bodies = [rowsOf(0), recordsOf(4, true), rowsOf(13), recordsOf(10, false), rowsOf(27), recordsOf(10, true), rowsOf(5), recordsOf(5, false)];
    const answers = await Promise.all(bodies.map((body) => post(sut, body)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.error_code).toBe(0);
    }
    expect(await sut.app.get(RollupsService).check()).toEqual([]);
    // Each dossier's stored summary is what its steps say now.
    const db = sut.app.get(DataSource);
    const dossiers: Record<string, unknown>[] = await db.query(`SELECT code, supplementAt, supplementDoneAt, supplementAgainAt, supplementDueMoved FROM dossiers WHERE code LIKE '%-250602-01%'`);
    expect(dossiers).toHaveLength(40);
    for (const row of dossiers) {
      const steps: Record<string, unknown>[] = await db.query('SELECT statusCode, at, stepDueAt, origin FROM dossier_events WHERE dossierCode = ?', [row.code]);
      const summary = supplementOf(steps.map((s) => ({ statusCode: Number(s.statusCode), at: instantOf(s.at as Date)!, stepDueAt: instantOf(s.stepDueAt as Date | null), origin: String(s.origin) })));
      expect({ code: row.code, at: instantOf(row.supplementAt as Date | null), done: instantOf(row.supplementDoneAt as Date | null), again: instantOf(row.supplementAgainAt as Date | null), moved: Boolean(Number(row.supplementDueMoved)) })
        .toEqual({ code: row.code, at: summary.supplementAt, done: summary.supplementDoneAt, again: summary.supplementAgainAt, moved: summary.supplementDueMoved });
    }
  }, 120_000);
});
