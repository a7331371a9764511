import type { ThrottlerStorage } from '@nestjs/throttler';
import { Clock } from './clock';

/** The answer @nestjs/throttler's guard expects of its storage (seconds, as it sends Retry-After). */
export interface RateLimitRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

interface Window {
  endsAt: number;
  hits: number;
}

/** Addresses remembered at most: a flood of new addresses cannot grow the map without bound. */
export const RATE_LIMIT_MAX_KEYS = 100_000;

/**
 * The public routes' per-address limit (PUBLIC_RATE_LIMIT a minute), counted in fixed windows
 * on the injected clock: a window opens with an address's first request and lasts `ttl`; past
 * `limit` requests in it, the address is refused until the window closes. On the clock rather
 * than timers, so the limit is the same on a fast machine and a slow one, and tests move time
 * instead of racing it.
 */
export class ClockRateLimitStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    private readonly maxKeys = RATE_LIMIT_MAX_KEYS,
  ) {}

  increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<RateLimitRecord> {
    const now = this.clock.now().getTime();
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (window === undefined || now >= window.endsAt) {
      window = { endsAt: now + ttl, hits: 0 };
      this.windows.delete(id);
      this.forgetSome(now);
      this.windows.set(id, window);
    }
    window.hits++;
    const secondsLeft = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    const isBlocked = window.hits > limit;
    return Promise.resolve({ totalHits: window.hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 });
  }

  /** Room for one more address: closed windows go first, then the oldest opened. */
  private forgetSome(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [id, window] of this.windows) {
      if (window.endsAt <= now) this.windows.delete(id);
    }
    while (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
  }
}
