import { DateTime } from 'luxon';

/** Every local date and time in this product is Vietnam's: UTC+7, no daylight saving. */
export const ZONE = 'Asia/Ho_Chi_Minh';

/** `YYYY-MM-DD` — a local calendar date, the unit in which periods are written. */
export type LocalDate = string;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;

export type TimeBound = 'start' | 'end';

export type ParsedTime = { ok: true; value: Date } | { ok: false; reason: string };

/**
 * Reads a record's time as SPEC §2 says: ISO 8601; no offset means local time; a bare date means
 * the start of that local day, or its end for deadlines (`bound = 'end'`).
 */
export function parseRecordTime(raw: unknown, bound: TimeBound): ParsedTime {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be an ISO 8601 date or date-time string' };
  const text = raw.trim();
  if (DATE_ONLY.test(text)) {
    const day = DateTime.fromISO(text, { zone: ZONE });
    if (!day.isValid) return { ok: false, reason: `"${raw}" is not a real calendar date` };
    return { ok: true, value: (bound === 'end' ? day.endOf('day') : day.startOf('day')).toJSDate() };
  }
  if (!DATE_TIME.test(text)) {
    return { ok: false, reason: `"${raw}" is not an ISO 8601 date (2025-06-10) or date-time (2025-06-10T08:15:00+07:00)` };
  }
  const moment = DateTime.fromISO(text.replace(' ', 'T'), { zone: ZONE });
  if (!moment.isValid) return { ok: false, reason: `"${raw}" is not a real date-time` };
  return { ok: true, value: moment.toJSDate() };
}

export function localDateOf(instant: Date): LocalDate {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate()!;
}

export function startOfLocalDay(date: LocalDate): Date {
  return DateTime.fromISO(date, { zone: ZONE }).startOf('day').toJSDate();
}

export function endOfLocalDay(date: LocalDate): Date {
  return DateTime.fromISO(date, { zone: ZONE }).endOf('day').toJSDate();
}

export function isLocalDate(text: unknown): text is LocalDate {
  return typeof text === 'string' && DATE_ONLY.test(text) && DateTime.fromISO(text).isValid;
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate()!;
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

/** The months (`YYYY-MM`) a period touches, each clipped to the period. */
export function monthsOf(from: LocalDate, to: LocalDate): { key: string; from: LocalDate; to: LocalDate }[] {
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
