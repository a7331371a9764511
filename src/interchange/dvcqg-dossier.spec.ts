import { inDvcqgNames, mapDossier } from './dvcqg-dossier';

const NOW = new Date('2025-06-10T10:00:00Z');
const dossier = (extra: Record<string, unknown>) => ({
  MaHoSo: '000.00.21.H23-250610-0001', NgayTiepNhan: '20250610080000', NgayHenTra: '20250612170000', NgayKetThucXuLy: '20250610110000', NgayTra: '20250610140000', ...extra,
});
const recordOf = (extra: Record<string, unknown>) => {
  const mapped = mapDossier(dossier(extra), '000.00.21.H23', NOW);
  if (mapped.kind !== 'record') throw new Error(JSON.stringify(mapped));
  return mapped.record;
};

describe('mapDossier: DVCQG status codes to our record (docs/figures.md §10)', () => {
  it.each`
    code  | status          | resolvedAt               | withdrawnAt              | returnedAt
    ${2}  | ${'processing'} | ${null}                  | ${null}                  | ${null}
    ${3}  | ${'denied'}     | ${null}                  | ${null}                  | ${null}
    ${4}  | ${'processing'} | ${null}                  | ${null}                  | ${null}
    ${5}  | ${'waiting'}    | ${null}                  | ${null}                  | ${null}
    ${6}  | ${'waiting'}    | ${null}                  | ${null}                  | ${null}
    ${7}  | ${'withdrawn'}  | ${null}                  | ${'2025-06-10T11:00:00'} | ${null}
    ${8}  | ${'refused'}    | ${'2025-06-10T11:00:00'} | ${null}                  | ${'2025-06-10T14:00:00'}
    ${9}  | ${'resolved'}   | ${'2025-06-10T11:00:00'} | ${null}                  | ${'2025-06-10T14:00:00'}
    ${10} | ${'resolved'}   | ${'2025-06-10T11:00:00'} | ${null}                  | ${'2025-06-10T14:00:00'}
  `('TrangThaiHoSo $code → $status', ({ code, status, resolvedAt, withdrawnAt, returnedAt }) => {
    expect(recordOf({ TrangThaiHoSo: code })).toMatchObject({ status, resolvedAt, withdrawnAt, returnedAt });
  });

  it('skips a dossier that is only registered (1): not yet received, not stored', () => {
    expect(mapDossier(dossier({ TrangThaiHoSo: 1 }), null, NOW)).toEqual({ kind: 'skipped', code: '000.00.21.H23-250610-0001' });
  });

  it.each`
    given         | channel
    ${undefined}  | ${'direct'}
    ${''}         | ${'direct'}
    ${1}          | ${'direct'}
    ${'2'}        | ${'online'}
    ${3}          | ${'postal'}
  `('KenhThucHien $given → $channel', ({ given, channel }) => {
    expect(recordOf({ TrangThaiHoSo: 2, KenhThucHien: given }).channel).toBe(channel);
  });

  it('reads fees, online payment, digitisation, reuse, the electronic result and VNeID', () => {
    expect(recordOf({
      TrangThaiHoSo: 10,
      DanhSachLePhi: [{ Gia: 8000 }, { Gia: '2.000' }],
      DuocThanhToanTrucTuyen: 2,
      TaiLieuNop: [{ DuocSoHoa: 0, DuocTaiSuDung: 1 }, { DuocSoHoa: '1', DuocLayTuKhoDMQG: 'False' }],
      DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh' }],
      TaiKhoanDuocXacThucVoiVNeID: 'True',
    })).toMatchObject({ feeAmount: 10000, paidOnline: 'gateway', digitized: true, reusedData: true, citizenRepository: false, electronicResult: true, resultDigitized: true, vneidVerified: true });
    expect(recordOf({ TrangThaiHoSo: 2 }).feeAmount).toBeUndefined();
    expect(recordOf({ TrangThaiHoSo: 2 })).toMatchObject({ paidOnline: null, digitized: null, reusedData: null, electronicResult: null, vneidVerified: null });
    expect(recordOf({ TrangThaiHoSo: 2, DanhSachLePhi: [], DanhSachGiayToKetQua: [] })).toMatchObject({ feeAmount: 0, electronicResult: false });
  });

  it("never copies the applicant's fields", () => {
    const record = recordOf({ TrangThaiHoSo: 2, ChuHoSo: 'Nguyễn Văn A', SoDienThoai: '0912345678', Email: 'a@example.vn', SoGiayToChuHoSo: '001234567890', DinhDanhCHS: '079123456789' });
    expect(JSON.stringify(record)).not.toMatch(/Nguyễn Văn A|0912345678|a@example\.vn|001234567890|079123456789/);
  });

  it('versions a record by the latest moment it records, leaving the supplement rounds out', () => {
    expect(recordOf({ TrangThaiHoSo: 2, NgayKetThucXuLy: '', NgayTra: '' }).sourceUpdatedAt).toBe('2025-06-10T01:00:00.000Z');
    expect(recordOf({ TrangThaiHoSo: 10 }).sourceUpdatedAt).toBe('2025-06-10T07:00:00.000Z');
    // A status 4 record keeps neither NgayKetThucXuLy nor NgayTra: they do not make it newer; nor do its rounds.
    expect(recordOf({ TrangThaiHoSo: 4, DanhSachHoSoBoSung: [{ NgayBoSung: '20250610090000', NgayTiepNhanBoSung: '20250610093000' }] }).sourceUpdatedAt).toBe('2025-06-10T01:00:00.000Z');
    expect(recordOf({ TrangThaiHoSo: 4, NgayKetThucXuLy: '20991231000000' }).sourceUpdatedAt).toBe('2025-06-10T01:00:00.000Z');
  });

  it('refuses a list that is not one', () => {
    expect(mapDossier(dossier({ TrangThaiHoSo: 2, TaiLieuNop: 'x', DanhSachGiayToKetQua: { a: 1 } }), null, NOW)).toMatchObject({ kind: 'refused', errors: ['TaiLieuNop: must be a list', 'DanhSachGiayToKetQua: must be a list'] });
  });

  it.each`
    error                                                        | named
    ${'receivedAt: is required'}                                 | ${'NgayTiepNhan (receivedAt): is required'}
    ${'resolvedAt: is required when status is resolved'}         | ${'NgayKetThucXuLy (resolvedAt): is required when status is resolved'}
    ${'unitCode: this key may not write unit "xa-b"'}            | ${'madonvi (unitCode): this key may not write unit "xa-b"'}
    ${'something else'}                                          | ${'something else'}
  `('names our field by its DVCQG name: $error', ({ error, named }) => {
    expect(inDvcqgNames(error)).toBe(named);
  });
});
