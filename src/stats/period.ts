import { LocalDate, localDateOf, localDateProblem, startOfLocalYear } from '../common/local-time';
import { Period } from './figures';

export const MAX_PERIOD_DAYS = 3 * 366 + 1;

export type PeriodCheck = { ok: true; period: Period } | { ok: false; reason: string };

/**
 * A request's period: `from`/`to` as local dates, by default 1 January of the current year to
 * today (the portal block's "year to date").
 */
export function resolvePeriod(from: unknown, to: unknown, now: Date): PeriodCheck {
  const today = localDateOf(now);
  const given = (value: unknown) => value !== undefined && value !== null && value !== '';
  // Inside the service's range of dates (common/local-time.ts), like every date from outside.
  const fromProblem = given(from) ? localDateProblem(from) : null;
  if (fromProblem) return { ok: false, reason: `from: ${fromProblem}` };
  const toProblem = given(to) ? localDateProblem(to) : null;
  if (toProblem) return { ok: false, reason: `to: ${toProblem}` };
  const end: LocalDate = given(to) ? (to as LocalDate) : today;
  const start: LocalDate = given(from) ? (from as LocalDate) : startOfLocalYear(end);
  if (start > end) return { ok: false, reason: `from (${start}) is after to (${end})` };
  const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) return { ok: false, reason: `a period is at most ${MAX_PERIOD_DAYS} days (got ${days})` };
  return { ok: true, period: { from: start, to: end } };
}
