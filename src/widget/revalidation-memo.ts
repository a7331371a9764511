import { shareInFlight } from '../common/in-flight';

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
  weight: number;
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
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, Promise<V>>();
  private generation = 0;
  private weight = 0;

  constructor(private readonly options: RevalidationMemoOptions) {
    if (!(options.windowMs >= 0)) throw new RangeError('windowMs must be 0 or more');
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string, read: () => Promise<V>): Promise<Revalidated<V>> {
    const entry = this.entries.get(key);
    if (entry && this.isCurrent(entry)) {
      this.touch(key, entry);
      return entry.failure === undefined ? { value: entry.value } : { value: entry.value, staleBecause: entry.failure };
    }
    try {
      return { value: await this.read(key, read) };
    } catch (error) {
      const last = this.entries.get(key);
      if (!last || !this.options.isUnavailable(error)) throw error;
      // Remember the failure for one window: the requests behind this one do not retry at once.
      this.store(key, { value: last.value, weight: last.weight, checkedAt: this.options.now(), generation: this.generation, failure: error });
      return { value: last.value, staleBecause: error };
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
      this.store(key, { value, weight: this.options.weigh?.(value) ?? 0, checkedAt: this.options.now(), generation });
      return value;
    });
  }

  private isCurrent(entry: Entry<V>): boolean {
    const age = this.options.now() - entry.checkedAt;
    return entry.generation === this.generation && age >= 0 && age < this.options.windowMs;
  }

  private touch(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private store(key: string, entry: Entry<V>): void {
    this.remove(key);
    this.entries.set(key, entry);
    this.weight += entry.weight;
    const maxWeight = this.options.maxWeight ?? Infinity;
    while (this.entries.size > this.options.maxEntries || (this.weight > maxWeight && this.entries.size > 1)) this.remove(this.entries.keys().next().value as string);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }
}
