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
    kindOnlyForCommunes: 'Chỉ đơn vị cấp xã mới có loại (xã, phường, đặc khu); đơn vị {{code}} không phải cấp xã.',
    agencyCodeTaken: 'Mã định danh {{agencyCode}} đã là mã của đơn vị {{holder}}.',
    parentRetired: 'Đơn vị cấp trên {{code}} đã hết hiệu lực từ sau ngày {{validTo}}.',
    parentNotYetValid: 'Đơn vị cấp trên {{code}} chỉ có hiệu lực từ ngày {{validFrom}}; ngày hiệu lực của đơn vị mới không được sớm hơn.',
  },
  reorganizations: {
    refused: 'Quyết định sắp xếp không được áp dụng: có thay đổi không hợp lệ, không thay đổi nào được ghi.',
    alreadyApplied: 'Quyết định sắp xếp này đã được áp dụng (số {{id}}); không áp dụng lần thứ hai.',
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
    nameRequired: 'Cần nhập tên gợi nhớ của khóa, dài từ 1 đến 200 ký tự.',
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
  /** Text from outside that is not valid UTF-8 (common/text.ts), by the field it was given for; the place is a character count. */
  text: {
    email: 'Thư điện tử không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
    accountName: 'Họ tên không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
    keyName: 'Tên gợi nhớ của khóa không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
    dayName: 'Tên ngày không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
    recipient: 'Địa chỉ người nhận thứ {{n}} không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
    procedureCode: 'Mã thủ tục không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
    procedureName: 'Tên thủ tục không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
    procedureField: 'Lĩnh vực không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
    fileName: 'Tên tệp không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
  },
  /** A local date from outside (common/local-time.ts), by the field it was given for. */
  dates: {
    date: {
      invalid: 'Ngày {{value}} không phải là ngày hợp lệ (viết theo dạng YYYY-MM-DD, ví dụ 2025-06-20).',
      outOfRange: 'Ngày {{value}} nằm ngoài khoảng ngày hệ thống nhận (từ 01/01/1900 đến 31/12/2199).',
    },
    from: {
      invalid: 'Ngày bắt đầu {{value}} không phải là ngày hợp lệ (viết theo dạng YYYY-MM-DD, ví dụ 2025-01-01).',
      outOfRange: 'Ngày bắt đầu {{value}} nằm ngoài khoảng ngày hệ thống nhận (từ 01/01/1900 đến 31/12/2199).',
    },
    to: {
      invalid: 'Ngày kết thúc {{value}} không phải là ngày hợp lệ (viết theo dạng YYYY-MM-DD, ví dụ 2025-06-30).',
      outOfRange: 'Ngày kết thúc {{value}} nằm ngoài khoảng ngày hệ thống nhận (từ 01/01/1900 đến 31/12/2199).',
    },
    validFrom: {
      invalid: 'Ngày hiệu lực {{value}} không phải là ngày hợp lệ (viết theo dạng YYYY-MM-DD, ví dụ 2025-07-01).',
      outOfRange: 'Ngày hiệu lực {{value}} nằm ngoài khoảng ngày hệ thống nhận (từ 01/01/1900 đến 31/12/2199).',
    },
  },
  procedures: {
    notFound: 'Thủ tục {{code}} không có trong danh mục.',
    notStored: 'Chưa lưu được thủ tục.',
    notAnObject: 'Mỗi thủ tục phải là một đối tượng JSON.',
    codeRequired: 'Mã thủ tục là bắt buộc, dài từ 1 đến 64 ký tự.',
    nameRequired: 'Tên thủ tục là bắt buộc, dài từ 1 đến 500 ký tự.',
    fieldLength: 'Lĩnh vực dài từ 1 đến 200 ký tự.',
    processingDays: 'Số ngày giải quyết là bắt buộc: một số nguyên ngày làm việc từ 0 đến {{max}}.',
  },
  widget: {
    notSaved: 'Chưa lưu được cài đặt của tiện ích.',
    decimals: 'Số chữ số thập phân phải là số nguyên từ 0 đến {{max}}.',
    formLocale: 'Ngôn ngữ mặc định phải là Tiếng Việt hoặc English.',
    locale: 'Ngôn ngữ mặc định phải là một trong: {{locales}}.',
  },
  dossiers: {
    mayNotWrite: 'Khóa này không được ghi hồ sơ của đơn vị: {{units}}.',
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
    includeChildren: 'Mục “Gồm cả các đơn vị trực thuộc” chỉ nhận giá trị true (có) hoặc false (không).',
    skipWhenEmpty: 'Mục “Không gửi khi kỳ không có hồ sơ” chỉ nhận giá trị true (có) hoặc false (không).',
    enabled: 'Mục “Đang bật” chỉ nhận giá trị true (có) hoặc false (không).',
  },
  imports: {
    mayNotLoad: 'Bạn không được nạp hồ sơ cho đơn vị {{unit}}.',
    notFound: 'Không có lần nạp {{id}}.',
    mayNotRead: 'Bạn không được xem các lần nạp của đơn vị {{unit}}.',
    fileType: 'Tệp {{name}} không phải là tệp .csv hoặc .xlsx.',
  },
  /** The mapping file given with an upload (imports/mapping-file.ts): the section and keys are quoted as written in it. */
  mapping: {
    notJson: 'Bảng ánh xạ cột không phải là JSON hợp lệ.',
    notAnObject: 'Bảng ánh xạ cột phải là một đối tượng JSON, có các mục columns, statuses, channels.',
    unknownKey: 'Bảng ánh xạ cột có mục lạ {{key}}: chỉ dùng được columns, statuses, channels.',
    sectionNotAnObject: 'Mục "{{section}}" của bảng ánh xạ cột phải là một đối tượng dạng "chữ": giá trị.',
    keyNotText: 'Khóa {{key}} trong mục {{section}} của bảng ánh xạ cột không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ {{at}}.',
    keyWithoutLetters: 'Khóa {{key}} trong mục {{section}} của bảng ánh xạ cột không có chữ cái hay chữ số nào.',
    notAllowed: 'Trong mục {{section}} của bảng ánh xạ cột, {{key}} được gán {{value}}, không phải giá trị nào trong: {{choices}}.',
    sameText: 'Trong mục {{section}} của bảng ánh xạ cột, {{first}} và {{second}} là cùng một chữ nhưng được gán khác nhau.',
  },
} as const;
