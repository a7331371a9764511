import { LocalDate } from '../common/local-time';
import { MonthStartDay, nextPeriod, periodContaining } from './periods';
import { PeriodKind, ReportPeriod } from './report-model';

/**
 * The README's "Units over time": a subscription of a retired unit sends the last period that
 * holds the unit's last day, and then stops. `due`: the latest period whose send moment has
 * come; the answer is the period a tick makes sure was sent (the last one, once `due` has passed
 * it: a service that was down still sends it once).
 */
export function periodToSend(due: ReportPeriod, lastDay: LocalDate | null, kind: PeriodKind, monthStartDay: MonthStartDay): ReportPeriod {
  if (lastDay === null) return due;
  const last = lastPeriodOf(lastDay, kind, monthStartDay);
  return due.from > last.from ? last : due;
}

/** The last period a retired unit's subscription sends: the one holding the unit's last day. */
export function lastPeriodOf(lastDay: LocalDate, kind: PeriodKind, monthStartDay: MonthStartDay): ReportPeriod {
  return periodContaining(kind, lastDay, monthStartDay);
}

/** The period after `due` that will be sent, or null when the subscription has sent its last. */
export function upcomingPeriod(due: ReportPeriod, lastDay: LocalDate | null, kind: PeriodKind, monthStartDay: MonthStartDay): ReportPeriod | null {
  const upcoming = nextPeriod(due, monthStartDay);
  if (lastDay === null) return upcoming;
  return upcoming.from <= lastPeriodOf(lastDay, kind, monthStartDay).from ? upcoming : null;
}
