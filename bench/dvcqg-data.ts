import { BenchUnit, Stream, randomFrom } from './province-data';

/**
 * The DVCQG benchmark's data: the province of province-data.ts twice, as two unit trees of the
 * same shape — `d-…` with agency codes, fed by the DVCQG stream, and `o-…` without, fed by our
 * JSON API — and each dossier both ways: as a `DongBoHoSoMC` record (DVCQG field names and
 * value conventions, the applicant's fields, fees, documents) and as the same dossier in our
 * record (docs/figures.md §2, §11). Mapped and checked, the two are the same stored row but for
 * the unit.
 */

/** The sending provincial system's own code, on no unit: each dossier's MaHoSo names its agency. */
export const SENDER_AGENCY = 'H99';

export interface TreeUnit {
  code: string;
  name: string;
  level: BenchUnit['level'];
  parentCode: string | null;
  agencyCode: string | null;
}

/** The stream's unit code (`tinh-tn`, `tn-h03`, `tn-h03-x05`) → the agency code of its DVCQG twin. */
export function agencyOf(streamCode: string): string {
  const district = /^tn-h(\d{2})/.exec(streamCode)?.[1] ?? '00';
  const commune = /-x(\d{2})$/.exec(streamCode)?.[1] ?? '00';
  return `000.${commune}.${district}.H99`;
}

/** The two trees, parents before children: `d-` units have agency codes, `o-` units none. */
export function twinTrees(units: readonly BenchUnit[]): { dvcqg: TreeUnit[]; ours: TreeUnit[] } {
  const tree = (prefix: string, withAgency: boolean) =>
    units.map((unit) => ({
      code: `${prefix}${unit.code}`,
      name: `${unit.name} (${prefix === 'd-' ? 'DVCQG' : 'API'})`,
      level: unit.level,
      parentCode: unit.parentCode === null ? null : `${prefix}${unit.parentCode}`,
      agencyCode: withAgency ? agencyOf(unit.code) : null,
    }));
  return { dvcqg: tree('d-', true), ours: tree('o-', false) };
}

/** One dossier both ways, and the agency a desk system of its unit would send it under. */
export interface DossierPair {
  agency: string;
  dvcqg: Record<string, unknown>;
  ours: Record<string, unknown>;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang', 'Thu', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Hương', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc', 'Quân', 'Thảo', 'Trang', 'Tuấn', 'Yến'];
const STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Quang Trung', 'Lý Thường Kiệt'];
const DOCUMENTS = ['Tờ khai', 'Bản sao giấy tờ tùy thân', 'Giấy chứng sinh', 'Giấy tờ chứng minh nơi cư trú', 'Văn bản ủy quyền'];
const FEES = [8000, 10000, 20000, 50000, 100000];
const CHANNEL_CODE: Record<string, number> = { direct: 1, online: 2, postal: 3 };
const HOUR_MS = 3_600_000;
const OFFSET_MS = 7 * HOUR_MS;

/** `2025-06-10T08:15:00+07:00` → `2025-06-10T08:15:00` (Vietnam wall clock, as DVCQG times are read). */
const wall = (time: string) => time.slice(0, 19);
/** The same wall-clock time as DVCQG writes it: `20250610081500`. */
const compact = (wallTime: string) => wallTime.replace(/[-T:]/g, '');
const wallOf = (ms: number) => new Date(ms + OFFSET_MS).toISOString().slice(0, 19);
const digits = (draw: () => number, n: number) => Array.from({ length: n }, () => Math.floor(draw() * 10)).join('');
const pick = <T>(items: readonly T[], draw: () => number) => items[Math.floor(draw() * items.length)];
const flag = (value: boolean) => (value ? 1 : 0);

/**
 * `n` dossiers received over the last 30 days (stream.recent from `seed`), each as a DVCQG record
 * for the `d-` tree and as our record for the `o-` tree. `sequences` numbers the dossiers of each
 * agency and day across calls, so every MaHoSo of a run is new.
 */
export function dossierPairs(stream: Stream, seed: number, n: number, sequences: Map<string, number>): DossierPair[] {
  const pairs: DossierPair[] = [];
  const nowMs = stream.now.getTime();
  const names = new Map(stream.units.map((unit) => [unit.code, unit.name]));
  for (let j = 0; j < n; j++) {
    const source = stream.recent(seed, j, n, 30);
    const draw = randomFrom(0x2f00_0000 + seed + j);
    const agency = agencyOf(source.unitCode);
    const received = wall(source.receivedAt);
    const day = received.slice(2, 10).replace(/-/g, '');
    const key = `${agency}-${day}`;
    const sequence = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, sequence);
    const code = `${agency}-${day}-${String(sequence).padStart(4, '0')}`;
    const due = `${source.dueAt}T17:00:00`;
    const status = source.status;
    const settled = status === 'resolved' || status === 'refused';
    const finished = settled ? wall(source.resolvedAt) : status === 'withdrawn' ? wall(source.withdrawnAt) : null;

    // Handed back some hours after the result, when that moment has come (status 10), else 9.
    let returned: string | null = null;
    if (status === 'resolved') {
      const returnedMs = Date.parse(`${finished}+07:00`) + Math.floor((0.5 + 47.5 * draw()) * HOUR_MS);
      if (returnedMs <= nowMs && draw() < 0.8) returned = wallOf(returnedMs);
    }
    const statusCode =
      status === 'processing' ? (draw() < 0.3 ? 2 : 4) : status === 'waiting' ? 5 : status === 'denied' ? 3 : status === 'withdrawn' ? 7 : status === 'refused' ? 8 : returned ? 10 : 9;

    const online = source.channel === 'online';
    const fees = draw() < 0.35 ? Array.from({ length: draw() < 0.8 ? 1 : 2 }, (_, k) => ({ TenPhiLePhi: k === 0 ? 'Lệ phí' : 'Phí', MaPhiLePhi: `LP${k + 1}`, HinhThucThu: 1, Gia: pick(FEES, draw), LoaiPhiLePhi: k + 1 })) : [];
    const paidCode = fees.length > 0 && online ? (draw() < 0.6 ? 1 : 2) : 0;
    const documents = Array.from({ length: 1 + Math.floor(3 * draw()) }, () => ({
      TenTaiLieu: pick(DOCUMENTS, draw),
      DuocSoHoa: flag(draw() < (online ? 0.9 : 0.4)),
      DuocTaiSuDung: flag(draw() < 0.1),
      DuocLayTuKhoDMQG: flag(draw() < 0.15),
    }));
    const anyDigitized = documents.some((document) => document.DuocSoHoa === 1);
    const results = settled && status === 'resolved' ? (draw() < 0.6 ? [{ TenGiayTo: 'Kết quả giải quyết', DuongDanTep: `https://motcua.example.vn/kq/${code}.pdf` }] : []) : null;
    const vneid = online ? flag(draw() < 0.7) : null;
    // Some dossiers handed back for more papers carry their supplement round.
    const receivedMs = Date.parse(`${received}+07:00`);
    const asked = receivedMs + Math.floor((2 + 46 * draw()) * HOUR_MS);
    const rounds = status === 'waiting' && draw() < 0.5 && asked <= nowMs ? [{ NgayBoSung: compact(wallOf(asked)), NgayHenTraTruoc: compact(due) }] : null;

    const family = pick(FAMILY, draw);
    const dvcqg: Record<string, unknown> = {
      MaHoSo: code,
      MaTTHC: source.procedureCode,
      TenTTHC: source.procedureName,
      MaLinhVuc: source.field.split(/\s+/).map((word) => word[0]).join('').toUpperCase(),
      TenLinhVuc: source.field,
      KenhThucHien: CHANNEL_CODE[source.channel],
      DonViXuLy: names.get(source.unitCode),
      LoaiDoiTuong: draw() < 0.9 ? 1 : 2,
      ChuHoSo: `${family} ${pick(MIDDLE, draw)} ${pick(GIVEN, draw)}`,
      SoDienThoai: `09${digits(draw, 8)}`,
      Email: draw() < 0.5 ? `${family.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase()}${digits(draw, 3)}@example.vn` : '',
      SoGiayToChuHoSo: digits(draw, 12),
      DinhDanhCHS: digits(draw, 12),
      DiaChiThuongTruChuHoSo: `${1 + Math.floor(200 * draw())} ${pick(STREETS, draw)}, ${names.get(source.unitCode)}`,
      TrangThaiHoSo: statusCode,
      NgayTiepNhan: compact(received),
      NgayHenTra: compact(due),
      NgayKetThucXuLy: finished ? compact(finished) : '',
      NgayTra: returned ? compact(returned) : '',
      DanhSachLePhi: fees,
      DuocThanhToanTrucTuyen: paidCode,
      HoSoCoThanhPhanSoHoa: flag(anyDigitized),
      TaiLieuNop: documents,
      ...(results ? { DanhSachGiayToKetQua: results } : {}),
      ...(vneid === null ? {} : { TaiKhoanDuocXacThucVoiVNeID: vneid }),
      ...(rounds ? { DanhSachHoSoBoSung: rounds } : {}),
    };
    const ours: Record<string, unknown> = {
      code,
      unitCode: `o-${source.unitCode}`,
      procedureCode: source.procedureCode,
      procedureName: source.procedureName,
      field: source.field,
      channel: source.channel,
      status,
      receivedAt: received,
      dueAt: due,
      ...(settled ? { resolvedAt: finished } : {}),
      ...(status === 'withdrawn' ? { withdrawnAt: finished } : {}),
      ...(returned ? { returnedAt: returned } : {}),
      feeAmount: fees.reduce((sum, fee) => sum + fee.Gia, 0),
      ...(paidCode === 0 ? {} : { paidOnline: paidCode === 1 ? 'dvcqg' : 'gateway' }),
      digitized: anyDigitized,
      reusedData: documents.some((document) => document.DuocTaiSuDung === 1),
      citizenRepository: documents.some((document) => document.DuocLayTuKhoDMQG === 1),
      ...(results ? { electronicResult: results.length > 0, resultDigitized: results.length > 0 } : {}),
      ...(vneid === null ? {} : { vneidVerified: vneid === 1 }),
      // The version a DVCQG record is given: the latest moment it records (local times of one form sort as text).
      sourceUpdatedAt: [received, finished, returned].filter((time): time is string => time !== null).sort().at(-1),
    };
    pairs.push({ agency, dvcqg, ours });
  }
  return pairs;
}
