/**
 * Every word of the citizen lookup (`/tra-cuu`, `GET /api/v1/lookup/{code}`). The Vietnamese
 * source: English is typed against it. The step words are the DVCQG status names (NATIONAL.md §3).
 */
export const LOOKUP_VI = {
  title: 'Tra cứu hồ sơ',
  heading: 'Tra cứu tình trạng hồ sơ',
  codeLabel: 'Mã hồ sơ',
  codeHint: 'Mã in trên giấy tiếp nhận và hẹn trả kết quả, ví dụ 000.00.21.H23-250602-0001',
  submit: 'Tra cứu',
  notFound: 'Không tìm thấy hồ sơ',
  notFoundHint: 'Kiểm tra lại mã trên giấy tiếp nhận và hẹn trả kết quả. Chỉ tra cứu được hồ sơ do các cơ quan gửi về hệ thống này.',
  result: 'Hồ sơ {{code}}',
  labels: {
    status: 'Tình trạng',
    timeliness: 'Tiến độ',
    procedure: 'Thủ tục',
    field: 'Lĩnh vực',
    unit: 'Cơ quan giải quyết',
    channel: 'Hình thức nộp',
    receivedAt: 'Ngày tiếp nhận',
    dueAt: 'Ngày hẹn trả kết quả',
    extendedDueAt: 'Ngày hẹn trả mới',
    resolvedAt: 'Ngày có kết quả',
    returnedAt: 'Ngày trả kết quả',
  },
  /** One per status of a dossier, and `returned` for a resolved one whose result was handed over. */
  status: {
    processing: 'Đang xử lý',
    waiting: 'Chờ bổ sung',
    resolved: 'Đã có kết quả',
    returned: 'Đã trả kết quả',
    refused: 'Từ chối',
    withdrawn: 'Đã rút',
    denied: 'Không được tiếp nhận',
  },
  channels: { direct: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính công ích' },
  timeliness: { early: 'Trước hạn', onTime: 'Đúng hạn', late: 'Trễ hạn', onTrack: 'Trong hạn', overdue: 'Quá hạn' },
  steps: {
    heading: 'Quá trình xử lý',
    empty: 'Chưa có bước xử lý nào được gửi về.',
    department: 'Bộ phận',
    stepDueAt: 'Hạn của bước',
    unknown: 'Bước xử lý (mã {{code}})',
  },
  /** One per DVCQG status code 1–10, in order (lookup-answer.ts STEP_WORDS). */
  step: {
    registered: 'Mới đăng ký',
    received: 'Được tiếp nhận',
    notReceived: 'Không được tiếp nhận',
    processing: 'Đang xử lý',
    supplement: 'Yêu cầu bổ sung giấy tờ',
    financial: 'Yêu cầu thực hiện nghĩa vụ tài chính',
    withdrawalAsked: 'Công dân yêu cầu rút hồ sơ',
    stopped: 'Dừng xử lý',
    processed: 'Đã xử lý xong',
    returned: 'Đã trả kết quả',
  },
  judgedAt: 'Tình trạng lúc {{time}} (giờ Việt Nam)',
  note: 'Trang này chỉ cho biết tình trạng hồ sơ; không có thông tin cá nhân của người nộp.',
  otherLanguage: 'English',
  json: 'Dữ liệu JSON',
} as const;
