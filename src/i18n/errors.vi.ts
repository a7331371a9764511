/**
 * Words of refusals and faults as people read them on a page; the JSON API keeps its English
 * `message`. The Vietnamese source: English is typed against it. A refusal's English here says
 * what the service's own English says (an English page shows the service's line itself, see
 * refusal-words.ts), with only the slots the Vietnamese has.
 */
export const ERRORS_VI = {
  databaseUnavailable: {
    heading: 'Tạm thời không truy cập được cơ sở dữ liệu',
    message: 'Máy chủ cơ sở dữ liệu đang tạm ngừng hoặc khởi động lại. Vui lòng thử lại sau vài giây; dữ liệu đã lưu không bị mất.',
  },
  units: {
    exists: 'Đơn vị {{code}} đã có.',
    notFound: 'Không có đơn vị {{code}}.',
    parentNotFound: 'Không có đơn vị cấp trên {{code}}.',
  },
  accounts: {
    mayNotCreateRole: 'Tài khoản của bạn không được tạo tài khoản có vai trò {{role}}.',
    mayNotCreateFor: 'Tài khoản của bạn không được tạo tài khoản cho đơn vị {{unit}}.',
    notCreated: 'Chưa tạo được tài khoản.',
    emailNotAddress: 'Thư điện tử {{value}} không phải là một địa chỉ thư điện tử.',
    role: 'Vai trò phải là một trong: {{roles}}.',
    unitRequired: 'Cần chọn đơn vị cho mọi vai trò trừ quản trị hệ thống.',
    exists: 'Đã có tài khoản cho {{email}}.',
    notFound: 'Không có tài khoản {{id}}.',
    cannotDisableItself: 'Không thể tự khoá tài khoản của chính mình.',
  },
  passwords: {
    notChanged: 'Chưa đổi được mật khẩu.',
    notCurrent: 'Mật khẩu hiện tại không đúng.',
    required: 'Cần nhập mật khẩu.',
    tooShort: 'Mật khẩu phải có ít nhất {{min}} ký tự.',
    containsEmail: 'Mật khẩu không được chứa phần tên của địa chỉ thư điện tử.',
  },
  apiKeys: {
    adminKeyAdminsOnly: 'Chỉ quản trị hệ thống mới được tạo khóa quản trị.',
    mayNotCreateFor: 'Tài khoản của bạn không được tạo khóa cho đơn vị {{unit}}.',
    notFound: 'Không có khóa API {{id}}.',
  },
  calendar: {
    ordinaryNationalDay: 'Ngày {{date}} là ngày thường trong lịch quốc gia.',
    ordinaryUnitDay: 'Ngày {{date}} là ngày thường trong lịch của {{unit}}.',
    kind: 'Loại ngày phải là một trong: {{kinds}}.',
    nameLength: 'Tên ngày phải dài từ 1 đến 200 ký tự.',
    noEntry: 'Lịch không có ngày {{date}}.',
    nationalAdminsOnly: 'Chỉ quản trị hệ thống mới được sửa lịch quốc gia.',
    mayNotChange: 'Bạn không được sửa lịch của {{unit}}.',
  },
  procedures: {
    notFound: 'Thủ tục {{code}} không có trong danh mục.',
  },
  subscriptions: {
    mayNotRead: 'Bạn không được xem báo cáo định kỳ của {{unit}}.',
    notFound: 'Không có báo cáo định kỳ {{id}}.',
    unitRequired: 'Cần chọn đơn vị.',
    mayNotManage: 'Bạn không được quản lý báo cáo định kỳ của {{unit}}.',
    notSaved: 'Chưa lưu được báo cáo định kỳ.',
    periodKind: 'Kỳ báo cáo phải là một trong: {{kinds}}.',
    recipientsRequired: 'Cần ít nhất một người nhận.',
    recipientsTooMany: 'Tối đa {{max}} người nhận.',
    recipientNotAddress: 'Người nhận {{value}} không phải là một địa chỉ thư điện tử.',
    locale: 'Ngôn ngữ thư phải là một trong: {{locales}}.',
    sendAt: 'Giờ gửi phải có dạng HH:mm, từ 00:00 đến 23:59 (giờ Việt Nam).',
    sendWeekday: 'Ngày gửi của báo cáo tuần phải là thứ trong tuần, từ 1 (thứ Hai) đến 7 (Chủ nhật).',
    sendDay: 'Ngày gửi phải là số nguyên từ 1 đến 28: ngày thứ mấy sau khi kỳ kết thúc (1 = ngày đầu kỳ mới).',
    monthStartDay: 'Tháng tính từ ngày 1 (tháng dương lịch) hoặc ngày 15 (từ ngày 15 đến ngày 14 tháng sau).',
  },
  imports: {
    mayNotLoad: 'Bạn không được nạp hồ sơ cho đơn vị {{unit}}.',
    notFound: 'Không có lần nạp {{id}}.',
    mayNotRead: 'Bạn không được xem các lần nạp của đơn vị {{unit}}.',
  },
} as const;
