/**
 * The lock on an e-mail address after repeated failed sign-ins, whatever network addresses they
 * came from: the per-address throttle (sign-in-throttle.ts) stops one client; this stops many
 * clients taking turns, or one that names a new address each time. Pure: the store
 * (sign-in-failures.store.ts) keeps the state in the database, so every instance sees it.
 *
 * The state is kept per e-mail address as typed, whether or not an account has it: an unknown
 * address locks after the same failures and answers the same, so the lock tells no one which
 * accounts exist. The lock lasts LOCK_MS and is not lengthened by attempts during it; the
 * account's own known browsers (known-browser.ts) are not held by it, so an attacker cannot
 * keep the owner out by locking the account again and again.
 */
export const ACCOUNT_LOCK = {
  /** Failed sign-ins within WINDOW_MS that lock the address … */
  maxFailures: 10,
  windowMs: 15 * 60 * 1000,
  /** … for this long. */
  lockMs: 15 * 60 * 1000,
} as const;

export interface FailureState {
  /** Failures since windowStartedAt. */
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/** Milliseconds the address stays locked; 0 when a sign-in may be tried. */
export function lockedForMs(state: FailureState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/**
 * The state after one more failure at `now`, and whether this failure started a lock. A window
 * that has passed starts again at this failure; the failure that reaches the limit locks and
 * starts the count afresh, so the address has its full count again once the lock has passed.
 */
export function afterFailure(state: FailureState | null, now: Date, policy = ACCOUNT_LOCK): { state: FailureState; lockedNow: boolean } {
  if (state && lockedForMs(state, now) > 0) return { state, lockedNow: false };
  const inWindow = state !== null && now.getTime() < state.windowStartedAt.getTime() + policy.windowMs;
  const failures = inWindow ? state.failures + 1 : 1;
  const windowStartedAt = inWindow ? state.windowStartedAt : now;
  if (failures >= policy.maxFailures) {
    return { state: { failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + policy.lockMs) }, lockedNow: true };
  }
  return { state: { failures, windowStartedAt, lockedUntil: null }, lockedNow: false };
}

/** A state that no longer counts for anything (its window and its lock have passed): it may be removed. */
export function isSpent(state: FailureState, now: Date, policy = ACCOUNT_LOCK): boolean {
  return lockedForMs(state, now) === 0 && now.getTime() >= state.windowStartedAt.getTime() + policy.windowMs;
}
