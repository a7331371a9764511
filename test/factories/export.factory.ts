import ExcelJS from 'exceljs';
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Spreadsheets as a one-stop system exports them (Vietnamese headings, dd/MM/yyyy HH:mm dates,
 * Vietnamese status and channel words), for the import's specs and e2e suites. Deterministic
 * from the seed. Every receipt and result lies before 2025-06-10, the fixed "today" of these
 * exports; an open dossier's deadline may lie after it (it is on track), a settled one's not.
 */

export interface ExportRow {
  [heading: string]: string | number | Date | null;
}

export const EXPORT_HEADINGS = {
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
} as const;

/** The columns holding dates: written as real date cells in XLSX. */
export const EXPORT_DATE_HEADINGS: readonly string[] = [EXPORT_HEADINGS.receivedAt, EXPORT_HEADINGS.dueAt, EXPORT_HEADINGS.resolvedAt];

/** The day these exports were made: nothing in them is later. */
export const EXPORTED_ON = '2025-06-10';

const PROCEDURES = [
  { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', days: 1 },
  { code: '1.000894', name: 'Đăng ký kết hôn', field: 'Hộ tịch', days: 3 },
  { code: '1.000656', name: 'Đăng ký khai tử', field: 'Hộ tịch', days: 1 },
  { code: '2.000908', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', field: 'Chứng thực', days: 2 },
  { code: '2.000815', name: 'Chứng thực chữ ký trong các giấy tờ, văn bản', field: 'Chứng thực', days: 2 },
  { code: '1.004227', name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', field: 'Đất đai', days: 10 },
  { code: '2.000720', name: 'Đăng ký thành lập hộ kinh doanh', field: 'Thành lập và hoạt động của hộ kinh doanh', days: 3 },
  { code: '1.003005', name: 'Xác nhận hợp đồng tiếp cận nguồn gen', field: 'Tài nguyên và môi trường', days: 15 },
];

const CHANNELS = [
  { word: 'Trực tiếp', weight: 55 },
  { word: 'Trực tuyến', weight: 30 },
  { word: 'DVC trực tuyến', weight: 5 },
  { word: 'Bưu chính công ích', weight: 10 },
];

type Kind = 'settled' | 'refused' | 'processing' | 'waiting' | 'withdrawn' | 'denied';
const KINDS: { kind: Kind; word: string; weight: number }[] = [
  { kind: 'settled', word: 'Đã giải quyết', weight: 75 },
  { kind: 'refused', word: 'Từ chối giải quyết', weight: 3 },
  { kind: 'processing', word: 'Đang xử lý', weight: 10 },
  { kind: 'waiting', word: 'Chờ bổ sung', weight: 5 },
  { kind: 'withdrawn', word: 'Đã rút', weight: 4 },
  { kind: 'denied', word: 'Từ chối tiếp nhận', weight: 3 },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wall-clock times are kept as "UTC" milliseconds: no zone is involved in writing them out. */
const wallClock = (date: string, hours = 0, minutes = 0) => Date.parse(`${date}T00:00:00Z`) + hours * HOUR + minutes * 60_000;
const EXPORTED_AT = wallClock(EXPORTED_ON, 7, 0);
const minutes = (count: number) => count * 60_000;

export function buildExportRows(
  count: number,
  options: { unitCode?: string; seed?: number; codePrefix?: string; includeUnitColumn?: boolean } = {},
): ExportRow[] {
  const { unitCode = 'xa-a', seed = 1, codePrefix = 'HS', includeUnitColumn = false } = options;
  const random = seededRandom(seed);
  const pick = <T extends { weight: number }>(choices: T[]): T => {
    let roll = random() * choices.reduce((sum, choice) => sum + choice.weight, 0);
    for (const choice of choices) if ((roll -= choice.weight) < 0) return choice;
    return choices[choices.length - 1];
  };

  return Array.from({ length: count }, (_, index) => {
    const procedure = PROCEDURES[Math.floor(random() * PROCEDURES.length)];
    const { kind, word } = pick(KINDS);
    // Open dossiers were received lately, settled ones from January to April: all in the past.
    const open = kind === 'processing' || kind === 'waiting';
    const receivedDay = open ? workingDayBetween(random, '2025-05-20', '2025-06-09') : workingDayBetween(random, '2025-01-02', '2025-04-30');
    const receivedAt = receivedDay + minutes(450 + Math.floor(random() * 540)); // 07:30–16:30
    const dueDay = addWorkingDays(receivedDay, procedure.days);
    const dueAt = dueDay + 17 * HOUR;

    let resolvedAt: number | null = null;
    if (kind === 'settled' || kind === 'refused') {
      const timeliness = random();
      const dayBeforeDue = dueDay - DAY + 17 * HOUR;
      if (timeliness < 0.6 && dayBeforeDue > receivedAt + HOUR) {
        resolvedAt = receivedAt + HOUR + minutes(Math.floor((random() * (dayBeforeDue - receivedAt - HOUR)) / 60_000)); // early
      } else if (timeliness < 0.9) {
        resolvedAt = dueDay + minutes(480 + Math.floor(random() * 540)); // on the due day, 08:00–17:00
      } else {
        resolvedAt = addWorkingDays(dueDay, 1 + Math.floor(random() * 4)) + minutes(480 + Math.floor(random() * 540)); // late
      }
      resolvedAt = Math.min(resolvedAt, EXPORTED_AT - HOUR);
    }

    const row: ExportRow = { [EXPORT_HEADINGS.code]: `${codePrefix}-${String(index + 1).padStart(6, '0')}` };
    if (includeUnitColumn) row[EXPORT_HEADINGS.unitCode] = unitCode;
    Object.assign(row, {
      [EXPORT_HEADINGS.procedureCode]: procedure.code,
      [EXPORT_HEADINGS.procedureName]: procedure.name,
      [EXPORT_HEADINGS.field]: procedure.field,
      [EXPORT_HEADINGS.channel]: pick(CHANNELS).word,
      [EXPORT_HEADINGS.status]: word,
      [EXPORT_HEADINGS.receivedAt]: dateTimeText(receivedAt),
      [EXPORT_HEADINGS.dueAt]: dateTimeText(dueAt),
      [EXPORT_HEADINGS.resolvedAt]: resolvedAt === null ? null : dateTimeText(resolvedAt),
    });
    return row;
  });
}

/**
 * The rows with four broken ones added among them, each breaking one rule; `reason` is the start
 * of the error the import reports for it.
 */
export function withBrokenRows(rows: ExportRow[]): { rows: ExportRow[]; broken: { index: number; reason: string }[] } {
  const settled = rows.find((row) => row[EXPORT_HEADINGS.status] === 'Đã giải quyết') ?? buildExportRows(1, { seed: 7 })[0];
  const base = { ...settled, [EXPORT_HEADINGS.status]: 'Đã giải quyết' };
  const code = (suffix: string) => `${String(settled[EXPORT_HEADINGS.code])}-${suffix}`;
  const breakages: { row: ExportRow; reason: string }[] = [
    {
      row: { ...base, [EXPORT_HEADINGS.code]: code('STATUS'), [EXPORT_HEADINGS.status]: 'Chờ phê duyệt' },
      reason: 'status: "Chờ phê duyệt" is not a known status',
    },
    {
      row: { ...base, [EXPORT_HEADINGS.code]: code('DATE'), [EXPORT_HEADINGS.receivedAt]: '31/02/2025 08:00' },
      reason: 'receivedAt: "31/02/2025 08:00" is not a date',
    },
    { row: { ...base, [EXPORT_HEADINGS.code]: null }, reason: 'code: is required' },
    {
      row: {
        ...base,
        [EXPORT_HEADINGS.code]: code('BEFORE'),
        [EXPORT_HEADINGS.receivedAt]: '05/03/2025 10:00',
        [EXPORT_HEADINGS.dueAt]: '12/03/2025 17:00',
        [EXPORT_HEADINGS.resolvedAt]: '04/03/2025 15:30',
      },
      reason: 'resolvedAt: is before receivedAt',
    },
  ];
  const result = [...rows];
  const broken: { index: number; reason: string }[] = [];
  breakages.forEach(({ row, reason }, n) => {
    // Spread through the file: after the first row, in the middle, near the end.
    const index = Math.min(result.length, Math.floor(((n + 1) * result.length) / (breakages.length + 1)) + n);
    result.splice(index, 0, row);
    for (const earlier of broken) if (earlier.index >= index) earlier.index++;
    broken.push({ index, reason });
  });
  return { rows: result, broken: broken.sort((a, b) => a.index - b.index) };
}

/** Headings in order of first appearance across the rows. */
function headingsOf(rows: ExportRow[]): string[] {
  const headings = new Set<string>();
  for (const row of rows) for (const heading of Object.keys(row)) headings.add(heading);
  return [...headings];
}

/**
 * As a desk's spreadsheet program saves it: UTF-8 with a BOM, CRLF line ends, `,` (or `;` with
 * Vietnamese regional settings). `blankLinesAt`: data-row indexes before which an empty line is
 * written. Written in pieces, so a file of a million rows needs no big string.
 */
export function writeCsv(
  path: string,
  rows: ExportRow[],
  options: { bom?: boolean; crlf?: boolean; delimiter?: ',' | ';'; blankLinesAt?: number[] } = {},
): void {
  const { bom = true, crlf = true, delimiter = ',', blankLinesAt = [] } = options;
  const newline = crlf ? '\r\n' : '\n';
  const blanks = new Set(blankLinesAt);
  const headings = headingsOf(rows);
  const line = (values: ExportRow[string][]) => values.map((value) => csvField(value, delimiter)).join(delimiter) + newline;
  const file = openSync(path, 'w');
  try {
    let chunk = (bom ? '\uFEFF' : '') + line(headings);
    rows.forEach((row, index) => {
      if (blanks.has(index)) chunk += newline;
      chunk += line(headings.map((heading) => row[heading] ?? null));
      if (chunk.length > 64 * 1024) {
        writeSync(file, chunk);
        chunk = '';
      }
    });
    if (blanks.has(rows.length)) chunk += newline;
    writeSync(file, chunk);
  } finally {
    closeSync(file);
  }
}

function csvField(value: ExportRow[string], delimiter: string): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? dateTimeText(value.getTime()) : String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * As Excel saves it: the date columns as real date cells (format dd/mm/yyyy hh:mm) holding the
 * wall-clock time, everything else as typed. A date text that is not a real date stays text.
 * Streamed, so large files are cheap to make.
 */
export async function writeXlsx(path: string, rows: ExportRow[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Danh sách hồ sơ');
  const headings = headingsOf(rows);
  sheet.addRow(headings).commit();
  const dateColumns = headings.flatMap((heading, index) => (EXPORT_DATE_HEADINGS.includes(heading) ? [index] : []));
  for (const source of rows) {
    const values = headings.map((heading) => {
      const value = source[heading] ?? null;
      return EXPORT_DATE_HEADINGS.includes(heading) && typeof value === 'string' ? (wallClockDate(value) ?? value) : value;
    });
    const row = sheet.addRow(values);
    for (const index of dateColumns) if (values[index] instanceof Date) row.getCell(index + 1).numFmt = 'dd/mm/yyyy hh:mm';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** "dd/MM/yyyy HH:mm" as a Date whose UTC fields are that wall-clock time (as Excel stores it). */
function wallClockDate(text: string): Date | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [, day, month, year, hours, minutes] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes));
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date : null;
}

export function dateTimeText(wallClockMs: number): string {
  const date = new Date(wallClockMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

function workingDayBetween(random: () => number, from: string, to: string): number {
  const first = wallClock(from);
  const days = Math.round((wallClock(to) - first) / DAY) + 1;
  for (;;) {
    const day = first + Math.floor(random() * days) * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return day;
  }
}

function addWorkingDays(day: number, count: number): number {
  let result = day;
  for (let added = 0; added < count; ) {
    result += DAY;
    const weekday = new Date(result).getUTCDay();
    if (weekday !== 0 && weekday !== 6) added++;
  }
  return result;
}

/** A small, fast, seedable generator (mulberry32): the same seed gives the same export, or texts. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
