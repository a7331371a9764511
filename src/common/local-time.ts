import { DateTime, FixedOffsetZone } from 'luxon';
import { quoteForError } from './text';

/** Every local date and time in this product is Vietnam's (Asia/Ho_Chi_Minh). */
export const ZONE_NAME = 'Asia/Ho_Chi_Minh';

/**
 * Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975, so arithmetic uses the
 * fixed offset: the same answers as the IANA zone for every dossier date, without the cost of
 * an Intl time-zone lookup on each of the millions of values an import parses.
 */
export const ZONE = FixedOffsetZone.instance(7 * 60);

/** `YYYY-MM-DD` — a local calendar date, the unit in which periods are written. */
export type LocalDate = string;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const OFFSET_MINUTES = 7 * 60;

/**
 * The local dates the service accepts from outside, for every purpose: a record's times (checked
 * on the instant, once its offset is applied), periods, calendar days, report periods. A desk's
 * dossiers, even digitised archives and the longest deadlines, fall well inside; the lunar
 * calendar that seeds the holidays (calendar/lunar.ts) is computed for exactly these years; both
 * databases store them (MySQL DATETIME from year 1000, SQLite text that sorts as 4-digit years);
 * and working-day arithmetic over the whole range stays cheap. README "Security" says why.
 */
export const FIRST_LOCAL_DATE: LocalDate = '1900-01-01';
export const LAST_LOCAL_DATE: LocalDate = '2199-12-31';
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
/** 1900-01-01 00:00 and 2199-12-31 23:59:59.999 in Vietnam, as UTC milliseconds. */
const FIRST_INSTANT_MS = Date.UTC(FIRST_YEAR, 0, 1) - OFFSET_MINUTES * 60_000;
const LAST_INSTANT_MS = Date.UTC(LAST_YEAR + 1, 0, 1) - OFFSET_MINUTES * 60_000 - 1;
/** What every refusal of a date outside the range says after the value. */
export const OUTSIDE_THE_RANGE = `is outside the dates this service accepts (${FIRST_LOCAL_DATE} to ${LAST_LOCAL_DATE}, Vietnam time)`;

/** Why `instant` is outside the accepted dates (its local date before 1900 or after 2199), or null. */
export function instantRangeProblem(instant: Date): string | null {
  const ms = instant.getTime();
  if (ms >= FIRST_INSTANT_MS && ms <= LAST_INSTANT_MS) return null;
  return OUTSIDE_THE_RANGE;
}

/**
 * The one check of a local date from outside (a query's from/to, a calendar day, a form): why
 * `value` is not a real `YYYY-MM-DD` date inside the accepted range, or null. The reason quotes
 * the value capped (common/text.ts) and names no field: callers prefix it.
 */
export function localDateProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !DATE_ONLY.test(value) || !DateTime.fromISO(value).isValid) {
    return `${quoteForError(value)} is not a date YYYY-MM-DD`;
  }
  if (value < FIRST_LOCAL_DATE || value > LAST_LOCAL_DATE) return `${value} ${OUTSIDE_THE_RANGE}`;
  return null;
}

export type TimeBound = 'start' | 'end';

export type ParsedTime = { ok: true; value: Date } | { ok: false; reason: string };

/**
 * Reads a record's time as docs/figures.md §2 says: ISO 8601; no offset means local time; a bare date means
 * the start of that local day, or its end for deadlines (`bound = 'end'`).
 *
 * Written out rather than through Luxon's `fromISO`, which costs ~60 µs a value against ~1 µs
 * here: an import parses millions. local-time.spec.ts checks it against Luxon on random input.
 */
export function parseRecordTime(raw: unknown, bound: TimeBound): ParsedTime {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be an ISO 8601 date or date-time string' };
  const text = raw.trim();
  const match = ISO_TIME.exec(text);
  if (!match) {
    return { ok: false, reason: `${quoteForError(raw)} is not an ISO 8601 date (2025-06-10) or date-time (2025-06-10T08:15:00+07:00)` };
  }
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `${quoteForError(raw)} is not a real calendar date` };
  }
  // Years far out are refused before Date.UTC, which reads years 0–99 as 1900–1999; an offset
  // moves an instant by less than a day, so the instant check below decides the years at the edge.
  if (year < FIRST_YEAR - 1 || year > LAST_YEAR + 1) return outOfRange(raw);
  let utc: number;
  if (h === undefined) {
    // A bare date: the start, or for a deadline the last millisecond, of that local day.
    const start = Date.UTC(year, month - 1, day) - OFFSET_MINUTES * 60_000;
    utc = bound === 'end' ? start + 86_400_000 - 1 : start;
  } else {
    const hour = Number(h);
    const minute = Number(mi);
    const second = s === undefined ? 0 : Number(s);
    if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `${quoteForError(raw)} is not a real time of day` };
    const millisecond = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
    const offsetMinutes = offset === undefined ? OFFSET_MINUTES : parseOffset(offset);
    if (offsetMinutes === null) return { ok: false, reason: `${quoteForError(raw)} has an impossible UTC offset` };
    utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000;
  }
  // On the instant, after the offset: "2199-12-31T23:59:59-14:00" is 2200-01-01 in Vietnam.
  if (utc < FIRST_INSTANT_MS || utc > LAST_INSTANT_MS) return outOfRange(raw);
  return { ok: true, value: new Date(utc) };
}

function outOfRange(raw: string): ParsedTime {
  return { ok: false, reason: `${quoteForError(raw)} ${OUTSIDE_THE_RANGE}` };
}

function parseOffset(offset: string): number | null {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** Days in `month` (1–12) of `year` in the proleptic Gregorian calendar, by arithmetic: Date.UTC reads years 0–99 as 1900–1999. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function localDateOf(instant: Date): LocalDate {
  // From a day count, without a Date or toISOString: every imported row needs two or three of
  // these. local-time.spec.ts checks it hour by hour over 33 years.
  const [year, month, day] = civilFromDays(Math.floor((instant.getTime() + OFFSET_MINUTES * 60_000) / 86_400_000));
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The [year, month, day] of a count of days since 1970-01-01 (the inverse of daysFromCivil). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function startOfLocalDay(date: LocalDate): Date {
  return DateTime.fromISO(date, { zone: ZONE }).startOf('day').toJSDate();
}

export function endOfLocalDay(date: LocalDate): Date {
  return DateTime.fromISO(date, { zone: ZONE }).endOf('day').toJSDate();
}

/** A real `YYYY-MM-DD` date inside the accepted range (localDateProblem says why not). */
export function isLocalDate(text: unknown): text is LocalDate {
  return localDateProblem(text) === null;
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  // A local date is a calendar date: plain UTC-day arithmetic, no zone involved.
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `dd/MM/yyyy HH:mm:ss` in Vietnam's time, as every page and report shows instants. */
export function formatLocalDateTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm:ss');
}

export function formatLocalDate(date: LocalDate): string {
  return DateTime.fromISO(date, { zone: ZONE }).toFormat('dd/MM/yyyy');
}

/** First day of the local year of `date`. */
export function startOfLocalYear(date: LocalDate): LocalDate {
  return `${date.slice(0, 4)}-01-01`;
}

/**
 * The months (`YYYY-MM`) a period touches, each clipped to the period. Only for dates inside the
 * accepted range, so the walk is bounded whoever calls it (stats periods are at most three years).
 */
export function monthsOf(from: LocalDate, to: LocalDate): { key: string; from: LocalDate; to: LocalDate }[] {
  const problem = localDateProblem(from) ?? localDateProblem(to);
  if (problem) throw new RangeError(`monthsOf: ${problem}`);
  const months: { key: string; from: LocalDate; to: LocalDate }[] = [];
  let cursor = DateTime.fromISO(from, { zone: ZONE }).startOf('month');
  const last = DateTime.fromISO(to, { zone: ZONE });
  while (cursor <= last) {
    const monthEnd = cursor.endOf('month').toISODate()!;
    const monthStart = cursor.toISODate()!;
    months.push({
      key: cursor.toFormat('yyyy-MM'),
      from: monthStart < from ? from : monthStart,
      to: monthEnd > to ? to : monthEnd,
    });
    cursor = cursor.plus({ months: 1 });
  }
  return months;
}
