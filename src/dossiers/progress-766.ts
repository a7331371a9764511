import { LocalDate, daysFromCivil, localDateOf } from '../common/local-time';
import { DossierStatus, SETTLED_STATUSES } from './classification';
import { supplementRounds } from './supplements';

/**
 * Indicator 2.1 of Decision 766/QĐ-TTg ("tiến độ giải quyết") as DVCQG judges one dossier
 * (NATIONAL.md §4, SPEC §11, docs/figures.md §11). One definition for the stats, the widget, the
 * reports and the scorecard: the rollups count it (rollups.ts), and this file says what they count.
 *
 * - Only received dossiers count: one not received at intake (`denied`) is neither.
 * - A finished dossier — settled (resolved, refused: DVCQG's 9, 10, 8) or withdrawn (7) — is on
 *   time when processing ended no later than its current due instant; after a completed
 *   supplement round the time the applicant held the dossier is taken off, unless the due date
 *   was already moved for it (the record then carries the new one).
 * - More than one supplement request makes a dossier overdue, whatever else it says.
 * - A dossier waiting for papers at the judging moment is judged at its request.
 * - An unfinished one is judged at the end of the period (or now, for a period ending today).
 * - A dossier without supplement steps is judged on its fields (docs/figures.md §3): one whose
 *   status is `waiting` is never overdue while the applicant holds it.
 */

export type Verdict766 = 'onTime' | 'late';

/** What the steps say of a dossier's supplement rounds: all 2.1 needs of them (stored on the dossier). */
export interface Supplement766 {
  /** The first round's request (DVCQG status 5). */
  supplementAt: Date | null;
  /** When the desk had the dossier back after it (2 or 4); null while the applicant holds it. */
  supplementDoneAt: Date | null;
  /** The second round's request: from then on the dossier is overdue. */
  supplementAgainAt: Date | null;
  /** The due date was moved for the first round (the record's round names a new one): nothing is taken off. */
  supplementDueMoved: boolean;
}

export const NO_SUPPLEMENT: Supplement766 = { supplementAt: null, supplementDoneAt: null, supplementAgainAt: null, supplementDueMoved: false };

export interface StepLike {
  statusCode: number;
  at: Date;
  stepDueAt?: Date | null;
  /** The due a record's round moved the dossier to, kept on the step whoever reported it. */
  roundDueAt?: Date | null;
  origin?: string;
}

/** The summary of a dossier's supplement rounds from its steps (supplements.ts reads the rounds). */
export function supplementOf(steps: readonly StepLike[]): Supplement766 {
  const rounds = supplementRounds(steps);
  if (rounds.length === 0) return NO_SUPPLEMENT;
  const [first, second] = rounds;
  const done = first.completedAt;
  // A round a record lists carries the due date it moved to (NgayHenTraMoi) on its completion
  // step, also when the system's progress row is that step.
  const moved = done !== null && steps.some((step) => step.at.getTime() === done.getTime() && (step.statusCode === 2 || step.statusCode === 4) && (step.roundDueAt != null || (step.origin === 'record' && step.stepDueAt != null)));
  return { supplementAt: first.requestedAt, supplementDoneAt: done, supplementAgainAt: second?.requestedAt ?? null, supplementDueMoved: moved };
}

/** What 2.1 needs of one dossier. */
export interface Facts766 extends Supplement766 {
  status: DossierStatus;
  /** The current due instant (DVCQG's NgayHenTra). */
  dueAt: Date;
  /** The end of processing: resolvedAt for a settled dossier, withdrawnAt for a withdrawn one. */
  finishedAt: Date | null;
}

const FINISHED: readonly DossierStatus[] = ['resolved', 'refused', 'withdrawn'];

/**
 * 2.1's facts of a stored dossier: its end of processing is resolvedAt once settled, withdrawnAt
 * once withdrawn (the stored settledOn and withdrawnOn follow from them), with its rounds' summary.
 */
export function facts766Of(
  d: { status: DossierStatus; dueAt: Date; resolvedAt?: Date | null; withdrawnAt?: Date | null },
  supplement: Supplement766,
): Facts766 {
  const finishedAt = d.status === 'withdrawn' ? (d.withdrawnAt ?? null) : SETTLED_STATUSES.includes(d.status) ? (d.resolvedAt ?? null) : null;
  return {
    status: d.status,
    dueAt: d.dueAt,
    finishedAt,
    supplementAt: supplement.supplementAt,
    supplementDoneAt: supplement.supplementDoneAt,
    supplementAgainAt: supplement.supplementAgainAt,
    supplementDueMoved: supplement.supplementDueMoved,
  };
}

/** How long the applicant held the dossier in its first round, in ms, once that round was completed by `t` (else 0). */
export function applicantHeldMs(f: Supplement766, t: number): number {
  if (f.supplementAt === null || f.supplementDoneAt === null || f.supplementDoneAt.getTime() > t) return 0;
  return f.supplementDoneAt.getTime() - f.supplementAt.getTime();
}

/** The time taken off the processing time by `t`: the applicant's, unless the due date was moved for it. */
function heldBy(f: Supplement766, t: number): number {
  return f.supplementDueMoved ? 0 : applicantHeldMs(f, t);
}

/** Whether a dossier that finished at `finishedAt` finished late. */
function finishedLate(f: Facts766, finishedAt: number): boolean {
  if (f.supplementAgainAt !== null && f.supplementAgainAt.getTime() <= finishedAt) return true;
  return finishedAt - heldBy(f, finishedAt) > f.dueAt.getTime();
}

/** Whether a dossier still open at `t` is overdue by 2.1's rules at that moment. */
export function openLateAt(f: Facts766, t: number): boolean {
  if (f.supplementAgainAt !== null && f.supplementAgainAt.getTime() <= t) return true;
  if (f.supplementAt !== null && f.supplementAt.getTime() <= t) {
    const open = f.supplementDoneAt === null || f.supplementDoneAt.getTime() > t;
    if (open) return f.supplementAt.getTime() > f.dueAt.getTime();
    return t - heldBy(f, t) > f.dueAt.getTime();
  }
  if (f.status === 'waiting' && f.supplementAt === null) return false;
  return t > f.dueAt.getTime();
}

/** The verdict of a dossier that finished (settled or withdrawn); null for one that has not, or was never received. */
export function finishedVerdict(f: Facts766): Verdict766 | null {
  if (!FINISHED.includes(f.status) || f.finishedAt === null) return null;
  return finishedLate(f, f.finishedAt.getTime()) ? 'late' : 'onTime';
}

/**
 * The verdict of one dossier for a period ending at `periodEnd` (the last instant of its last
 * day, or now), or null when it does not count (not received). A finished dossier is judged as
 * finished only when it finished by the period's end; the counting takes it in the period it
 * finished in.
 */
export function judge766(f: Facts766, periodEnd: Date): Verdict766 | null {
  if (f.status === 'denied') return null;
  if (FINISHED.includes(f.status) && f.finishedAt !== null && f.finishedAt.getTime() <= periodEnd.getTime()) return finishedVerdict(f);
  return openLateAt(f, periodEnd.getTime()) ? 'late' : 'onTime';
}

const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;

function dayNumber(date: LocalDate): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/**
 * The first local day at whose end (23:59:59.999, Vietnam time) `instant` has passed: its own
 * day, or the next one for an instant at the very last millisecond of its day. The rollups'
 * overdue stretch starts there too.
 */
export function overdueFrom(instant: Date): LocalDate {
  const local = instant.getTime() + OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return localDateOf(new Date((local < day * DAY_MS + DAY_MS - 1 ? day : day + 1) * DAY_MS - OFFSET_MS));
}

/**
 * The days on whose end a dossier is open and overdue by 2.1, as +1 on the first of each run of
 * such days and −1 on the day after it: summed up to day T, the count of dossiers open and
 * overdue at the end of T. Open means received by T and closed (settled or withdrawn) after T;
 * `closedOn` is the closing day. The verdict only changes on the days of the rounds' steps and
 * on the first days past the due instants, so it is judged on those days and held in between.
 */
export function openLateDays(f: Facts766, receivedOn: LocalDate, closedOn: LocalDate | null, add: (day: LocalDate, delta: 1 | -1) => void): void {
  if (f.status === 'denied') return;
  const candidates = new Set<LocalDate>([receivedOn, overdueFrom(f.dueAt)]);
  if (f.supplementAt) candidates.add(localDateOf(f.supplementAt));
  if (f.supplementDoneAt) {
    candidates.add(localDateOf(f.supplementDoneAt));
    candidates.add(overdueFrom(new Date(f.dueAt.getTime() + heldBy(f, f.supplementDoneAt.getTime()))));
  }
  if (f.supplementAgainAt) candidates.add(localDateOf(f.supplementAgainAt));
  const days = [...candidates].filter((day) => day >= receivedOn && (closedOn === null || day < closedOn)).sort();
  let late = false;
  for (const day of days) {
    const now = openLateAt(f, (dayNumber(day) + 1) * DAY_MS - OFFSET_MS - 1);
    if (now !== late) add(day, now ? 1 : -1);
    late = now;
  }
  if (late && closedOn !== null) add(closedOn, -1);
}
