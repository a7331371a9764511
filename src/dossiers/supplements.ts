/** A supplement round: asked of the applicant, and (once they brought the papers) completed. */
export interface SupplementRound {
  requestedAt: Date;
  completedAt: Date | null;
  /** How long the applicant held the dossier, in milliseconds; null while it is still with them. */
  heldMs: number | null;
}

/** DVCQG status codes (NATIONAL.md §3): 5 asks for papers; 2, 4, 9 and 10 mean the desk has the dossier again. */
const ASKS = 5;
const BACK_AT_DESK: ReadonlySet<number> = new Set([2, 4, 9, 10]);

/**
 * A dossier's supplement rounds from its steps, in order (docs/figures.md §10): a request opens a
 * round (a second request while one is open is the same round, re-sent); the next step that
 * shows the desk working on it again closes it. Stops (8) and withdrawals (7) leave it open.
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
