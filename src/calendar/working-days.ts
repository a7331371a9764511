import { LocalDate, civilFromDays, daysFromCivil, endOfLocalDay } from '../common/local-time';

/**
 * The days that differ from the Monday–Friday rule (docs/figures.md §4): public holidays and compensatory
 * days off, and make-up working days (ngày làm bù, usually a Saturday). Counting indexes a
 * calendar once (see below), so its sets are not to be changed in place after it was counted with
 * — CalendarService builds a new one per request; a set that grew or was swapped is re-indexed.
 */
export interface WorkCalendar {
  holidays: ReadonlySet<LocalDate>;
  workdays: ReadonlySet<LocalDate>;
}

export const WEEKENDS_ONLY: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** ISO weekday of a local date, 1 = Monday … 7 = Sunday (local dates need no time zone). */
export function weekdayOf(date: LocalDate): number {
  return isoWeekday(dayNumber(date));
}

export function isWorkingDay(date: LocalDate, calendar: WorkCalendar = WEEKENDS_ONLY): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return weekdayOf(date) <= 5;
}

export function nextWorkingDay(date: LocalDate, calendar: WorkCalendar = WEEKENDS_ONLY): LocalDate {
  return addWorkingDays(date, 1, calendar);
}

/*
 * Counting is arithmetic, not a walk over the days: a deadline in 2199 costs what one next week
 * does. Working days in (a, b] = the weekdays in (a, b], minus the calendar's days off that fall
 * on a weekday, plus its make-up days that fall on a weekend — the last two counted by binary
 * search in sorted arrays of day numbers. working-days.spec.ts holds this equal to the day-by-day
 * count over random ranges and random calendars.
 */

/**
 * The `days`-th working day after `date`; `date` itself is not counted (docs/figures.md §4: the day of
 * receipt is not counted). `days = 0` gives `date`.
 */
export function addWorkingDays(date: LocalDate, days: number, calendar: WorkCalendar = WEEKENDS_ONLY): LocalDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer (got ${days})`);
  const start = dayNumber(date);
  if (days === 0) return date;
  const index = indexOf(calendar);
  // Far enough: the `days + offs`-th weekday, where `offs` counts every day off after `start`
  // (each can take away at most one weekday). Then the first day in (start, high] at which
  // `days` working days are counted: a working day, found by binary search.
  const offsAfter = index.offs.length - upperBound(index.offs, start);
  let low = start + 1;
  let high = nthWeekdayAfter(start, days + offsAfter);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (count(index, start, middle) >= days) high = middle;
    else low = middle + 1;
  }
  return dateOf(low);
}

/**
 * Working days in (from, to]: how many working days are left from `from` until a deadline on
 * `to`. Negative when `to` is before `from` (the working days since the deadline passed).
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, calendar: WorkCalendar = WEEKENDS_ONLY): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === b) return 0;
  const index = indexOf(calendar);
  return b > a ? count(index, a, b) : -count(index, b, a) || 0; // never -0
}

/** The end of the first working day after `date`: an open dossier due before it is "due soon". */
export function endOfNextWorkingDay(date: LocalDate, calendar: WorkCalendar = WEEKENDS_ONLY): Date {
  return endOfLocalDay(nextWorkingDay(date, calendar));
}

// ——— internals ———

/** A calendar's exceptions as sorted day numbers (days since 1970-01-01). */
interface CalendarIndex {
  /** Days off that fall on Monday–Friday and are not also make-up days: each removes a working day. */
  offs: number[];
  /** Make-up working days on a Saturday or Sunday: each adds one. */
  extras: number[];
  /** The sets indexed, and their sizes then: a calendar whose sets changed since is indexed again. */
  holidays: ReadonlySet<LocalDate>;
  workdays: ReadonlySet<LocalDate>;
  sizes: [number, number];
}

const indexes = new WeakMap<WorkCalendar, CalendarIndex>();

function indexOf(calendar: WorkCalendar): CalendarIndex {
  const cached = indexes.get(calendar);
  if (
    cached &&
    cached.holidays === calendar.holidays &&
    cached.workdays === calendar.workdays &&
    cached.sizes[0] === calendar.holidays.size &&
    cached.sizes[1] === calendar.workdays.size
  ) {
    return cached;
  }
  const offs: number[] = [];
  const extras: number[] = [];
  for (const date of calendar.holidays) {
    if (calendar.workdays.has(date)) continue; // a make-up day wins over a day off on the same date
    const day = dayNumberOrNull(date);
    if (day !== null && isoWeekday(day) <= 5) offs.push(day);
  }
  for (const date of calendar.workdays) {
    const day = dayNumberOrNull(date);
    if (day !== null && isoWeekday(day) >= 6) extras.push(day);
  }
  const index: CalendarIndex = {
    offs: offs.sort((x, y) => x - y),
    extras: extras.sort((x, y) => x - y),
    holidays: calendar.holidays,
    workdays: calendar.workdays,
    sizes: [calendar.holidays.size, calendar.workdays.size],
  };
  indexes.set(calendar, index);
  return index;
}

/** Working days in (a, b], for a ≤ b. */
function count(index: CalendarIndex, a: number, b: number): number {
  const offs = upperBound(index.offs, b) - upperBound(index.offs, a);
  const extras = upperBound(index.extras, b) - upperBound(index.extras, a);
  return weekdaysUpTo(b) - weekdaysUpTo(a) - offs + extras;
}

/** Day 4 (1970-01-05) was a Monday. */
const A_MONDAY = 4;

/** Monday–Friday days up to and including day `n`, counted from a fixed Monday (only differences matter). */
function weekdaysUpTo(n: number): number {
  const m = n - A_MONDAY;
  const weeks = Math.floor(m / 7);
  return 5 * weeks + Math.min(m - 7 * weeks + 1, 5);
}

/** The `k`-th weekday after day `a` (k ≥ 1): the inverse of weekdaysUpTo. */
function nthWeekdayAfter(a: number, k: number): number {
  const target = weekdaysUpTo(a) + k - 1;
  const weeks = Math.floor(target / 5);
  return A_MONDAY + 7 * weeks + (target - 5 * weeks);
}

/** How many of the sorted `values` are ≤ `x`. */
function upperBound(values: number[], x: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** 1 = Monday … 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumberOrNull(date: LocalDate): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const days = daysFromCivil(year, month, day);
  const [y, m, d] = civilFromDays(days);
  return y === year && m === month && d === day ? days : null;
}

function dayNumber(date: LocalDate): number {
  const days = dayNumberOrNull(date);
  if (days === null) throw new RangeError(`${JSON.stringify(String(date).slice(0, 40))} is not a local date YYYY-MM-DD`);
  return days;
}

function dateOf(days: number): LocalDate {
  const [year, month, day] = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
