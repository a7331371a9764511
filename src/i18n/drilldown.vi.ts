/** The words of the page listing the dossiers that cost a 766 indicator its points. The Vietnamese source: English is typed against it. */
export const DRILLDOWN_VI = {
  title: 'Hồ sơ làm mất điểm Chỉ số 766',
  heading: 'Chỉ số {{id}}: hồ sơ làm mất điểm',
  total: '{{count}} hồ sơ làm mất điểm',
  judgedAt: 'hồ sơ chưa kết thúc được đánh giá tại thời điểm {{at}}',
  none: 'Không có hồ sơ nào làm mất điểm chỉ số này trong kỳ.',
  scorecard: '‹ Bảng điểm Chỉ số 766',
  indicators: 'Các chỉ số',
  reason: 'Lý do mất điểm',
  status: 'Trạng thái',
  finishedAt: 'Kết thúc xử lý',
} as const;
