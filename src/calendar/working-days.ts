import { DateTime } from 'luxon';
import { LocalDate, ZONE, endOfLocalDay } from '../common/local-time';

/**
 * Monday to Friday. The holiday and make-up-day calendar (SPEC §4) refines this rule; until it
 * is loaded every weekday counts as a working day.
 */
export function isWorkingDay(date: LocalDate): boolean {
  return DateTime.fromISO(date, { zone: ZONE }).weekday <= 5;
}

export function nextWorkingDay(date: LocalDate): LocalDate {
  let cursor = DateTime.fromISO(date, { zone: ZONE });
  do {
    cursor = cursor.plus({ days: 1 });
  } while (!isWorkingDay(cursor.toISODate()!));
  return cursor.toISODate()!;
}

/** The end of the first working day after `date`: an open dossier due before it is "due soon". */
export function endOfNextWorkingDay(date: LocalDate): Date {
  return endOfLocalDay(nextWorkingDay(date));
}
