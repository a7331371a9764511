import { LocalDate, addLocalDays, endOfLocalDay } from '../common/local-time';

/**
 * The days that differ from the Monday–Friday rule (SPEC §4): public holidays and compensatory
 * days off, and make-up working days (ngày làm bù, usually a Saturday).
 */
export interface WorkCalendar {
  holidays: ReadonlySet<LocalDate>;
  workdays: ReadonlySet<LocalDate>;
}

export const WEEKENDS_ONLY: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** ISO weekday of a local date, 1 = Monday … 7 = Sunday (local dates need no time zone). */
export function weekdayOf(date: LocalDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWorkingDay(date: LocalDate, calendar: WorkCalendar = WEEKENDS_ONLY): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return weekdayOf(date) <= 5;
}

export function nextWorkingDay(date: LocalDate, calendar: WorkCalendar = WEEKENDS_ONLY): LocalDate {
  return addWorkingDays(date, 1, calendar);
}

/**
 * The `days`-th working day after `date`; `date` itself is not counted (SPEC §4: the day of
 * receipt is not counted). `days = 0` gives `date`.
 */
export function addWorkingDays(date: LocalDate, days: number, calendar: WorkCalendar = WEEKENDS_ONLY): LocalDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer (got ${days})`);
  let cursor = date;
  for (let counted = 0; counted < days; ) {
    cursor = addLocalDays(cursor, 1);
    if (isWorkingDay(cursor, calendar)) counted++;
  }
  return cursor;
}

/**
 * Working days in (from, to]: how many working days are left from `from` until a deadline on
 * `to`. Negative when `to` is before `from` (the working days since the deadline passed).
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, calendar: WorkCalendar = WEEKENDS_ONLY): number {
  if (to < from) return -workingDaysBetween(to, from, calendar) || 0; // never -0
  let count = 0;
  for (let cursor = addLocalDays(from, 1); cursor <= to; cursor = addLocalDays(cursor, 1)) {
    if (isWorkingDay(cursor, calendar)) count++;
  }
  return count;
}

/** The end of the first working day after `date`: an open dossier due before it is "due soon". */
export function endOfNextWorkingDay(date: LocalDate, calendar: WorkCalendar = WEEKENDS_ONLY): Date {
  return endOfLocalDay(nextWorkingDay(date, calendar));
}
