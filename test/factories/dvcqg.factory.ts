/**
 * A commune's day as a provincial one-stop system sends it to DVCQG (NATIONAL.md §3): one envelope
 * a dossier each time it changes, a progress row after each step; and the same dossiers' final
 * state as our own records (docs/figures.md §2), for suites that compare the two ways in.
 */

export const AGENCY = '000.00.21.H23';

/** yyyyMMddHHmmss of a Vietnam wall-clock time on 2025-06-DD. */
export const vn = (day: number, time: string) => `202506${String(day).padStart(2, '0')}${time.replace(/:/g, '')}${time.length === 5 ? '00' : ''}`;
/** The same wall-clock time as our record's ISO text (no offset: Vietnam time). */
export const iso = (day: number, time: string) => `2025-06-${String(day).padStart(2, '0')}T${time}${time.length === 5 ? ':00' : ''}`;

/** The applicant, who must never be stored or logged. */
export const APPLICANT = {
  ChuHoSo: 'Nguyễn Thị Mười Hai',
  SoDienThoai: '0912345678',
  Email: 'muoihai.nguyen@example.vn',
  SoGiayToChuHoSo: '001234567890',
  DinhDanhCHS: '079123456789',
};

export function envelope(service: string, data: unknown[], extra: Record<string, unknown> = {}) {
  return { madonvi: AGENCY, service, isUpdating: 'False', data, ...extra };
}

const code = (n: number, day = 10) => `${AGENCY}-2506${String(day).padStart(2, '0')}-${String(n).padStart(4, '0')}`;

const base = (n: number, extra: Record<string, unknown>, day = 10) => ({
  MaHoSo: code(n, day),
  MaTTHC: '1.001193',
  TenTTHC: 'Đăng ký khai sinh',
  MaLinhVuc: 'HT',
  TenLinhVuc: 'Hộ tịch',
  KenhThucHien: 1,
  DonViXuLy: 'UBND xã Thử',
  LoaiDoiTuong: 1,
  ...APPLICANT,
  NgayHenTra: vn(12, '17:00:00'),
  NgayKetThucXuLy: '',
  NgayTra: '',
  ...extra,
});

const step = (n: number, TrangThai: number, at: string, NoiDungXuLy: string, day = 10) => ({
  MaHoSo: code(n, day), TrangThai, ThoiDiemXuLy: at, NoiDungXuLy, NguoiXuLy: 'Trần Văn Cán Bộ', PhongBanXuLy: 'Bộ phận một cửa',
  NgayBatDau: at, NgayKetThucTheoQuyDinh: vn(12, '17:00:00'),
});

/** What is sent, in order: each item one POST of one envelope, as senders send them. */
export function dayOfTraffic(): unknown[] {
  const sends: unknown[] = [];
  const dossier = (record: Record<string, unknown>, updating = true) => sends.push(envelope('DongBoHoSoMC', [record], { isUpdating: updating ? 'True' : 'False' }));
  const progress = (...rows: unknown[]) => sends.push(envelope('CapNhatTienDoHoSoMC', rows));
  const received = (n: number) => vn(10, `0${7 + n}:00:00`.slice(-8));

  // 1: received at the desk, processed, result ready, handed back; a fee paid on DVCQG.
  const d1 = { NgayTiepNhan: received(1), DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', MaPhiLePhi: 'LP1', HinhThucThu: 1, Gia: 8000, LoaiPhiLePhi: 1 }], DuocThanhToanTrucTuyen: 1 };
  dossier(base(1, { ...d1, TrangThaiHoSo: 2 }), false);
  progress(step(1, 2, received(1), 'Tiếp nhận hồ sơ'));
  dossier(base(1, { ...d1, TrangThaiHoSo: 4 }));
  progress(step(1, 4, vn(10, '09:30:00'), 'Chuyển xử lý'));
  dossier(base(1, { ...d1, TrangThaiHoSo: 9, NgayKetThucXuLy: vn(10, '11:00:00'), DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh', DuongDanTep: 'https://example.vn/kq/1.pdf' }] }));
  progress(step(1, 9, vn(10, '11:00:00'), 'Có kết quả'));
  dossier(base(1, { ...d1, TrangThaiHoSo: 10, NgayKetThucXuLy: vn(10, '11:00:00'), NgayTra: vn(10, '14:00:00'), DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh' }] }));
  progress(step(1, 10, vn(10, '14:00:00'), 'Trả kết quả'));

  // 2: online, digitised; a supplement round, asked at 09:30, the papers back at 15:00, new deadline.
  const d2 = { NgayTiepNhan: received(2), KenhThucHien: 2, HoSoCoThanhPhanSoHoa: 1, TaiLieuNop: [{ TenTaiLieu: 'Tờ khai', DuocSoHoa: 1, DuocTaiSuDung: 0, DuocLayTuKhoDMQG: 1 }], TaiKhoanDuocXacThucVoiVNeID: 1 };
  dossier(base(2, { ...d2, TrangThaiHoSo: 2 }), false);
  progress(step(2, 2, received(2), 'Tiếp nhận hồ sơ trực tuyến'));
  dossier(base(2, { ...d2, TrangThaiHoSo: 5 }));
  progress(step(2, 5, vn(10, '09:30:00'), 'Yêu cầu bổ sung tờ khai'));
  const round = { NgayBoSung: vn(10, '09:30:00'), NgayTiepNhanBoSung: vn(10, '15:00:00'), NgayHenTraTruoc: vn(12, '17:00:00'), NgayHenTraMoi: vn(13, '17:00:00') };
  dossier(base(2, { ...d2, TrangThaiHoSo: 4, NgayHenTra: vn(13, '17:00:00'), DanhSachHoSoBoSung: [round] }));
  progress(step(2, 4, vn(10, '15:00:00'), 'Đã nhận hồ sơ bổ sung'));

  // 3: withdrawn at the applicant's request.
  dossier(base(3, { NgayTiepNhan: received(3), TrangThaiHoSo: 2 }), false);
  dossier(base(3, { NgayTiepNhan: received(3), TrangThaiHoSo: 7, NgayKetThucXuLy: vn(10, '10:15:00') }));
  progress(step(3, 7, vn(10, '10:15:00'), 'Công dân rút hồ sơ'));

  // 4: by post; processing stopped (a refusal with a result).
  dossier(base(4, { NgayTiepNhan: received(4), KenhThucHien: 3, TrangThaiHoSo: 4 }), false);
  dossier(base(4, { NgayTiepNhan: received(4), KenhThucHien: 3, TrangThaiHoSo: 8, NgayKetThucXuLy: vn(10, '12:00:00') }));
  progress(step(4, 8, vn(10, '12:00:00'), 'Dừng xử lý'));

  // 5: not received at intake.
  dossier(base(5, { NgayTiepNhan: received(5), TrangThaiHoSo: 3 }), false);

  // 6: registered online (1, not a dossier yet), then received.
  dossier(base(6, { NgayTiepNhan: '', KenhThucHien: 2, TrangThaiHoSo: 1, NgayHenTra: '' }), false);
  dossier(base(6, { NgayTiepNhan: vn(10, '13:00:00'), KenhThucHien: 2, TrangThaiHoSo: 2 }));

  // 7: received on the 2nd, due the 9th, settled today: late. Sent first as an update of a dossier never seen.
  dossier(base(7, { NgayTiepNhan: vn(2, '08:00:00'), NgayHenTra: vn(9, '17:00:00'), TrangThaiHoSo: 9, NgayKetThucXuLy: vn(10, '16:00:00') }, 2));
  return sends;
}

/** The same dossiers' final state as our own records, for another unit. */
export function finalRecords(unitCode: string): unknown[] {
  const c = (n: number, day = 10) => code(n, day);
  const common = { unitCode, procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', field: 'Hộ tịch', dueAt: iso(12, '17:00') };
  return [
    { ...common, code: c(1), channel: 'direct', status: 'resolved', receivedAt: iso(10, '08:00'), resolvedAt: iso(10, '11:00'), returnedAt: iso(10, '14:00'), feeAmount: 8000, paidOnline: 'dvcqg', electronicResult: true, resultDigitized: true },
    { ...common, code: c(2), channel: 'online', status: 'processing', receivedAt: iso(10, '09:00'), dueAt: iso(13, '17:00'), digitized: true, reusedData: false, citizenRepository: true, vneidVerified: true },
    { ...common, code: c(3), channel: 'direct', status: 'withdrawn', receivedAt: iso(10, '10:00'), withdrawnAt: iso(10, '10:15') },
    { ...common, code: c(4), channel: 'postal', status: 'refused', receivedAt: iso(10, '11:00'), resolvedAt: iso(10, '12:00') },
    { ...common, code: c(5), channel: 'direct', status: 'denied', receivedAt: iso(10, '12:00') },
    { ...common, code: c(6), channel: 'online', status: 'processing', receivedAt: iso(10, '13:00') },
    { ...common, code: c(7, 2), channel: 'direct', status: 'resolved', receivedAt: iso(2, '08:00'), dueAt: iso(9, '17:00'), resolvedAt: iso(10, '16:00') },
  ];
}
