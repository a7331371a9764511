import { daysInMonth } from '../common/local-time';

/**
 * The dates of a spreadsheet's cells as the local ISO text the record checker reads, written
 * out by character code rather than with a regular expression: an import reads millions.
 */

const SLASH = 47;
const DASH = 45;
const DOT = 46;
const COLON = 58;

/** `2025-06-10…`: ISO 8601, handed to the record checker as it is. */
export function looksIso(text: string): boolean {
  return text.length >= 10 && text.charCodeAt(4) === DASH && isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(3));
}

/**
 * A wall-clock time held in a Date's UTC fields (how exceljs gives a date cell) as local ISO
 * text, rounded to the second as Excel shows it.
 */
export function wallClockText(utcMs: number): string | null {
  if (!Number.isFinite(utcMs)) return null;
  const instant = new Date(Math.round(utcMs / 1000) * 1000);
  const year = instant.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  return isoText(year, instant.getUTCMonth() + 1, instant.getUTCDate(), instant.getUTCHours(), instant.getUTCMinutes(), instant.getUTCSeconds());
}

/**
 * `dd/MM/yyyy`, `dd/MM/yyyy HH:mm`, `dd/MM/yyyy HH:mm:ss`; one or two digits for day, month and
 * hour; `/`, `-` or `.` between the date's parts. Day first always: 01/02/2025 is 1 February.
 * Anything else, or a date or time that does not exist, is null.
 */
export function dayFirstToIso(text: string): string | null {
  const scan = new Scan(text);
  const day = scan.digits(1, 2);
  const separator = scan.next();
  if (day < 0 || (separator !== SLASH && separator !== DASH && separator !== DOT)) return null;
  const month = scan.digits(1, 2);
  if (month < 0 || scan.next() !== separator) return null;
  const year = scan.digits(4, 4);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (scan.atEnd()) return isoText(year, month, day, 0, 0, 0);

  if (!scan.skipSpaces()) return null;
  const hour = scan.digits(1, 2);
  if (hour < 0 || scan.next() !== COLON) return null;
  const minute = scan.digits(2, 2);
  if (minute < 0) return null;
  let second = 0;
  if (scan.peek() === COLON) {
    scan.next();
    second = scan.digits(2, 2);
    if (second < 0) return null;
  }
  if (!scan.atEnd() || hour > 23 || minute > 59 || second > 59) return null;
  return isoText(year, month, day, hour, minute, second);
}

/** `yyyy-MM-dd` at midnight exactly, `yyyy-MM-ddTHH:mm:ss` otherwise (see row-conversion's readDate). */
export function isoText(year: number, month: number, day: number, hour: number, minute: number, second: number): string {
  const date = `${year}-${two(month)}-${two(day)}`;
  if (hour === 0 && minute === 0 && second === 0) return date;
  return `${date}T${two(hour)}:${two(minute)}:${two(second)}`;
}

/** A position in one text, moved by what is read: each date has its own. */
class Scan {
  private at = 0;

  constructor(private readonly text: string) {}

  /** The number written with `min`–`max` digits here, or -1; moves past the digits either way. */
  digits(min: number, max: number): number {
    const { text } = this;
    const from = this.at;
    let value = 0;
    let at = from;
    while (at < text.length && at - from < max) {
      const code = text.charCodeAt(at);
      if (!isDigit(code)) break;
      value = value * 10 + code - 48;
      at++;
    }
    this.at = at;
    return at - from < min ? -1 : value;
  }

  /** The character code here (NaN past the end), without moving. */
  peek(): number {
    return this.text.charCodeAt(this.at);
  }

  /** The character code here (NaN past the end), moving past it. */
  next(): number {
    return this.text.charCodeAt(this.at++);
  }

  atEnd(): boolean {
    return this.at === this.text.length;
  }

  /** Moves past spaces; false when there were none. */
  skipSpaces(): boolean {
    const from = this.at;
    while (this.at < this.text.length && isSpace(this.text.charCodeAt(this.at))) this.at++;
    return this.at !== from;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 160;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
