import { endOfLocalDay, localDateOf } from '../common/local-time';
import { WorkCalendar, addWorkingDays } from './working-days';

/**
 * docs/figures.md §4: a dossier received on day D for a procedure of N working days is due at the end of
 * the N-th working day after D (D itself is not counted).
 */
export function computeDueAt(receivedAt: Date, processingDays: number, calendar: WorkCalendar): Date {
  return endOfLocalDay(addWorkingDays(localDateOf(receivedAt), processingDays, calendar));
}
