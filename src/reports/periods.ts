import { FIRST_LOCAL_DATE, LAST_LOCAL_DATE, LocalDate, OUTSIDE_THE_RANGE, civilFromDays, daysFromCivil, daysInMonth, localDateOf } from '../common/local-time';
import { quoteForError } from '../common/text';
import { PeriodKind, ReportPeriod } from './report-model';

/**
 * Report periods (docs/figures.md §8): their names, boundaries, neighbours and send moments.
 *
 * Pure integer arithmetic on day numbers (days since 1970-01-01) and month numbers
 * (year × 12 + month − 1): no Date parsing, no Luxon, no time zone lookup. Local dates are
 * Asia/Ho_Chi_Minh's, which is UTC+7 all year, so a local wall time becomes a UTC instant by
 * subtracting seven hours.
 */

export type MonthStartDay = 1 | 15;

const KINDS: readonly PeriodKind[] = ['week', 'month', 'quarter', 'half-year', 'year'];
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** How many months a non-week period spans. */
const SPAN: Record<Exclude<PeriodKind, 'week'>, number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };

const EXAMPLE: Record<PeriodKind, string> = {
  week: '2025-W19',
  month: '2025-05',
  quarter: '2025-Q2',
  'half-year': '2025-H1',
  year: '2025',
};

const NAME_PATTERN: Record<PeriodKind, RegExp> = {
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q(\d)$/,
  'half-year': /^(\d{4})-H(\d)$/,
  year: /^(\d{4})$/,
};

/** The period named `name` (2025-W19 ISO week Mon–Sun; 2025-05; 2025-Q2; 2025-H1; 2025). With monthStartDay 15 a month "2025-05" runs 2025-04-15 → 2025-05-14 (named after the month it ends in), a quarter 2025-Q2 runs 2025-03-15 → 2025-06-14, H1 2024-12-15 → 2025-06-14, a year 2025 runs 2024-12-15 → 2025-12-14; weeks ignore monthStartDay. Throws RangeError with a clear message ("period: \"2025-13\" is not a month period like 2025-05") for a name that does not fit the kind or does not exist (2025-W53 does not exist; 2026-W53 does). */
export function periodByName(kind: PeriodKind, name: string, monthStartDay?: MonthStartDay): ReportPeriod {
  const period = periodNamed(kind, name, monthStartDay);
  // A name comes from outside (a query, a form): its days must lie in the service's range.
  if (period.from < FIRST_LOCAL_DATE || period.to > LAST_LOCAL_DATE) {
    throw new RangeError(`period: ${quoteForError(name)} (${period.from} to ${period.to}) ${OUTSIDE_THE_RANGE}`);
  }
  return period;
}

function periodNamed(kind: PeriodKind, name: string, monthStartDay?: MonthStartDay): ReportPeriod {
  assertKind(kind);
  const startDay = assertMonthStartDay(monthStartDay);
  const match = typeof name === 'string' ? NAME_PATTERN[kind].exec(name) : null;
  if (!match) throw notA(kind, name);
  const year = Number(match[1]);
  const number = match[2] === undefined ? 1 : Number(match[2]);
  if (kind === 'week') {
    const weeks = isoWeeksInYear(year);
    if (number < 1 || number > weeks) {
      throw new RangeError(`period: ${quoteForError(name)} does not exist: ISO week-year ${year} has weeks W01 to W${weeks}`);
    }
    return weekStartingOn(isoWeek1Monday(year) + (number - 1) * 7);
  }
  const span = SPAN[kind];
  if (number < 1 || number > 12 / span) throw notA(kind, name);
  return monthSpanEndingIn(kind, year * 12 + number * span - 1, startDay);
}

/** The period of `kind` that contains local date `date`. */
export function periodContaining(kind: PeriodKind, date: LocalDate, monthStartDay?: MonthStartDay): ReportPeriod {
  assertKind(kind);
  const startDay = assertMonthStartDay(monthStartDay);
  const [year, month, day] = parseLocalDate(date);
  if (kind === 'week') {
    const days = daysFromCivil(year, month, day);
    return weekStartingOn(days - isoWeekdayIndex(days));
  }
  // The month (as year × 12 + month − 1) whose period holds the date: with 15th→14th months the
  // 15th and later belong to the month named after the next calendar month.
  const monthIndex = year * 12 + month - 1 + (startDay === 15 && day >= 15 ? 1 : 0);
  const span = SPAN[kind];
  return monthSpanEndingIn(kind, Math.floor(monthIndex / span) * span + span - 1, startDay);
}

export function previousPeriod(period: ReportPeriod, monthStartDay?: MonthStartDay): ReportPeriod {
  return shiftPeriod(period, -1, monthStartDay);
}

export function nextPeriod(period: ReportPeriod, monthStartDay?: MonthStartDay): ReportPeriod {
  return shiftPeriod(period, 1, monthStartDay);
}

/**
 * When the report for `period` is to be sent (a UTC instant): the period must have closed first.
 * sendAt 'HH:mm' in Asia/Ho_Chi_Minh (UTC+7). For weeks, sendDay is the ISO weekday 1–7 of the week AFTER the period (1 = the Monday right after). For the other kinds sendDay is the day number after the period closes: 1 = the first day of the next period (e.g. month 2025-05 with sendDay 1 and sendAt 07:00 → 2025-06-01 07:00 local = 2025-06-01T00:00:00Z; sendDay 3 → 2025-06-03 07:00 local). With 15th→14th months, sendDay 1 is the 15th.
 */
export function sendMomentOf(period: ReportPeriod, schedule: { sendAt: string; sendDay: number }): Date {
  assertKind(period.kind);
  const errors = checkSchedule(period.kind, { sendAt: schedule.sendAt, sendDay: schedule.sendDay });
  if (errors.length > 0) throw new RangeError(errors.join('; '));
  const [year, month, day] = parseLocalDate(period.to);
  // Both rules come to the same thing: a week ends on a Sunday, so the ISO weekday of the week
  // after is the number of days after the period's last day.
  const sendDate = daysFromCivil(year, month, day) + schedule.sendDay;
  const hours = Number(schedule.sendAt.slice(0, 2));
  const minutes = Number(schedule.sendAt.slice(3, 5));
  return new Date(sendDate * DAY_MS + (hours * 60 + minutes) * 60_000 - OFFSET_MS);
}

/**
 * The latest period of `kind` whose send moment is at or before `now` — the one a scheduler tick should make sure was sent (a service that was down sends only this one, never a flood). Never a period that has not closed.
 */
export function latestDuePeriod(
  kind: PeriodKind,
  schedule: { sendAt: string; sendDay: number; monthStartDay?: MonthStartDay },
  now: Date,
): ReportPeriod {
  assertKind(kind);
  const errors = checkSchedule(kind, schedule);
  if (errors.length > 0) throw new RangeError(errors.join('; '));
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new RangeError('now: must be a valid Date');
  const startDay = schedule.monthStartDay ?? 1;
  // The period holding `now` is still open, and every send moment is after its period's end, so
  // the answer is the one before it, or (early in the send window) the one before that.
  let period = previousPeriod(periodContaining(kind, localDateOf(now), startDay), startDay);
  while (sendMomentOf(period, schedule).getTime() > now.getTime()) period = previousPeriod(period, startDay);
  return period;
}

/** Validates a schedule: sendAt 'HH:mm' 00:00–23:59; sendDay 1–7 for weeks, 1–28 for the others; monthStartDay 1|15. Returns the list of error strings "field: reason" (empty when valid). */
export function checkSchedule(
  kind: unknown,
  schedule: { sendAt?: unknown; sendDay?: unknown; monthStartDay?: unknown },
): string[] {
  // `kind` only picks sendDay's range: whoever calls this reports an unknown periodKind itself
  // (subscriptions.service does), so it is not repeated here; an unknown kind is checked as 1–28.
  const errors: string[] = [];
  const { sendAt, sendDay, monthStartDay } = schedule ?? {};
  if (typeof sendAt !== 'string' || !/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(sendAt)) {
    errors.push('sendAt: must be a time HH:mm from 00:00 to 23:59 (Asia/Ho_Chi_Minh)');
  }
  const maxDay = kind === 'week' ? 7 : 28;
  if (typeof sendDay !== 'number' || !Number.isInteger(sendDay) || sendDay < 1 || sendDay > maxDay) {
    errors.push(
      kind === 'week'
        ? 'sendDay: must be an ISO weekday from 1 (Monday) to 7 (Sunday) for weekly reports'
        : 'sendDay: must be a whole number of days from 1 to 28 after the period closes (1 = the first day of the next period)',
    );
  }
  if (monthStartDay !== undefined && monthStartDay !== 1 && monthStartDay !== 15) {
    errors.push('monthStartDay: must be 1 (calendar months) or 15 (months from the 15th to the 14th)');
  }
  return errors;
}

// ——— internals ———

function isPeriodKind(kind: unknown): kind is PeriodKind {
  return typeof kind === 'string' && (KINDS as readonly string[]).includes(kind);
}

function assertKind(kind: unknown): asserts kind is PeriodKind {
  if (!isPeriodKind(kind)) throw new RangeError(`periodKind: ${quoteForError(kind)} is not one of ${KINDS.join(', ')}`);
}

function assertMonthStartDay(monthStartDay: unknown): MonthStartDay {
  if (monthStartDay === undefined) return 1;
  if (monthStartDay !== 1 && monthStartDay !== 15) {
    throw new RangeError(`monthStartDay: ${quoteForError(monthStartDay)} is not 1 or 15`);
  }
  return monthStartDay;
}

function notA(kind: PeriodKind, name: unknown): RangeError {
  return new RangeError(`period: ${quoteForError(name)} is not a ${kind} period like ${EXAMPLE[kind]}`);
}

/** Shifts a period by `step` periods of its kind, by its name (the period's identity). */
function shiftPeriod(period: ReportPeriod, step: number, monthStartDay?: MonthStartDay): ReportPeriod {
  const { kind, name } = period;
  assertKind(kind);
  if (kind === 'week') {
    const current = periodNamed('week', name);
    const [year, month, day] = parseLocalDate(current.from);
    return weekStartingOn(daysFromCivil(year, month, day) + step * 7);
  }
  // Without an explicit monthStartDay, keep the period's own boundaries (a 15th→14th period starts on a 15th).
  const startDay = monthStartDay ?? (typeof period.from === 'string' && period.from.endsWith('-15') ? 15 : 1);
  const current = periodNamed(kind, name, startDay);
  const match = NAME_PATTERN[kind].exec(current.name)!;
  const span = SPAN[kind];
  const endMonth = Number(match[1]) * 12 + (match[2] === undefined ? 1 : Number(match[2])) * span - 1;
  return monthSpanEndingIn(kind, endMonth + step * span, startDay);
}

/** The non-week period of `kind` whose last month is `endMonth` (year × 12 + month − 1). */
function monthSpanEndingIn(kind: Exclude<PeriodKind, 'week'>, endMonth: number, startDay: MonthStartDay): ReportPeriod {
  const span = SPAN[kind];
  const year = Math.floor(endMonth / 12);
  const monthOfYear = endMonth - year * 12 + 1;
  const name =
    kind === 'month'
      ? `${pad4(year)}-${pad2(monthOfYear)}`
      : kind === 'quarter'
        ? `${pad4(year)}-Q${monthOfYear / 3}`
        : kind === 'half-year'
          ? `${pad4(year)}-H${monthOfYear / 6}`
          : pad4(year);
  if (startDay === 15) {
    return { name, kind, from: monthDate(endMonth - span, 15), to: monthDate(endMonth, 14) };
  }
  return { name, kind, from: monthDate(endMonth - span + 1, 1), to: monthDate(endMonth, daysInMonth(year, monthOfYear)) };
}

function monthDate(monthIndex: number, day: number): LocalDate {
  const year = Math.floor(monthIndex / 12);
  return `${pad4(year)}-${pad2(monthIndex - year * 12 + 1)}-${pad2(day)}`;
}

function weekStartingOn(monday: number): ReportPeriod {
  // The ISO week-year is the year of the week's Thursday.
  const [thursdayYear] = civilFromDays(monday + 3);
  const week = Math.floor((monday - isoWeek1Monday(thursdayYear)) / 7) + 1;
  return { name: `${pad4(thursdayYear)}-W${pad2(week)}`, kind: 'week', from: formatDays(monday), to: formatDays(monday + 6) };
}

/** Day number of the Monday of ISO week 1: the week holding 4 January (so the year's first Thursday). */
function isoWeek1Monday(year: number): number {
  const january4 = daysFromCivil(year, 1, 4);
  return january4 - isoWeekdayIndex(january4);
}

function isoWeeksInYear(year: number): number {
  return (isoWeek1Monday(year + 1) - isoWeek1Monday(year)) / 7;
}

/** 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
function isoWeekdayIndex(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

function parseLocalDate(date: unknown): [number, number, number] {
  const match = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return [year, month, day];
  }
  throw new RangeError(`date: ${quoteForError(date)} is not a local date YYYY-MM-DD`);
}

function formatDays(days: number): LocalDate {
  const [year, month, day] = civilFromDays(days);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

function pad4(value: number): string {
  return `${value}`.padStart(4, '0');
}
