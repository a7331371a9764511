import { plainText } from '../common/text';
import { Channel, DossierStatus } from '../dossiers/classification';

/**
 * The words of a one-stop export: the record fields its columns fill, the headings that name
 * them, and the status and channel words of its cells. Everything is compared on its plain form
 * (common/text.ts), whole value only.
 */

export const RECORD_FIELDS = [
  'code',
  'unitCode',
  'procedureCode',
  'procedureName',
  'field',
  'channel',
  'status',
  'receivedAt',
  'dueAt',
  'resolvedAt',
  'extendedDueAt',
  'withdrawnAt',
  'sourceUpdatedAt',
  'returnedAt',
  'electronicResult',
  'digitized',
  'resultDigitized',
  'reusedData',
  'citizenRepository',
  'vneidVerified',
  'feeAmount',
  'paidOnline',
  'complaint',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const REQUIRED_COLUMNS = ['code', 'status', 'receivedAt'] as const;

/** The heading shown in messages for a field nobody could find. */
export const VIETNAMESE_NAME: Record<RecordField, string> = {
  code: 'Mã hồ sơ',
  unitCode: 'Mã đơn vị',
  procedureCode: 'Mã thủ tục',
  procedureName: 'Tên thủ tục',
  field: 'Lĩnh vực',
  channel: 'Kênh nộp',
  status: 'Trạng thái',
  receivedAt: 'Ngày tiếp nhận',
  dueAt: 'Ngày hẹn trả',
  resolvedAt: 'Ngày có kết quả',
  extendedDueAt: 'Ngày hẹn trả mới',
  withdrawnAt: 'Ngày rút',
  sourceUpdatedAt: 'Ngày cập nhật',
  returnedAt: 'Ngày trả',
  electronicResult: 'Kết quả điện tử',
  digitized: 'Số hóa hồ sơ',
  resultDigitized: 'Số hóa kết quả',
  reusedData: 'Tái sử dụng dữ liệu',
  citizenRepository: 'Lấy từ kho dữ liệu',
  vneidVerified: 'Xác thực VNeID',
  feeAmount: 'Phí, lệ phí',
  paidOnline: 'Thanh toán trực tuyến',
  complaint: 'Phản ánh, kiến nghị',
};

/** The headings of the required columns, as an error names them: "Mã hồ sơ, Trạng thái, Ngày tiếp nhận". */
export const REQUIRED_HEADINGS = REQUIRED_COLUMNS.map((field) => VIETNAMESE_NAME[field]).join(', ');

/** Headings a one-stop export uses; the field's own name ("unitCode", "unit code") is added below. */
const HEADINGS: Record<RecordField, readonly string[]> = {
  code: ['Mã hồ sơ', 'Số hồ sơ', 'Ma HS', 'Số HS', 'Dossier code'],
  unitCode: ['Mã đơn vị'],
  procedureCode: ['Mã thủ tục', 'Mã TTHC', 'Procedure code'],
  procedureName: ['Thủ tục', 'Tên thủ tục', 'Tên TTHC', 'Thủ tục hành chính', 'Procedure', 'Procedure name'],
  field: ['Lĩnh vực'],
  channel: ['Kênh nộp', 'Hình thức nộp', 'Hình thức tiếp nhận', 'Kênh tiếp nhận'],
  status: ['Trạng thái', 'Trạng thái hồ sơ', 'Trạng thái xử lý'],
  receivedAt: ['Ngày tiếp nhận', 'Ngày nhận', 'Thời gian tiếp nhận', 'Received'],
  dueAt: ['Ngày hẹn trả', 'Hạn giải quyết', 'Hạn xử lý', 'Ngày hẹn trả kết quả', 'Due', 'Due date'],
  resolvedAt: ['Ngày có kết quả', 'Ngày trả kết quả', 'Ngày hoàn thành', 'Resolved'],
  extendedDueAt: ['Ngày hẹn trả mới', 'Ngày gia hạn', 'Hạn mới'],
  withdrawnAt: ['Ngày rút', 'Ngày rút hồ sơ', 'Withdrawn'],
  sourceUpdatedAt: ['Ngày cập nhật', 'Cập nhật lúc', 'Updated at'],
  // "Ngày trả kết quả" names resolvedAt above: exports use it for the day the result was ready.
  returnedAt: ['Ngày trả', 'Ngày trả hồ sơ', 'Ngày công dân nhận kết quả', 'NgayTra', 'Returned'],
  electronicResult: ['Kết quả điện tử', 'Có kết quả điện tử', 'Trả kết quả điện tử'],
  digitized: ['Số hóa hồ sơ', 'Hồ sơ số hóa', 'Đã số hóa', 'HoSoCoThanhPhanSoHoa'],
  resultDigitized: ['Số hóa kết quả', 'Kết quả số hóa'],
  reusedData: ['Tái sử dụng dữ liệu', 'Tái sử dụng', 'DuocTaiSuDung'],
  citizenRepository: ['Lấy từ kho dữ liệu', 'Kho dữ liệu cá nhân', 'DuocLayTuKhoDMQG'],
  vneidVerified: ['Xác thực VNeID', 'TaiKhoanDuocXacThucVoiVNeID'],
  feeAmount: ['Phí, lệ phí', 'Phí lệ phí', 'Tổng phí, lệ phí', 'Fee'],
  paidOnline: ['Thanh toán trực tuyến', 'DuocThanhToanTrucTuyen'],
  complaint: ['Phản ánh, kiến nghị', 'Phản ánh kiến nghị', 'Có phản ánh'],
};

/**
 * Headings that name a field only when no other column does: "Đơn vị" often holds the unit's
 * name rather than its code (its values are read only when they look like a code), and
 * "Tình trạng" often holds the export's own "Đúng hạn / Trễ hạn" verdict beside "Trạng thái".
 */
const FALLBACK_HEADINGS: Partial<Record<RecordField, readonly string[]>> = {
  unitCode: ['Đơn vị'],
  status: ['Tình trạng'],
  // Generic words that exports use beside the precise ones ("Phí" beside "Lệ phí", "Số hóa"
  // beside "Số hóa hồ sơ"): read only when no precise column names the fact.
  feeAmount: ['Lệ phí'],
  digitized: ['Số hóa'],
  citizenRepository: ['Kho dữ liệu'],
  vneidVerified: ['VNeID'],
  paidOnline: ['Hình thức thanh toán'],
  complaint: ['Khiếu nại'],
};

const STATUS_WORDS: Record<DossierStatus, readonly string[]> = {
  processing: ['Đang xử lý', 'Đang giải quyết', 'Đang thụ lý', 'Mới tiếp nhận'],
  waiting: ['Chờ bổ sung', 'Tạm dừng', 'Yêu cầu bổ sung', 'Chờ công dân bổ sung'],
  resolved: ['Đã giải quyết', 'Đã trả kết quả', 'Hoàn thành', 'Đã có kết quả'],
  refused: ['Từ chối', 'Không giải quyết', 'Từ chối giải quyết'],
  withdrawn: ['Đã rút', 'Rút hồ sơ', 'Công dân rút hồ sơ', 'Dừng xử lý theo yêu cầu'],
  denied: ['Từ chối tiếp nhận', 'Không tiếp nhận', 'Trả lại hồ sơ'],
};

const CHANNEL_WORDS: Record<Channel, readonly string[]> = {
  direct: ['Trực tiếp', 'Tại quầy', 'Một cửa'],
  online: ['Trực tuyến', 'Dịch vụ công trực tuyến', 'DVC trực tuyến', 'Qua mạng', 'Online'],
  postal: ['Bưu chính', 'Bưu chính công ích', 'Qua bưu điện', 'BCCI'],
};

/** Rank of a heading's claim on a field: a mapping file's beats a known heading beats a fallback. */
export const Rank = { Mapping: 0, Known: 1, Fallback: 2 } as const;
export type Rank = (typeof Rank)[keyof typeof Rank];

export const KNOWN_HEADINGS: ReadonlyMap<string, { field: RecordField; rank: Rank }> = (() => {
  const known = new Map<string, { field: RecordField; rank: Rank }>();
  for (const field of RECORD_FIELDS) {
    for (const heading of [...HEADINGS[field], field, field.replace(/[A-Z]/g, (letter) => ` ${letter}`)]) {
      known.set(plainText(heading), { field, rank: Rank.Known });
    }
    for (const heading of FALLBACK_HEADINGS[field] ?? []) known.set(plainText(heading), { field, rank: Rank.Fallback });
  }
  return known;
})();

function wordTable<T extends string>(words: Record<T, readonly string[]>): ReadonlyMap<string, T> {
  const table = new Map<string, T>();
  for (const value of Object.keys(words) as T[]) {
    table.set(value.toLowerCase(), value);
    for (const word of words[value]) table.set(plainText(word), value);
  }
  return table;
}

/** Yes and no in a flag column (docs/figures.md §11): anything else is an error naming the cell. */
const FLAG_WORDS: Record<'true' | 'false', readonly string[]> = {
  true: ['Có', 'Đúng', 'Rồi', 'Đã', 'x', 'X', '1', 'yes', 'Y', 'Đã số hóa', 'Đã xác thực', 'Đã trả', 'Có kết quả điện tử'],
  false: ['Không', 'Sai', 'Chưa', '0', 'no', 'N', 'Chưa số hóa', 'Chưa xác thực', 'Không có'],
};

/** How a fee was paid online; "Không" (not online) is an empty cell's meaning. */
const PAID_WORDS: Record<'dvcqg' | 'gateway' | 'none', readonly string[]> = {
  dvcqg: ['DVCQG', 'Cổng DVCQG', 'Cổng Dịch vụ công quốc gia', '1'],
  gateway: ['Cổng tỉnh', 'Cổng thanh toán tỉnh', 'Cổng bộ', 'Hệ thống tỉnh', '2'],
  none: ['Không', 'Chưa', 'Trực tiếp', '0', 'Tiền mặt', 'Tại quầy', 'Chuyển khoản', 'Miễn phí'],
};

export const KNOWN_FLAGS = wordTable(FLAG_WORDS);
export const KNOWN_PAYMENTS = wordTable(PAID_WORDS);

export const KNOWN_STATUSES = wordTable(STATUS_WORDS);
export const KNOWN_CHANNELS = wordTable(CHANNEL_WORDS);

/** A mapping file's section keyed by plain form, as the tables above are. */
export function plainKeys<T>(entries: Record<string, T> | undefined): Map<string, T> {
  const table = new Map<string, T>();
  for (const [key, value] of Object.entries(entries ?? {})) table.set(plainText(key), value);
  return table;
}
