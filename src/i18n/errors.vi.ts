/**
 * Words of refusals and faults as people read them on a page (the JSON API keeps its English
 * `message`). The Vietnamese source: English is typed against it.
 */
export const ERRORS_VI = {
  databaseUnavailable: {
    heading: 'Tạm thời không truy cập được cơ sở dữ liệu',
    message: 'Máy chủ cơ sở dữ liệu đang tạm ngừng hoặc khởi động lại. Vui lòng thử lại sau vài giây; dữ liệu đã lưu không bị mất.',
  },
} as const;
