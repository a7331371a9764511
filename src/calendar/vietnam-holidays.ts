import { LocalDate, addLocalDays } from '../common/local-time';
import { lunarNewYear, lunarNewYearsEve, lunarToSolar } from './lunar';
import { weekdayOf } from './working-days';

/**
 * Vietnam's public holidays, as seed rows of the editable calendar table (docs/figures.md §4).
 *
 * Rules (Labour Code 2019, Art. 111–112, in force from 2021; the Labour Code 2012 for 2013–2020):
 * - Tết Dương lịch: 1/1.
 * - Tết Nguyên Đán: 5 days, taken here as giao thừa (the last day of lunar month 12) and mùng 1–4
 *   tháng Giêng. The Prime Minister fixes the actual days each year; admins correct them.
 * - Giỗ Tổ Hùng Vương: 10/3 lunar.
 * - Ngày Chiến thắng 30/4 and Ngày Quốc tế Lao động 1/5.
 * - Quốc khánh 2/9 and, from 2021, one adjacent day (1/9 or 3/9, decided each year by the Prime
 *   Minister). Assumed until an admin enters the decision: 2/9 on Tuesday, Friday or Saturday →
 *   1/9; on Sunday, Monday, Wednesday or Thursday → 3/9 (Thu, Fri, Sat, Mon, Tue as decided in
 *   2021–2025; Wednesday and Sunday not yet seen).
 * - Compensation (nghỉ bù, Art. 111(3)): a holiday on a Saturday or Sunday gives a day off on the
 *   next working day after it, skipping weekends, holidays and compensatory days already given.
 *   For Tết the break is kept in one piece: a Saturday Tết day moves to the working day before
 *   giao thừa, a Sunday Tết day to the working day after mùng 4.
 *
 * Years before 2013 (the Labour Code 1994/2006: 4 days of Tết) are not modelled.
 */

export interface CalendarDaySeed {
  date: LocalDate;
  kind: 'holiday' | 'workday';
  /** In Vietnamese: user-facing. */
  name: string;
}

export const FIRST_MODELLED_YEAR = 2013;
/** The Labour Code 2019 (one day adjacent to Quốc khánh) applies from this year. */
const LABOUR_CODE_2019_FROM = 2021;

/**
 * The Government's announced swaps of working days (hoán đổi ngày làm việc: a weekday off, a
 * Saturday worked) — only those known for certain. Admins enter each year's announcement (and
 * any Tết or Quốc khánh decision that differs from the rules above) through the calendar API.
 */
export const ANNOUNCED_SWAPS: readonly CalendarDaySeed[] = Object.freeze([
  // 30/4–1/5/2024: Monday 29/4 off, worked on Saturday 4/5 (break 27/4–1/5).
  { date: '2024-04-29', kind: 'holiday', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 4/5)' },
  { date: '2024-05-04', kind: 'workday', name: 'Làm bù cho thứ Hai 29/4' },
  // 30/4–1/5/2025: Friday 2/5 off, worked on Saturday 26/4 (break 30/4–4/5).
  { date: '2025-04-26', kind: 'workday', name: 'Làm bù cho thứ Sáu 2/5' },
  { date: '2025-05-02', kind: 'holiday', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)' },
] satisfies CalendarDaySeed[]);

const SATURDAY = 6;
const SUNDAY = 7;

/** The public holidays and compensatory days off of one Gregorian year, sorted by date. */
export function vietnamHolidays(year: number): CalendarDaySeed[] {
  if (!Number.isInteger(year) || year < FIRST_MODELLED_YEAR) {
    throw new RangeError(`Holidays are modelled from ${FIRST_MODELLED_YEAR} (got ${year})`);
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  const solar = (month: number, day: number): LocalDate => `${year}-${pad(month)}-${pad(day)}`;

  // Tết of this Gregorian year: mùng 1 always falls between 21/1 and 20/2.
  const eve = lunarNewYearsEve(year);
  const tet: CalendarDaySeed[] = [{ date: eve, kind: 'holiday', name: 'Tết Nguyên Đán (giao thừa)' }];
  for (let day = 1; day <= 4; day++) {
    tet.push({ date: addLocalDays(lunarNewYear(year), day - 1), kind: 'holiday', name: `Tết Nguyên Đán (mùng ${day})` });
  }

  const others: CalendarDaySeed[] = [
    { date: solar(1, 1), kind: 'holiday', name: 'Tết Dương lịch' },
    { date: lunarToSolar(10, 3, year), kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' },
    { date: solar(4, 30), kind: 'holiday', name: 'Ngày Chiến thắng' },
    { date: solar(5, 1), kind: 'holiday', name: 'Ngày Quốc tế Lao động' },
    { date: solar(9, 2), kind: 'holiday', name: 'Quốc khánh' },
  ];
  if (year >= LABOUR_CODE_2019_FROM) {
    const adjacent = [SUNDAY, 1, 3, 4].includes(weekdayOf(solar(9, 2))) ? solar(9, 3) : solar(9, 1);
    others.push({ date: adjacent, kind: 'holiday', name: 'Quốc khánh (ngày liền kề)' });
  }

  const days = new Map<LocalDate, CalendarDaySeed>();
  for (const day of [...tet, ...others]) if (!days.has(day.date)) days.set(day.date, day);
  const isFree = (date: LocalDate): boolean => weekdayOf(date) >= SATURDAY || days.has(date);
  const compensate = (holiday: CalendarDaySeed, date: LocalDate): void => {
    days.set(date, { date, kind: 'holiday', name: `Nghỉ bù ${holiday.name}` });
  };

  // Tết first, so that the break stays together.
  for (const day of tet) {
    const weekday = weekdayOf(day.date);
    if (weekday === SATURDAY) compensate(day, stepToWorkingDay(eve, -1, isFree));
    if (weekday === SUNDAY) compensate(day, stepToWorkingDay(tet[tet.length - 1].date, +1, isFree));
  }
  for (const day of [...others].sort(byDate)) {
    if (weekdayOf(day.date) >= SATURDAY) compensate(day, stepToWorkingDay(day.date, +1, isFree));
  }

  return [...days.values()].sort(byDate);
}

/** The first day before (step −1) or after (+1) `date` that is not a weekend or already off. */
function stepToWorkingDay(date: LocalDate, step: 1 | -1, isFree: (date: LocalDate) => boolean): LocalDate {
  let cursor = addLocalDays(date, step);
  while (isFree(cursor)) cursor = addLocalDays(cursor, step);
  return cursor;
}

function byDate(a: CalendarDaySeed, b: CalendarDaySeed): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/**
 * The seed of the national calendar for the years `fromYear`–`toYear`: each year's holidays and
 * the announced swaps in range, one row per date (a swap wins over a rule for the same date).
 */
export function seedCalendarDays(fromYear: number, toYear: number): CalendarDaySeed[] {
  const days = new Map<LocalDate, CalendarDaySeed>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const day of vietnamHolidays(year)) days.set(day.date, day);
  }
  for (const swap of ANNOUNCED_SWAPS) {
    const year = Number(swap.date.slice(0, 4));
    if (year >= fromYear && year <= toYear) days.set(swap.date, { ...swap });
  }
  return [...days.values()].sort(byDate);
}
