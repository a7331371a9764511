import { FIRST_LOCAL_DATE, LAST_LOCAL_DATE, daysInMonth } from '../common/local-time';
import { withoutLoneSurrogates } from '../common/text';

/** Pieces of SpreadsheetML's cell model: texts, cell references, date serials and date formats. */

/**
 * A cell's text as an import reads it: `_xHHHH_` escapes decoded (how SpreadsheetML writes a
 * character XML cannot carry, e.g. `_x000D_`), trimmed, empty → null. The result is a copy of its
 * own: a piece cut from a parser's chunk would keep the whole chunk alive in V8 for as long as
 * the text is kept (a shared string, a batch of rows).
 */
export function cellString(raw: string): string | null {
  let text = raw.indexOf('_x') === -1 ? raw : unescapeText(raw);
  text = text.trim();
  if (text === '') return null;
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/** `_xHHHH_` → the character; a lone surrogate made so becomes U+FFFD, never stored as it is. */
function unescapeText(text: string): string {
  return withoutLoneSurrogates(text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

/** Column XFD: the last of a sheet. */
export const LAST_SHEET_COLUMN = 16_384;

/** `D12` → 3 (0-based column), or -1 when the text is not a cell reference. */
export function columnOfReference(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length && i < 4; i++) {
    const code = reference.charCodeAt(i) | 0x20; // lower case
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
  }
  if (i === 0 || column > LAST_SHEET_COLUMN) return -1;
  for (let j = i; j < reference.length; j++) {
    const code = reference.charCodeAt(j);
    if (code < 48 || code > 57) return -1;
  }
  return column - 1;
}

/** 3 → `D` */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const DAY_MS = 86_400_000;
/** Serial 25569 is 1970-01-01 in the 1900 date system; the 1904 system counts 1462 days fewer. */
const UNIX_EPOCH_SERIAL = 25569;
const DATE_1904_OFFSET = 1462;
/**
 * Excel's 1900 system counts a 29 February 1900 that never was (Lotus 1-2-3's leap-year bug, kept
 * for compatibility): serial 60 is that day, serials before it are one day later than the
 * arithmetic from 1970 gives, and serials from 61 (1 March 1900) on are right.
 */
const FICTITIOUS_LEAP_DAY = 60;

/**
 * A date serial as a Date whose UTC fields are the wall-clock time it shows (as exceljs gave it,
 * which row-conversion reads), rounded to the millisecond; null for the 1900 system's 29 February
 * 1900, which no calendar has.
 */
export function serialToDate(serial: number, date1904: boolean): Date | null {
  let days = serial - UNIX_EPOCH_SERIAL;
  if (date1904) days += DATE_1904_OFFSET;
  else if (serial < FICTITIOUS_LEAP_DAY) days += 1;
  else if (serial < FICTITIOUS_LEAP_DAY + 1) return null;
  return new Date(Math.round(days * DAY_MS));
}

const FIRST_YEAR = Number(FIRST_LOCAL_DATE.slice(0, 4));
const LAST_YEAR = Number(LAST_LOCAL_DATE.slice(0, 4));

/**
 * A `t="d"` cell's ISO 8601 text (no zone: wall clock) as such a Date; null when it is not a real
 * date and time within the accepted years, so that the cell is read as its text and the record
 * check refuses it naming the line and field (Date.UTC would move 2025-02-30 to 2 March, and
 * year 0099 to 1999, silently).
 */
export function isoCellDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?Z?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const milliseconds = match[7] ? Number(match[7].padEnd(3, '0')) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds));
}

/** Excel's built-in number formats that show a date or a time (ECMA-376 §18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

export function isBuiltInDateFormat(numFmtId: number): boolean {
  return BUILT_IN_DATE_FORMATS.has(numFmtId);
}

/**
 * A custom format code that shows a date or time: a date token (y m d h s, or b for the Buddhist
 * year) outside quoted text, [bracketed] colours and conditions, and escaped characters, as
 * exceljs judged it (`dd/mm/yyyy hh:mm`, `[$-42A]d mmmm yyyy`; not `0.00`, `#,##0 "đ"`).
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  return /[ymdhsb]/i.test(bare);
}
