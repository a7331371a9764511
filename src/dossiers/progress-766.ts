import { DossierStatus } from './classification';
import { supplementRounds } from './supplements';

/**
 * Indicator 2.1 of Decision 766/QĐ-TTg ("tiến độ giải quyết") as DVCQG judges one dossier
 * (NATIONAL.md §4, SPEC §11): the first step of the scorecard (issue 15), not yet counted.
 *
 * - Only received dossiers count: one not received at intake (`denied`) is neither.
 * - A finished dossier — settled (resolved, refused: DVCQG's 9, 10, 8) or withdrawn (7) — is on
 *   time when processing ended no later than its current due instant; after a completed
 *   supplement round the time the applicant held the dossier is taken off, unless the due date
 *   was already moved for it (the record then carries the new one).
 * - More than one supplement request makes a dossier overdue, whatever else it says.
 * - A dossier waiting for papers at the judging moment is judged at its request.
 * - An unfinished one is judged at the end of the period: within its deadline or not.
 */

export type Verdict766 = 'onTime' | 'late';

export interface Dossier766 {
  status: DossierStatus;
  /** The current due instant (DVCQG's NgayHenTra, replaced after a supplement or an apology). */
  dueAt: Date;
  /** The end of processing: resolvedAt for a settled dossier, withdrawnAt for a withdrawn one. */
  finishedAt: Date | null;
  /** Its steps (DVCQG status codes), for the supplement rounds; none: judged on its fields alone. */
  steps: readonly { statusCode: number; at: Date }[];
  /** True when the due date was moved for the supplement (the record's rounds name a new one). */
  dueMovedForSupplement?: boolean;
}

const FINISHED: readonly DossierStatus[] = ['resolved', 'refused', 'withdrawn'];

/**
 * The verdict of one dossier for a period ending at `periodEnd` (the last instant of its last
 * day), or null when it does not count (not received). A finished dossier is judged only when
 * it finished by the period's end; the caller counts it in the period it finished in.
 */
export function judge766(dossier: Dossier766, periodEnd: Date): Verdict766 | null {
  if (dossier.status === 'denied') return null;
  const rounds = supplementRounds(dossier.steps.filter((step) => step.at.getTime() <= periodEnd.getTime()));
  if (rounds.length > 1) return 'late';
  const finished = FINISHED.includes(dossier.status) && dossier.finishedAt !== null && dossier.finishedAt.getTime() <= periodEnd.getTime();
  const due = dossier.dueAt.getTime();
  if (finished) {
    const held = dossier.dueMovedForSupplement ? 0 : rounds.reduce((sum, round) => sum + (round.heldMs ?? 0), 0);
    return dossier.finishedAt!.getTime() - held <= due ? 'onTime' : 'late';
  }
  const open = rounds.find((round) => round.completedAt === null);
  if (open) return open.requestedAt.getTime() <= due ? 'onTime' : 'late';
  const held = dossier.dueMovedForSupplement ? 0 : rounds.reduce((sum, round) => sum + (round.heldMs ?? 0), 0);
  return periodEnd.getTime() - held <= due ? 'onTime' : 'late';
}
