import { ACCOUNT_LOCK, FailureState, afterFailure, isSpent, lockedForMs } from './account-lock';

const T0 = new Date('2025-06-10T03:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The state after a failure at each of the given minutes, and the minutes at which a lock began. */
function failAt(minutes: number[], start: FailureState | null = null) {
  let state = start;
  const locks: number[] = [];
  for (const minute of minutes) {
    const next = afterFailure(state, at(minute));
    state = next.state;
    if (next.lockedNow) locks.push(minute);
  }
  return { state: state!, locks };
}

describe('the account lock', () => {
  it('locks at the 10th failure within 15 minutes, for 15 minutes', () => {
    const { state, locks } = failAt([0, 1, 2, 3, 4, 5, 6, 7, 8, 14]);
    expect(locks).toEqual([14]);
    expect(state.lockedUntil).toEqual(at(29));
    expect(lockedForMs(state, at(14))).toBe(ACCOUNT_LOCK.lockMs);
    expect(lockedForMs(state, at(28.5))).toBe(30_000);
    expect(lockedForMs(state, at(29))).toBe(0);
  });

  it('does not lock when the failures are spread wider than the window', () => {
    const { state, locks } = failAt([0, 2, 4, 6, 8, 10, 12, 14, 15, 16, 18]);
    expect(locks).toEqual([]);
    // The window restarted at minute 15: three failures in it.
    expect(state).toEqual({ failures: 3, windowStartedAt: at(15), lockedUntil: null });
  });

  it('is not lengthened by failures during the lock, and counts afresh after it', () => {
    const locked = failAt(Array.from({ length: 10 }, (_, i) => i)).state;
    expect(afterFailure(locked, at(12))).toEqual({ state: locked, lockedNow: false });
    const after = failAt([25], locked).state;
    expect(after).toEqual({ failures: 1, windowStartedAt: at(25), lockedUntil: null });
    expect(lockedForMs(after, at(25))).toBe(0);
  });

  it('has nothing to say about an address that never failed', () => {
    expect(lockedForMs(null, T0)).toBe(0);
    expect(afterFailure(null, T0)).toEqual({ state: { failures: 1, windowStartedAt: T0, lockedUntil: null }, lockedNow: false });
  });

  it('lets a state go once its window and its lock have passed', () => {
    const counting = failAt([0, 1]).state;
    expect(isSpent(counting, at(14))).toBe(false);
    expect(isSpent(counting, at(15))).toBe(true);
    const locked = failAt(Array.from({ length: 10 }, (_, i) => i)).state;
    expect(isSpent(locked, at(20))).toBe(false);
    expect(isSpent(locked, at(24))).toBe(true);
  });
});
