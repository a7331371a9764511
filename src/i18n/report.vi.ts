/**
 * Every word of the report e-mail and its XLSX attachment (docs/figures.md §8). The Vietnamese
 * source: English is typed against it. Sentences only: which one to take, how a figure or a date
 * is written and where a letter is lower-cased are the report renderer's business.
 */
export const REPORT_VI = {
  subject: 'Báo cáo kết quả giải quyết TTHC {{period}} – {{unit}}',
  heading: 'Báo cáo kết quả giải quyết thủ tục hành chính',
  scopeWithChildren: 'Gồm cả các đơn vị trực thuộc',
  periodLabel: 'Kỳ báo cáo',
  periodRange: 'Từ ngày {{from}} đến ngày {{to}}',
  /** `range` is the previous period's periodRange, its first letter lower-cased to run on in the brackets. */
  previousLine: 'So sánh với kỳ trước: {{period}} ({{range}})',
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
  previousValue: 'Kỳ trước: {{value}}',
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
    title: 'Hồ sơ đang giải quyết quá hạn (đến hết ngày {{asOf}})',
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
    more: 'và {{count}} hồ sơ quá hạn khác',
    countOnly: 'Có {{count}} hồ sơ quá hạn.',
    none: 'Không có hồ sơ nào quá hạn vào cuối kỳ báo cáo.',
  },
  /** The Decision 766 section of a month's or a quarter's report, and its sheet in the XLSX. */
  scorecard: {
    title: 'Chỉ số 766 (phần tính từ hồ sơ)',
    /** A score out of its maximum: "41,37 / 50". */
    outOf: '{{points}} / {{max}}',
    columns: { group: 'Nhóm chỉ số', points: 'Điểm', previous: 'Kỳ trước', change: 'Thay đổi' },
    total: 'Tổng điểm',
    // One literal, not a sum of two: the compiler reads a sentence's slots from its literal type.
    note: 'Điểm tính từ hồ sơ của kỳ cho {{max}} trên 100 điểm của Bộ chỉ số theo Quyết định số 766/QĐ-TTg; các chỉ tiêu khác cần dữ liệu ngoài hồ sơ (xem trang “{{sheet}}” của tệp đính kèm). “—”: không có hồ sơ để tính.',
    losers: {
      title: 'Đơn vị trực thuộc giảm điểm nhiều nhất so với kỳ trước',
      unit: 'Đơn vị',
      points: 'Điểm kỳ trước → kỳ này',
      change: 'Thay đổi',
      none: 'Không có đơn vị trực thuộc nào giảm điểm so với kỳ trước.',
    },
    sheet: {
      name: 'Chỉ số 766',
      title: 'CHỈ SỐ 766 – PHẦN TÍNH TỪ HỒ SƠ',
      columns: {
        group: 'Nhóm chỉ số',
        id: 'Mã',
        name: 'Chỉ tiêu',
        numerator: 'Tử số',
        denominator: 'Mẫu số',
        ratio: 'Tỉ lệ',
        points: 'Điểm',
        maxPoints: 'Điểm tối đa',
        target: 'Mục tiêu',
        onePointMore: 'Để thêm 1 điểm',
      },
      total: 'Tổng điểm',
      previousLine: 'Kỳ trước ({{period}}): {{points}} điểm; thay đổi: {{change}}.',
      note:
        'Tỉ lệ = tử số / mẫu số; đạt tỉ lệ mục tiêu là đạt điểm tối đa. Chỉ tiêu 2.2: tử số là tổng số phút, tỉ lệ là số ngày trung bình, không tính điểm. ' +
        'Chỉ tiêu 5.4: 100% trừ tỉ lệ trễ hạn và tỉ lệ bị phản ánh. “—”: không có hồ sơ để tính.',
      notComputed: { title: 'Chỉ tiêu chưa tính', reason: 'Lý do' },
      ranking: {
        title: 'Xếp hạng đơn vị trực thuộc',
        rank: 'Hạng',
        unit: 'Đơn vị',
        points: 'Điểm kỳ này',
        previous: 'Điểm kỳ trước',
        change: 'Thay đổi',
        maxPoints: 'Điểm tối đa',
        progress: 'Tỉ lệ 2.1',
        weakest: 'Chỉ tiêu mất nhiều điểm nhất',
        onePointMore: 'Để thêm 1 điểm',
      },
    },
  },
  detailLink: 'Xem số liệu chi tiết',
  generatedAt: 'Báo cáo lập lúc {{at}} (giờ Việt Nam).',
  rulesNote:
    'Số liệu tính theo quy định của Quyết định số 766/QĐ-TTg của Thủ tướng Chính phủ (trước hạn, đúng hạn, trễ hạn, quá hạn và điểm tiến độ giải quyết).',
  automatic: 'Thư này được gửi tự động theo đăng ký nhận báo cáo định kỳ.',
  /**
   * A period's name in running text. A month, a quarter and a half-year are each a sentence of
   * their own, under the key its period name gives (2025-05 → m05, 2025-Q2 → q2, 2025-H1 → h1),
   * because languages write them too differently to share one.
   */
  periodNames: {
    week: 'tuần {{week}}/{{year}}',
    month: {
      m01: 'tháng 01/{{year}}',
      m02: 'tháng 02/{{year}}',
      m03: 'tháng 03/{{year}}',
      m04: 'tháng 04/{{year}}',
      m05: 'tháng 05/{{year}}',
      m06: 'tháng 06/{{year}}',
      m07: 'tháng 07/{{year}}',
      m08: 'tháng 08/{{year}}',
      m09: 'tháng 09/{{year}}',
      m10: 'tháng 10/{{year}}',
      m11: 'tháng 11/{{year}}',
      m12: 'tháng 12/{{year}}',
    },
    quarter: {
      q1: 'quý I/{{year}}',
      q2: 'quý II/{{year}}',
      q3: 'quý III/{{year}}',
      q4: 'quý IV/{{year}}',
    },
    halfYear: {
      h1: '6 tháng đầu năm {{year}}',
      h2: '6 tháng cuối năm {{year}}',
    },
    year: 'năm {{year}}',
  },
} as const;
