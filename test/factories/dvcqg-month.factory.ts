import { APPLICANT } from './dvcqg.factory';

/**
 * A commune's November 2026 as its provincial one-stop system sends it to DVCQG (NATIONAL.md §3),
 * envelope by envelope in the order they leave the sender: a `DongBoHoSoMC` record each time a
 * dossier changes and a `CapNhatTienDoHoSoMC` row for each step, sometimes the row first, with
 * the dossiers carried over from October and the first days of December. Beside it, a second
 * commune whose own system sends our records (docs/figures.md §2), the only way a complaint is
 * said: the DVCQG record has no field for it.
 *
 * Times are Vietnam wall-clock times of 2026 written `MM-DD HH:mm`; each send carries the moment
 * it is sent, which the suite sets the test clock to.
 */

export const AGENCY_A = '000.00.31.H23';

export type Raw = Record<string, unknown>;

export type Send =
  | { at: string; kind: 'dvcqg'; body: { madonvi: string; service: 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC'; isUpdating: string; data: Raw[] } }
  | { at: string; kind: 'records'; records: Raw[] };

/** `MM-DD HH:mm` (2026, Vietnam time) as DVCQG writes it: yyyyMMddHHmmss. */
export const vn = (at: string) => `2026${at.slice(0, 2)}${at.slice(3, 5)}${at.slice(6, 8)}${at.slice(9, 11)}00`;
/** The same moment as our record's ISO text (no offset: Vietnam time). */
export const iso = (at: string) => `2026-${at.slice(0, 5)}T${at.slice(6)}:00`;
/** The same moment as an instant. */
export const instant = (at: string) => new Date(`${iso(at)}+07:00`);

/** Checked in the middle of the month: judged "now". */
export const MID_MONTH = '11-18 14:00';
/** When a sender's backlog of steps arrives, after their dossiers' records. */
export const BACKLOG = '12-02 09:00';
/** A minute before it. */
export const BEFORE_BACKLOG = '12-02 08:59';
/** The test clock at the end: the month closed, the quarter still running. */
export const EARLY_DECEMBER = '12-03 10:00';

const byTime = (a: { at: string; seq: number }, b: { at: string; seq: number }) => instant(a.at).getTime() - instant(b.at).getTime() || a.seq - b.seq;

/** The §11 facts a dossier's record carries, varied by its number (the result's own at its settling). */
function factsOf(n: number): Raw {
  const out: Raw = {};
  const digitised = n % 3 !== 0;
  // Some systems flag the dossier, others only its components: either says it is digitised.
  if (n % 2 === 0) out.HoSoCoThanhPhanSoHoa = digitised ? 1 : 0;
  if (n % 6 !== 5) {
    out.TaiLieuNop = [
      { TenTaiLieu: 'Tờ khai', DuocSoHoa: n % 2 === 1 && digitised ? 1 : 0, DuocTaiSuDung: n % 4 === 1 ? 1 : 0, DuocLayTuKhoDMQG: 0 },
      { TenTaiLieu: 'Giấy tờ tùy thân', DuocSoHoa: 0, DuocTaiSuDung: 0, DuocLayTuKhoDMQG: n % 5 < 2 ? 1 : 0 },
    ];
  }
  out.TaiKhoanDuocXacThucVoiVNeID = n % 2 === 0 ? 1 : n % 9 === 1 ? '' : 0;
  const fee = n % 3 === 1 ? 50_000 : n % 3 === 0 ? 0 : null;
  if (fee !== null) out.DanhSachLePhi = [{ TenPhiLePhi: 'Lệ phí', MaPhiLePhi: 'LP01', HinhThucThu: 1, Gia: fee, LoaiPhiLePhi: 1 }];
  out.DuocThanhToanTrucTuyen = fee === 50_000 && n % 2 === 1 ? 1 : n % 7 === 0 ? 2 : 0;
  return out;
}

/** Whether a dossier's result is issued electronically (its record lists the result's file). */
const electronicResult = (n: number) => n % 4 !== 3;

/** One dossier's life as the sender reports it: each call sends what the system would, when it would. */
class DossierScript {
  private fields: Raw;
  private sentBefore = false;

  constructor(
    private readonly month: MonthTraffic,
    readonly n: number,
    readonly code: string,
    fields: Raw,
  ) {
    this.fields = fields;
  }

  /** The record in its current state, with `change` applied, sent at `sendAt` (an update after the first). */
  record(sendAt: string, change: Raw = {}): this {
    this.fields = { ...this.fields, ...change };
    this.month.dvcqg(sendAt, 'DongBoHoSoMC', [{ ...this.fields }], this.sentBefore);
    this.sentBefore = true;
    return this;
  }

  /** A progress row for a step taken at `at`, sent at `sendAt`. */
  step(status: number, at: string, sendAt = at): this {
    this.month.dvcqg(sendAt, 'CapNhatTienDoHoSoMC', [{
      MaHoSo: this.code, TrangThai: status, ThoiDiemXuLy: vn(at), NoiDungXuLy: STEP_TEXT[status], NguoiXuLy: 'Trần Văn Cán Bộ',
      PhongBanXuLy: 'Bộ phận một cửa', NgayBatDau: vn(at), NgayKetThucTheoQuyDinh: this.fields.NgayHenTra,
    }]);
    return this;
  }

  /** A change of status: the record, then the row (the usual order). */
  to(status: number, at: string, change: Raw = {}): this {
    return this.record(at, { TrangThaiHoSo: status, ...change }).step(status, at);
  }

  /** Received at the desk (2). */
  receive(): this {
    return this.to(2, this.receivedAt);
  }

  /** Processing finished with a result (9), the result file listed when it is electronic. */
  resolve(at: string): this {
    return this.to(9, at, { NgayKetThucXuLy: vn(at), ...(electronicResult(this.n) ? RESULT : {}) });
  }

  /** The result handed back (10). */
  handBack(at: string): this {
    return this.to(10, at, { NgayTra: vn(at) });
  }

  get receivedAt(): string {
    const text = String(this.fields.NgayTiepNhan);
    return `${text.slice(4, 6)}-${text.slice(6, 8)} ${text.slice(8, 10)}:${text.slice(10, 12)}`;
  }
}

const RESULT = { DanhSachGiayToKetQua: [{ TenGiayTo: 'Kết quả giải quyết', DuongDanTep: 'https://dvc.example.vn/kq/ket-qua.pdf' }] };

const STEP_TEXT: Record<number, string> = {
  1: 'Đăng ký trực tuyến', 2: 'Tiếp nhận hồ sơ', 3: 'Không tiếp nhận', 4: 'Chuyển xử lý', 5: 'Yêu cầu bổ sung giấy tờ', 6: 'Yêu cầu nộp phí',
  7: 'Công dân rút hồ sơ', 8: 'Dừng xử lý', 9: 'Có kết quả', 10: 'Trả kết quả',
};

class MonthTraffic {
  private readonly sends: (Send & { seq: number })[] = [];

  dvcqg(at: string, service: 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC', data: Raw[], updating = false): void {
    this.sends.push({ at, seq: this.sends.length, kind: 'dvcqg', body: { madonvi: AGENCY_A, service, isUpdating: updating ? 'True' : 'False', data } });
  }

  records(at: string, records: Raw[]): void {
    this.sends.push({ at, seq: this.sends.length, kind: 'records', records });
  }

  /** Dossier number `n` of commune A, received at `received` (`MM-DD HH:mm`), due at `due`. */
  dossier(n: number, received: string, due: string, extra: Raw = {}): DossierScript {
    const code = `${AGENCY_A}-26${received.slice(0, 2)}${received.slice(3, 5)}-${String(n).padStart(4, '0')}`;
    return new DossierScript(this, n, code, {
      MaHoSo: code, MaTTHC: '1.001193', TenTTHC: 'Đăng ký khai sinh', MaLinhVuc: 'HT', TenLinhVuc: n % 3 === 0 ? 'Chứng thực' : 'Hộ tịch',
      KenhThucHien: 1, DonViXuLy: 'UBND xã Thử', LoaiDoiTuong: 1, ...APPLICANT,
      NgayTiepNhan: vn(received), NgayHenTra: vn(due), NgayKetThucXuLy: '', NgayTra: '', TrangThaiHoSo: 2,
      ...factsOf(n), ...extra,
    });
  }

  inOrder(): Send[] {
    return [...this.sends].sort(byTime).map(({ seq: _seq, ...send }) => send as Send);
  }
}

/** Supplement rounds as a record lists them (DanhSachHoSoBoSung). */
const round = (asked: string, back: string | null, dueBefore: string, dueAfter: string | null) => ({
  NgayBoSung: vn(asked), NgayTiepNhanBoSung: back === null ? '' : vn(back), NgayHenTraTruoc: vn(dueBefore), NgayHenTraMoi: dueAfter === null ? '' : vn(dueAfter),
});

/** Every send of the month, in the order they are sent. */
export function monthOfTraffic(): Send[] {
  const m = new MonthTraffic();
  const online = { KenhThucHien: 2 };
  const postal = { KenhThucHien: 3 };

  // Received in October, carried over into November (or not).
  m.dossier(1, '10-20 08:00', '10-27 17:00').receive().to(4, '10-21 09:00').resolve('10-26 10:00').handBack('10-26 15:00');
  m.dossier(2, '10-22 09:00', '11-05 17:00', online).receive().to(4, '10-23 09:00').resolve('11-04 11:00');
  m.dossier(3, '10-27 08:30', '11-03 17:00').receive().resolve('11-06 10:00');
  m.dossier(4, '10-28 10:00', '11-10 17:00').receive().to(4, '10-29 09:00');
  m.dossier(5, '10-29 14:00', '12-10 17:00', postal).receive();
  // Asked for papers the next day, back three days later: settled after its due date, on time once the applicant's days are taken off.
  m.dossier(6, '10-30 08:00', '11-06 17:00').receive().to(5, '10-31 09:00').to(4, '11-03 09:00').resolve('11-08 10:00').handBack('11-09 08:00');
  m.dossier(7, '10-15 08:00', '10-22 17:00').receive().to(7, '10-20 09:00', { NgayKetThucXuLy: vn('10-20 09:00') });
  m.dossier(8, '10-30 09:00', '11-06 17:00').to(3, '10-30 09:00');

  // Settled in November: early, on time (one at the due instant exactly), late (one a minute late, one on the last evening).
  m.dossier(9, '11-02 08:00', '11-04 17:00').receive().resolve('11-03 10:00');
  m.dossier(10, '11-02 09:00', '11-05 17:00', online).receive().resolve('11-05 15:00').handBack('11-05 16:00');
  m.dossier(11, '11-03 08:00', '11-09 17:00').receive().to(4, '11-04 08:00').resolve('11-09 17:00');
  m.dossier(12, '11-03 10:00', '11-06 17:00', postal).receive().resolve('11-06 17:01');
  m.dossier(13, '11-04 08:00', '11-11 17:00', online).receive().resolve('11-10 10:00').handBack('11-11 09:00');
  m.dossier(14, '11-05 08:00', '11-12 17:00').receive().to(4, '11-06 08:00').resolve('11-16 09:00');
  m.dossier(15, '11-09 08:00', '11-13 17:00', online).receive().resolve('11-12 10:00').handBack('11-12 14:00');
  m.dossier(16, '11-10 08:00', '11-17 17:00').receive().resolve('11-17 10:00');
  m.dossier(17, '11-12 08:00', '11-19 17:00', online).receive().resolve('11-19 08:00');
  m.dossier(18, '11-16 08:00', '11-20 17:00').receive().to(4, '11-17 08:00').resolve('11-24 10:00');
  m.dossier(19, '11-20 08:00', '11-27 17:00', online).receive().resolve('11-26 10:00');
  m.dossier(20, '11-23 08:00', '11-27 17:00').receive().resolve('11-30 23:30');
  m.dossier(21, '11-25 08:00', '12-02 17:00', online).receive().resolve('11-30 15:00').handBack('11-30 16:00');

  // Not received at intake (3): counted for nothing. Registered online first (1: not a dossier yet), received the next hour.
  m.dossier(22, '11-05 08:00', '11-12 17:00').to(3, '11-05 08:00');
  m.dossier(23, '11-06 08:00', '11-13 17:00', online).record('11-06 07:00', { TrangThaiHoSo: 1, NgayTiepNhan: '', NgayHenTra: '' }).step(1, '11-06 07:00')
    .record('11-06 08:00', { TrangThaiHoSo: 2, NgayTiepNhan: vn('11-06 08:00'), NgayHenTra: vn('11-13 17:00') }).step(2, '11-06 08:00').resolve('11-11 10:00');

  // Stopped (8): a settlement, on time and late.
  m.dossier(24, '11-04 08:00', '11-11 17:00').receive().to(8, '11-10 10:00', { NgayKetThucXuLy: vn('11-10 10:00') });
  m.dossier(25, '11-06 08:00', '11-12 17:00').receive().to(4, '11-09 08:00').to(8, '11-17 10:00', { NgayKetThucXuLy: vn('11-17 10:00') });
  // Withdrawn (7): the end of processing too; in time, after the deadline, and without NgayKetThucXuLy (the moment it is stored).
  m.dossier(26, '11-05 09:00', '11-12 17:00', online).receive().to(7, '11-07 10:00', { NgayKetThucXuLy: vn('11-07 10:00') });
  m.dossier(27, '11-02 10:00', '11-06 17:00').receive().to(7, '11-09 10:00', { NgayKetThucXuLy: vn('11-09 10:00') });
  m.dossier(28, '11-10 09:00', '11-17 17:00').receive().to(7, '11-13 10:00');

  // One supplement round by progress rows (5, then 4 or 2): on time once the applicant's four days are off; late even with its day off.
  m.dossier(29, '11-03 08:00', '11-10 17:00').receive().to(5, '11-05 09:00').to(4, '11-09 09:00').resolve('11-13 10:00');
  m.dossier(30, '11-04 08:00', '11-11 17:00').receive().to(5, '11-06 09:00').to(2, '11-07 09:00').resolve('11-14 10:00');
  // One round the record lists with the due date it moved to (NgayHenTraMoi): nothing more is taken off.
  const d31 = m.dossier(31, '11-09 08:00', '11-16 17:00').receive();
  d31.record('11-10 09:00', { TrangThaiHoSo: 5, DanhSachHoSoBoSung: [round('11-10 09:00', null, '11-16 17:00', null)] });
  d31.record('11-12 09:00', { TrangThaiHoSo: 4, NgayHenTra: vn('11-18 17:00'), DanhSachHoSoBoSung: [round('11-10 09:00', '11-12 09:00', '11-16 17:00', '11-18 17:00')] });
  d31.resolve('11-18 16:00');
  const d32 = m.dossier(32, '11-10 08:00', '11-17 17:00', online).receive();
  d32.record('11-11 09:00', { TrangThaiHoSo: 5, DanhSachHoSoBoSung: [round('11-11 09:00', null, '11-17 17:00', null)] });
  d32.record('11-13 09:00', { TrangThaiHoSo: 4, NgayHenTra: vn('11-19 17:00'), DanhSachHoSoBoSung: [round('11-11 09:00', '11-13 09:00', '11-17 17:00', '11-19 17:00')] });
  d32.resolve('11-20 10:00');
  // The same round both ways: the progress rows and the record's list, the rows first for one and last for the other.
  const d33 = m.dossier(33, '11-11 08:00', '11-18 17:00').receive();
  d33.step(5, '11-12 09:00').record('11-12 09:05', { TrangThaiHoSo: 5, DanhSachHoSoBoSung: [round('11-12 09:00', null, '11-18 17:00', null)] });
  d33.step(4, '11-16 09:00').record('11-16 09:05', { TrangThaiHoSo: 4, NgayHenTra: vn('11-20 17:00'), DanhSachHoSoBoSung: [round('11-12 09:00', '11-16 09:00', '11-18 17:00', '11-20 17:00')] });
  d33.resolve('11-22 10:00');
  const d34 = m.dossier(34, '11-12 08:00', '11-19 17:00', online).receive();
  d34.record('11-13 09:00', { TrangThaiHoSo: 5, DanhSachHoSoBoSung: [round('11-13 09:00', null, '11-19 17:00', null)] }).step(5, '11-13 09:00');
  d34.record('11-17 09:00', { TrangThaiHoSo: 4, NgayHenTra: vn('11-21 17:00'), DanhSachHoSoBoSung: [round('11-13 09:00', '11-17 09:00', '11-19 17:00', '11-21 17:00')] }).step(4, '11-17 09:00');
  d34.resolve('11-23 10:00');
  // Two requests: late however early it was settled (rows), or still open (the record's list).
  m.dossier(35, '11-02 08:00', '11-13 17:00').receive().to(5, '11-03 09:00').to(4, '11-04 09:00').to(5, '11-05 09:00').to(4, '11-06 09:00').resolve('11-09 10:00');
  const d36 = m.dossier(36, '11-16 08:00', '12-04 17:00', online).receive();
  d36.record('11-17 09:00', { TrangThaiHoSo: 5, DanhSachHoSoBoSung: [round('11-17 09:00', null, '12-04 17:00', null)] });
  d36.record('11-17 15:00', { TrangThaiHoSo: 4, DanhSachHoSoBoSung: [round('11-17 09:00', '11-17 15:00', '12-04 17:00', null)] });
  d36.record('11-19 09:00', { TrangThaiHoSo: 5, DanhSachHoSoBoSung: [round('11-17 09:00', '11-17 15:00', '12-04 17:00', null), round('11-19 09:00', null, '12-04 17:00', null)] });
  d36.record('11-20 09:00', { TrangThaiHoSo: 4, DanhSachHoSoBoSung: [round('11-17 09:00', '11-17 15:00', '12-04 17:00', null), round('11-19 09:00', '11-20 09:00', '12-04 17:00', null)] });
  // Waiting for papers at the month's end: asked after the deadline (late), asked before it (on time, though the deadline has passed).
  m.dossier(37, '11-09 08:00', '11-13 17:00').receive().to(4, '11-10 08:00').to(5, '11-16 10:00');
  m.dossier(38, '11-17 08:00', '11-24 17:00', postal).receive().to(5, '11-18 09:00');
  // Waiting for the fee (6): no supplement step, judged on its fields: never overdue while the applicant holds it.
  m.dossier(39, '11-10 08:00', '11-14 17:00').receive().to(6, '11-12 10:00');
  // A round completed, still processing at the month's end: within its deadline once a week is off; overdue even with a day off.
  m.dossier(40, '11-19 08:00', '11-26 17:00').receive().to(5, '11-20 09:00').to(4, '11-27 09:00');
  m.dossier(41, '11-05 08:00', '11-12 17:00', online).receive().to(5, '11-06 09:00').to(4, '11-07 09:00');

  // Open at the month's end: on track, overdue, received on its last afternoon; settled in December (on time, late); withdrawn in December.
  m.dossier(42, '11-24 08:00', '12-05 17:00', online).step(2, '11-24 08:00').record('11-24 09:10');
  m.dossier(43, '11-13 08:00', '11-25 17:00').receive().to(4, '11-14 08:00');
  m.dossier(44, '11-30 15:00', '12-04 17:00', online).receive();
  m.dossier(45, '11-23 08:00', '12-02 17:00').receive().resolve('12-01 10:00');
  m.dossier(46, '11-18 08:00', '11-28 17:00', postal).receive().to(4, '11-19 08:00').resolve('12-02 11:00');
  m.dossier(53, '11-26 08:00', '12-03 17:00').receive().to(7, '12-01 10:00', { NgayKetThucXuLy: vn('12-01 10:00') });
  // Due at noon the day it came: overdue in the middle of the month's 18th, settled late the next morning.
  m.dossier(54, '11-18 08:00', '11-18 12:00', online).receive().resolve('11-19 09:00');

  // Steps before their record: the receipt's row arrives first (also for 42 above), and a request's row an hour before the record says 5.
  m.dossier(49, '11-20 08:00', '11-27 17:00', online).step(2, '11-20 08:00').record('11-20 08:20').resolve('11-25 10:00');
  m.dossier(50, '11-24 08:00', '11-28 17:00').receive().step(5, '11-26 10:00').record('11-26 11:00', { TrangThaiHoSo: 5 });

  // Records first, their supplement rows in a backlog after the month: each moves its dossier's 2.1.
  // 47: settled three days after its due date, the applicant held it three days: late until the rows come, then on time.
  m.dossier(47, '11-02 08:00', '11-09 17:00').receive().record('11-04 09:00', { TrangThaiHoSo: 5 }).record('11-07 09:00', { TrangThaiHoSo: 4 }).resolve('11-12 10:00')
    .step(5, '11-04 09:00', BACKLOG).step(4, '11-07 09:00', BACKLOG);
  // 55: open and past its due date at the month's end, the applicant held it ten days: overdue until the rows come.
  m.dossier(55, '11-16 08:00', '11-23 17:00').receive().record('11-17 09:00', { TrangThaiHoSo: 5 }).record('11-27 09:00', { TrangThaiHoSo: 4 })
    .step(5, '11-17 09:00', BACKLOG).step(4, '11-27 09:00', BACKLOG);
  // 48: open, due in December: two requests in the rows make it overdue.
  const d48 = m.dossier(48, '11-09 08:00', '12-08 17:00').receive().record('11-09 10:00', { TrangThaiHoSo: 4 });
  for (const [status, at] of [[5, '11-10 09:00'], [4, '11-11 09:00'], [5, '11-20 09:00'], [4, '11-23 09:00']] as const) d48.record(at, { TrangThaiHoSo: status });
  for (const [status, at] of [[5, '11-10 09:00'], [4, '11-11 09:00'], [5, '11-20 09:00'], [4, '11-23 09:00']] as const) d48.step(status, at, BACKLOG);

  // December: out of the month, in the quarter.
  m.dossier(51, '12-01 08:00', '12-08 17:00').receive();
  m.dossier(52, '12-02 08:00', '12-04 17:00', online).receive().resolve('12-02 15:00');

  communeB(m);
  return m.inOrder();
}

/** Commune B's own system: our records, each version sent when the dossier changed. */
function communeB(m: MonthTraffic): void {
  const record = (code: string, fields: Raw) => ({ code: `XB-${code}`, unitCode: 'xa-b', procedureCode: '2.000815', procedureName: 'Chứng thực bản sao', field: 'Chứng thực', channel: 'direct', ...fields });
  const all = { electronicResult: true, digitized: true, resultDigitized: true, reusedData: true, citizenRepository: true, vneidVerified: true };
  const b1 = { receivedAt: iso('10-28 08:00'), dueAt: iso('11-04 17:00'), channel: 'online' };
  m.records('10-28 08:00', [record('1', { ...b1, status: 'processing' })]);
  m.records('11-03 10:00', [record('1', { ...b1, status: 'resolved', resolvedAt: iso('11-03 10:00'), electronicResult: true, digitized: true, resultDigitized: true, complaint: true })]);
  const b2 = { receivedAt: iso('11-03 08:00'), dueAt: iso('11-10 17:00'), feeAmount: 20_000 };
  m.records('11-03 08:00', [record('2', { ...b2, status: 'processing' })]);
  m.records('11-12 10:00', [record('2', { ...b2, status: 'resolved', resolvedAt: iso('11-12 10:00'), paidOnline: 'gateway', complaint: false })]);
  m.records('11-06 09:00', [
    record('3', { receivedAt: iso('11-05 08:00'), dueAt: iso('11-12 17:00'), status: 'waiting', complaint: true }),
    record('4', { receivedAt: iso('11-06 08:00'), dueAt: iso('11-13 17:00'), status: 'processing', vneidVerified: false }),
  ]);
  m.records('11-08 09:00', [record('4', { receivedAt: iso('11-06 08:00'), dueAt: iso('11-13 17:00'), status: 'withdrawn', withdrawnAt: iso('11-08 09:00'), vneidVerified: false })]);
  m.records('11-10 08:00', [record('5', { receivedAt: iso('11-10 08:00'), dueAt: iso('11-17 17:00'), status: 'denied', complaint: true })]);
  m.records('11-12 08:00', [record('6', { receivedAt: iso('11-12 08:00'), dueAt: iso('11-20 17:00'), status: 'processing', vneidVerified: true })]);
  const b7 = { receivedAt: iso('11-20 08:00'), dueAt: iso('11-27 17:00'), channel: 'online', feeAmount: 0, paidOnline: 'dvcqg' };
  m.records('11-20 08:00', [record('7', { ...b7, status: 'processing' })]);
  m.records('11-21 10:00', [record('7', { ...b7, status: 'resolved', resolvedAt: iso('11-21 10:00'), returnedAt: iso('11-21 15:00'), ...all })]);
  m.records('10-15 10:00', [record('8', { receivedAt: iso('10-10 08:00'), dueAt: iso('10-17 17:00'), status: 'resolved', resolvedAt: iso('10-15 10:00') })]);
  const b9 = { receivedAt: iso('11-27 08:00'), dueAt: iso('12-04 17:00'), complaint: true };
  m.records('11-27 08:00', [record('9', { ...b9, status: 'processing' })]);
  m.records('12-01 09:00', [record('9', { ...b9, status: 'resolved', resolvedAt: iso('12-01 09:00') })]);
}
