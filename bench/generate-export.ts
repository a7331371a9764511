import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A realistic one-stop-system export of `rows` dossiers for one unit, written as a stream (the
 * benchmark's file is ~100 MB): Vietnamese headings, dd/MM/yyyy HH:mm dates, Vietnamese status
 * and channel words, mostly settled, some late, some open.
 */
export const EXPORT_HEADER = ['Mã hồ sơ', 'Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Kênh nộp', 'Trạng thái', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'];

const PROCEDURES = [
  ['1.001193', 'Thủ tục đăng ký khai sinh', 'Hộ tịch'],
  ['1.000656', 'Thủ tục đăng ký kết hôn', 'Hộ tịch'],
  ['2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Chứng thực'],
  ['1.003003', 'Hòa giải tranh chấp đất đai', 'Đất đai'],
  ['1.001776', 'Thực hiện trợ cấp xã hội hàng tháng', 'Bảo trợ xã hội'],
];
const CHANNELS = ['Trực tiếp', 'Trực tiếp', 'Trực tuyến', 'Trực tuyến', 'Bưu chính công ích'];

const pad = (n: number) => String(n).padStart(2, '0');
/** dd/MM/yyyy HH:mm of a local wall-clock time given as "UTC" milliseconds. */
const local = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
const localDate = (ms: number) => local(ms).slice(0, 10);

export async function writeExport(path: string, rows: number, seed = 1): Promise<void> {
  const out = createWriteStream(path);
  let state = seed >>> 0;
  const next = (n: number) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % n;
  };
  const start = Date.UTC(2023, 0, 2, 8, 0);
  const end = Date.UTC(2025, 5, 1, 8, 0);
  const day = 86_400_000;
  let chunk = '\uFEFF' + EXPORT_HEADER.join(',') + '\r\n';
  for (let i = 0; i < rows; i++) {
    const [code, name, field] = PROCEDURES[next(PROCEDURES.length)];
    const received = start + Math.floor(((end - start) * i) / rows) + next(8) * 3_600_000;
    const due = received + (3 + next(10)) * day;
    const roll = next(100);
    let status = 'Đã giải quyết';
    let resolved = '';
    if (roll < 4) status = 'Đang giải quyết';
    else if (roll < 5) status = 'Chờ bổ sung';
    else if (roll < 6) status = 'Đã rút';
    else {
      // Most early or on time, about 3 % late.
      const lateBy = next(100) < 3 ? (1 + next(5)) * day : -next(3) * day;
      resolved = local(Math.max(received + 3_600_000, due - 8 * 3_600_000 + lateBy));
    }
    chunk += `HS-${String(i + 1).padStart(8, '0')},${code},"${name}",${field},${CHANNELS[next(CHANNELS.length)]},${status},${local(received)},${localDate(due)},${resolved}\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
