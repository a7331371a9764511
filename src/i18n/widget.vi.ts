/**
 * Every word the widget and its detail page show. It reproduces the portals' "Kết quả giải
 * quyết TTHC" word for word (docs/figures.md §7). The Vietnamese source: English is typed against it.
 */
export const WIDGET_VI = {
  title: 'Kết quả giải quyết TTHC',
  monthLine: 'Đến tháng {{month}} đã giải quyết: {{percent}}',
  settled: 'Số hồ sơ xử lý',
  onTime: 'Trước & đúng hạn',
  late: 'Trễ hạn',
  lateRate: 'Tỉ lệ trễ hạn',
  details: 'Chi tiết',
  updatedAt: 'Cập nhật lúc',
  /** Shown only when the widget is asked for it (showScore=true). */
  scoreLine: 'Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): {{score}}',
  scoreOutOf: '{{score}}/20',
  mergedInto: 'Đã hợp nhất vào {{name}} từ {{date}}',
  splitInto: 'Đã chia tách từ {{date}}; số liệu lịch sử thuộc {{name}}',
  ceased: 'Số liệu đến ngày {{date}}, ngày cuối cùng của đơn vị',
  detail: {
    title: 'Chi tiết kết quả giải quyết TTHC',
    period: 'Từ ngày {{from}} đến ngày {{to}}',
    scopeWithChildren: 'Gồm cả các đơn vị trực thuộc',
    headline: {
      settled: 'Hồ sơ đã giải quyết',
      onTime: 'Trước & đúng hạn',
      late: 'Trễ hạn',
      received: 'Tiếp nhận trong kỳ',
      carriedOver: 'Kỳ trước chuyển qua',
      open: 'Đang giải quyết',
      overdue: 'Quá hạn',
      overdueOf: 'trong {{open}} hồ sơ đang giải quyết',
    },
    chart: {
      title: 'Hồ sơ đã giải quyết và tỉ lệ trước & đúng hạn theo tháng',
      onTime: 'Trước & đúng hạn',
      late: 'Trễ hạn',
      figures: 'Bên phải: đã giải quyết · tỉ lệ trước & đúng hạn',
      nothing: 'Tháng {{month}}: chưa có hồ sơ đã giải quyết.',
      month: 'Tháng {{month}}: {{settled}} hồ sơ đã giải quyết, {{percent}} trước & đúng hạn, {{late}} trễ hạn.',
    },
    tables: {
      field: 'Theo lĩnh vực',
      month: 'Theo tháng',
      channel: 'Theo hình thức tiếp nhận',
      unit: 'Theo đơn vị',
    },
    firstColumn: { field: 'Lĩnh vực', month: 'Tháng', channel: 'Hình thức', unit: 'Đơn vị' },
    /** One per figure column of a detail-page row (widget-display checks they match). */
    columns: {
      received: 'Tiếp nhận',
      settled: 'Đã giải quyết',
      early: 'Trước hạn',
      onTime: 'Đúng hạn',
      late: 'Trễ hạn',
      onTimePercent: 'Tỉ lệ trước & đúng hạn',
      latePercent: 'Tỉ lệ trễ hạn',
      open: 'Đang giải quyết',
      overdue: 'Quá hạn',
    },
    total: 'Tổng cộng',
    empty: 'Không có hồ sơ trong kỳ.',
    noField: '(Chưa phân loại)',
    ownDossiers: '{{name}} (hồ sơ của chính đơn vị)',
    /** One per channel of a dossier (widget-display checks they match). */
    channels: { direct: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính công ích' },
    note: 'Tỉ lệ tính trên số hồ sơ đã giải quyết trong kỳ; "Đang giải quyết" và "Quá hạn" tính tại cuối kỳ.',
    otherLanguage: 'English',
    json: 'Dữ liệu JSON',
    lookup: 'Tra cứu hồ sơ',
  },
} as const;
