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
});
