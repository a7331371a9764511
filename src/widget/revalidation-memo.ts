import { shareInFlight } from '../common/in-flight';
import { BoundedMap } from './bounded-map';

export interface RevalidationMemoOptions {
  /** How long a value read from the database is trusted without asking again, in ms. */
  windowMs: number;
  /** Keys kept at most; the least recently used goes first. */
  maxEntries: number;
  /** With `weigh`: the weight all kept values may have together (a scope weighs its units). */
  maxWeight?: number;
  weigh?: (value: unknown) => number;
  /** Elapsed real time in ms (monotonic): the window is about other instances' writes, not the domain clock. */
  now: () => number;
  /** Failures after which the last value may still be served (the database is away). */
  isUnavailable: (error: unknown) => boolean;
}

export interface Revalidated<V> {
  value: V;
  /** Set when the database could not be asked: `value` is the last one read, of unknown age. */
  staleBecause?: unknown;
}

interface Entry<V> {
  value: V;
  checkedAt: number;
  generation: number;
  /** The failure that made this entry a fallback; it stays one until the next successful read. */
  failure?: unknown;
}

/**
 * A short-lived memo of what the database says about a key (the widget's scope state: units and
 * data version). Inside the window a request is answered from memory; after it, the next request
 * reads again, concurrent readers of one key sharing that read. Several instances behind a load
 * balancer therefore see another instance's write within one window. This instance's own writes
 * end the window at once (`invalidate`).
 *
 * When a read fails because the database is unreachable, the last value is served marked stale,
 * and the database is asked again only after another window, so an outage under load costs one
 * connection attempt per key and window, not one per request.
 */
export class RevalidationMemo<V> {
  private readonly entries: BoundedMap<Entry<V>>;
  private readonly pending = new Map<string, Promise<V>>();
  private generation = 0;

  constructor(private readonly options: RevalidationMemoOptions) {
    if (!(options.windowMs >= 0)) throw new RangeError('windowMs must be 0 or more');
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.entries = new BoundedMap<Entry<V>>(options.maxEntries, options.maxWeight ?? Infinity);
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string, read: () => Promise<V>): Promise<Revalidated<V>> {
    const held = this.entries.map.get(key);
    if (held && this.isCurrent(held.value)) {
      const entry = held.value;
      this.entries.set(key, entry, held.bytes);
      return entry.failure === undefined ? { value: entry.value } : { value: entry.value, staleBecause: entry.failure };
    }
    try {
      return { value: await this.read(key, read) };
    } catch (error) {
      const last = this.entries.map.get(key);
      if (!last || !this.options.isUnavailable(error)) throw error;
      // Remember the failure for one window: the requests behind this one do not retry at once.
      this.entries.set(key, { value: last.value.value, checkedAt: this.options.now(), generation: this.generation, failure: error }, last.bytes);
      return { value: last.value.value, staleBecause: error };
    }
  }

  /** This instance wrote: whatever was read before may be out of date. Kept as fallbacks. */
  invalidate(): void {
    this.generation++;
  }

  private read(key: string, read: () => Promise<V>): Promise<V> {
    const generation = this.generation;
    return shareInFlight(this.pending, `${generation}\u0000${key}`, async () => {
      const value = await read();
      this.entries.set(key, { value, checkedAt: this.options.now(), generation }, this.options.weigh?.(value) ?? 0);
      return value;
    });
  }

  private isCurrent(entry: Entry<V>): boolean {
    const age = this.options.now() - entry.checkedAt;
    return entry.generation === this.generation && age >= 0 && age < this.options.windowMs;
  }
}
