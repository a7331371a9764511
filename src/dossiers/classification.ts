import { localDateOf } from '../common/local-time';
import { WEEKENDS_ONLY, WorkCalendar, endOfNextWorkingDay } from '../calendar/working-days';

export const STATUSES = ['processing', 'waiting', 'resolved', 'refused', 'withdrawn', 'denied'] as const;
export type DossierStatus = (typeof STATUSES)[number];

export const CHANNELS = ['direct', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How a fee was paid online (docs/figures.md §11): on DVCQG, or through a provincial or ministry gateway. */
export const PAID_ONLINE = ['dvcqg', 'gateway'] as const;
export type PaidOnline = (typeof PAID_ONLINE)[number];

export const SETTLED_STATUSES: readonly DossierStatus[] = ['resolved', 'refused'];
export const OPEN_STATUSES: readonly DossierStatus[] = ['processing', 'waiting'];

export type Timeliness = 'early' | 'onTime' | 'late';
export type OpenState = 'waiting' | 'overdue' | 'dueSoon' | 'onTrack';

export function isSettled(status: DossierStatus): boolean {
  return SETTLED_STATUSES.includes(status);
}

export function isOpen(status: DossierStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * docs/figures.md §3: late when the result came after the deadline; on time when not late and on the
 * deadline's local day; early when on an earlier local day.
 */
export function classifySettled(resolvedAt: Date, dueAt: Date): Timeliness {
  if (resolvedAt.getTime() > dueAt.getTime()) return 'late';
  return localDateOf(resolvedAt) === localDateOf(dueAt) ? 'onTime' : 'early';
}

/**
 * docs/figures.md §3: the state of an open dossier at moment `at`. Time alone moves it from on track to
 * due soon to overdue; a dossier handed back to the applicant (`waiting`) is never overdue.
 */
export function classifyOpen(status: DossierStatus, dueAt: Date, at: Date, calendar: WorkCalendar = WEEKENDS_ONLY): OpenState {
  if (status === 'waiting') return 'waiting';
  if (at.getTime() > dueAt.getTime()) return 'overdue';
  if (dueAt.getTime() <= endOfNextWorkingDay(localDateOf(at), calendar).getTime()) return 'dueSoon';
  return 'onTrack';
}
