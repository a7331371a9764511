import { Locale } from '../../common/locale';

/**
 * Every word of the report e-mail and its XLSX attachment (docs/figures.md §8), per locale. The Vietnamese
 * table is the source; the English one is typed against it, so a key missing in English does not
 * compile. Plain data and small formatting functions only, nothing from the rest of reports/.
 */

const ROMAN = ['I', 'II', 'III', 'IV'];

const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const vi = {
  subject: (period: string, unit: string) => `Báo cáo kết quả giải quyết TTHC ${period} – ${unit}`,
  heading: 'Báo cáo kết quả giải quyết thủ tục hành chính',
  scopeWithChildren: 'Gồm cả các đơn vị trực thuộc',
  periodLabel: 'Kỳ báo cáo',
  periodRange: (from: string, to: string) => `Từ ngày ${from} đến ngày ${to}`,
  previousLine: (period: string, range: string) => `So sánh với kỳ trước: ${period} (${range.charAt(0).toLowerCase()}${range.slice(1)})`,
  headlineTitle: 'Số liệu chính',
  cards: {
    settled: 'Hồ sơ đã giải quyết',
    onTime: 'Tỉ lệ trước & đúng hạn',
    late: 'Tỉ lệ trễ hạn',
    received: 'Hồ sơ tiếp nhận mới',
    overdue: 'Hồ sơ quá hạn (cuối kỳ)',
    score: 'Điểm tiến độ giải quyết (QĐ 766)',
  },
  scoreSuffix: '/ 20',
  previousValue: (value: string) => `Kỳ trước: ${value}`,
  unchanged: 'Không đổi',
  percentPoints: 'điểm %',
  points: 'điểm',
  changeNote: '▲ tăng, ▼ giảm so với kỳ trước; mức thay đổi của tỉ lệ tính bằng điểm phần trăm.',
  table: {
    title: 'Biểu II.06a – Kết quả giải quyết thủ tục hành chính',
    sheetTitle: 'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    sheetName: 'Biểu II.06a',
    formNumber: 'Biểu số II.06a',
    reportingUnit: 'Đơn vị báo cáo',
    unitOfMeasure: 'Đơn vị tính: Số hồ sơ TTHC',
    number: 'STT',
    firstColumn: { field: 'Lĩnh vực', unit: 'Đơn vị' },
    groups: { received: 'Tiếp nhận', settled: 'Đã giải quyết', open: 'Đang giải quyết' },
    columns: {
      receivedTotal: 'Tổng số',
      receivedOnline: 'Trực tuyến',
      receivedDirectAndPostal: 'Trực tiếp & BCCI',
      carriedOver: 'Kỳ trước chuyển qua',
      settledTotal: 'Tổng số',
      settledEarly: 'Trước hạn',
      settledOnTime: 'Đúng hạn',
      settledLate: 'Trễ hạn',
      openTotal: 'Tổng số',
      openOnTrack: 'Trong hạn',
      openOverdue: 'Quá hạn',
    },
    total: 'Tổng cộng',
    noRows: 'Không có hồ sơ trong kỳ.',
    note:
      'Tiếp nhận “Tổng số” là hồ sơ mới tiếp nhận trong kỳ (trực tuyến + trực tiếp & BCCI), chưa gồm số kỳ trước chuyển qua; ' +
      '“Đang giải quyết” tính tại cuối kỳ. BCCI: dịch vụ bưu chính công ích.',
  },
  check: {
    label: 'Kiểm tra',
    received: 'Tiếp nhận',
    carriedOver: 'Kỳ trước chuyển qua',
    settled: 'Đã giải quyết',
    open: 'Đang giải quyết',
    withdrawn: 'Rút hồ sơ',
    difference: 'chênh lệch',
  },
  overdue: {
    title: (asOf: string) => `Hồ sơ đang giải quyết quá hạn (đến hết ngày ${asOf})`,
    /** Table headers (number, dossier, days overdue) and the labels of a dossier's details. */
    columns: {
      number: 'STT',
      dossier: 'Hồ sơ',
      days: 'Số ngày quá hạn (ngày làm việc)',
      field: 'Lĩnh vực',
      unit: 'Đơn vị',
      receivedAt: 'Ngày tiếp nhận',
      dueAt: 'Hạn trả kết quả',
      overdueBy: 'Quá hạn',
    },
    daysUnit: 'ngày làm việc',
    more: (count: string) => `và ${count} hồ sơ quá hạn khác`,
    countOnly: (count: string) => `Có ${count} hồ sơ quá hạn.`,
    none: 'Không có hồ sơ nào quá hạn vào cuối kỳ báo cáo.',
  },
  detailLink: 'Xem số liệu chi tiết',
  generatedAt: (at: string) => `Báo cáo lập lúc ${at} (giờ Việt Nam).`,
  rulesNote:
    'Số liệu tính theo quy định của Quyết định số 766/QĐ-TTg của Thủ tướng Chính phủ (trước hạn, đúng hạn, trễ hạn, quá hạn và điểm tiến độ giải quyết).',
  automatic: 'Thư này được gửi tự động theo đăng ký nhận báo cáo định kỳ.',
  /** A period's name in running text; `month` is 1–12, `half` 1 or 2. */
  periodNames: {
    week: (week: number, year: string) => `tuần ${week}/${year}`,
    month: (month: number, year: string) => `tháng ${String(month).padStart(2, '0')}/${year}`,
    quarter: (quarter: number, year: string) => `quý ${ROMAN[quarter - 1]}/${year}`,
    halfYear: (half: 1 | 2, year: string) => `6 tháng ${half === 1 ? 'đầu' : 'cuối'} năm ${year}`,
    year: (year: string) => `năm ${year}`,
  },
};

/** The shape of the report words: whatever the Vietnamese table holds. */
export type ReportText = typeof vi;

const en: ReportText = {
  subject: (period, unit) => `TTHC results report, ${period} – ${unit}`,
  heading: 'Administrative procedure results report',
  scopeWithChildren: 'Including the units below',
  periodLabel: 'Reporting period',
  periodRange: (from, to) => `From ${from} to ${to}`,
  previousLine: (period, range) => `Compared with the previous period: ${period} (${range.charAt(0).toLowerCase()}${range.slice(1)})`,
  headlineTitle: 'Key figures',
  cards: {
    settled: 'Dossiers settled',
    onTime: 'Early & on-time rate',
    late: 'Late rate',
    received: 'New dossiers received',
    overdue: 'Overdue open dossiers (end of period)',
    score: 'Processing progress score (Decision 766)',
  },
  scoreSuffix: '/ 20',
  previousValue: (value) => `Previous: ${value}`,
  unchanged: 'No change',
  percentPoints: 'pp',
  points: 'pts',
  changeNote: '▲ up, ▼ down against the previous period; changes of rates in percentage points (pp).',
  table: {
    title: 'Form II.06a – Administrative procedure results',
    sheetTitle: 'ADMINISTRATIVE PROCEDURE RESULTS',
    sheetName: 'Form II.06a',
    formNumber: 'Form II.06a',
    reportingUnit: 'Reporting unit',
    unitOfMeasure: 'Unit: number of dossiers',
    number: 'No.',
    firstColumn: { field: 'Field', unit: 'Unit' },
    groups: { received: 'Received', settled: 'Settled', open: 'Open' },
    columns: {
      receivedTotal: 'Total',
      receivedOnline: 'Online',
      receivedDirectAndPostal: 'Direct & postal',
      carriedOver: 'Carried over',
      settledTotal: 'Total',
      settledEarly: 'Early',
      settledOnTime: 'On time',
      settledLate: 'Late',
      openTotal: 'Total',
      openOnTrack: 'On track',
      openOverdue: 'Overdue',
    },
    total: 'Total',
    noRows: 'No dossiers in the period.',
    note:
      'Received “Total” counts the dossiers newly received in the period (online + direct & postal), without those carried over; ' +
      '“Open” is as of the end of the period.',
  },
  check: {
    label: 'Check',
    received: 'Received',
    carriedOver: 'Carried over',
    settled: 'Settled',
    open: 'Open',
    withdrawn: 'Withdrawn',
    difference: 'difference',
  },
  overdue: {
    title: (asOf) => `Overdue open dossiers (as of the end of ${asOf})`,
    columns: {
      number: 'No.',
      dossier: 'Dossier',
      days: 'Days overdue (working days)',
      field: 'Field',
      unit: 'Unit',
      receivedAt: 'Received',
      dueAt: 'Due',
      overdueBy: 'Overdue',
    },
    daysUnit: 'working days',
    more: (count) => `and ${count} more overdue dossiers`,
    countOnly: (count) => `${count} dossiers are overdue.`,
    none: 'No dossier was overdue at the end of the reporting period.',
  },
  detailLink: 'View the detailed figures',
  generatedAt: (at) => `Report computed at ${at} (Vietnam time).`,
  rulesNote:
    'Figures follow the rules of Decision No. 766/QĐ-TTg of the Prime Minister (early, on time, late, overdue and the processing progress score).',
  automatic: 'This message was sent automatically under a periodic report subscription.',
  periodNames: {
    week: (week, year) => `week ${week} of ${year}`,
    month: (month, year) => `${MONTHS_EN[month - 1]} ${year}`,
    quarter: (quarter, year) => `Q${quarter} ${year}`,
    halfYear: (half, year) => `${half === 1 ? 'first' : 'second'} half of ${year}`,
    year: (year) => `year ${year}`,
  },
};

export const REPORT_TEXT: Record<Locale, ReportText> = { vi, en };
