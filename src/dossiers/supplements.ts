/** A supplement round: asked of the applicant, and (once they brought the papers) completed. */
export interface SupplementRound {
  requestedAt: Date;
  completedAt: Date | null;
  /** How long the applicant held the dossier, in milliseconds; null while it is still with them. */
  heldMs: number | null;
}

/**
 * DVCQG status codes (NATIONAL.md §3): 5 asks for papers; 2 and 4 mean the desk has the dossier
 * again. A result (9, 10) straight after a request says nothing of when the papers came back, so
 * it does not close the round: taking the whole span off as the applicant's would flatter the desk.
 */
const ASKS = 5;
const BACK_AT_DESK: ReadonlySet<number> = new Set([2, 4]);

/**
 * A dossier's supplement rounds from its steps, in order (docs/figures.md §10): a request opens a
 * round (a second request while one is open is the same round, re-sent); the next step that
 * shows the desk working on it again (2, 4) closes it. Results (9, 10), stops (8) and withdrawals (7) leave it open.
 */
export function supplementRounds(steps: readonly { statusCode: number; at: Date }[]): SupplementRound[] {
  const rounds: SupplementRound[] = [];
  let open: SupplementRound | null = null;
  for (const step of [...steps].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (step.statusCode === ASKS) {
      if (open === null) rounds.push((open = { requestedAt: step.at, completedAt: null, heldMs: null }));
    } else if (open !== null && BACK_AT_DESK.has(step.statusCode)) {
      open.completedAt = step.at;
      open.heldMs = step.at.getTime() - open.requestedAt.getTime();
      open = null;
    }
  }
  return rounds;
}
