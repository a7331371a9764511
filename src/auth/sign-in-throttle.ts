/**
 * Slows down password guessing: after MAX_FAILURES failed sign-ins for one address from one
 * network address within the window, further attempts are refused until the window has passed.
 * In memory, per instance; a restart forgets it (the attacker still faces the slow hash). The
 * network address is the connection's unless TRUST_PROXY names the proxy it came through, so a
 * client cannot pick a new one each try; many clients taking turns meet the account lock
 * (account-lock.ts), which is kept in the database.
 *
 * The caller counts an attempt (`failed`) before its password is checked, in the same
 * synchronous step as `retryAfter`, so attempts sent at once cannot all pass before the first
 * is counted; `uncount` takes it back when a later check refused it unchecked, `succeeded`
 * forgets the address's count.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Milliseconds until another attempt is allowed; 0 when it is allowed now. */
  retryAfter(email: string, ip: string): number {
    const recent = this.recent(key(email, ip));
    if (recent.length < MAX_FAILURES) return 0;
    return Math.max(0, recent[0] + WINDOW_MS - this.now());
  }

  failed(email: string, ip: string): void {
    const id = key(email, ip);
    this.failures.set(id, [...this.recent(id), this.now()]);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  /** The latest attempt counted checked no password after all: it no longer counts. */
  uncount(email: string, ip: string): void {
    const id = key(email, ip);
    const recent = this.recent(id).slice(0, -1);
    if (recent.length > 0) this.failures.set(id, recent);
    else this.failures.delete(id);
  }

  succeeded(email: string, ip: string): void {
    this.failures.delete(key(email, ip));
  }

  private recent(id: string): number[] {
    const since = this.now() - WINDOW_MS;
    return (this.failures.get(id) ?? []).filter((at) => at > since);
  }
}

function key(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}\u0000${ip}`;
}
