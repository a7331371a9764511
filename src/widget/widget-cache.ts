import { shareInFlight } from '../common/in-flight';

export interface WidgetCacheOptions {
  /** Entries kept at most; the least recently used goes first. */
  maxEntries: number;
  /** How long an entry may be served, in ms. Open dossiers turn overdue with time alone. */
  ttlMs: number;
  /** Milliseconds of "now": injected so tests move time instead of waiting for it. */
  now: () => number;
}

interface Entry<V> {
  version: string;
  storedAt: number;
  value: V;
}

/**
 * Rendered widget answers per request key, each tagged with the data version of the scope it
 * was computed from. An entry is served only to a request that sees the same version (a write
 * below the unit bumps it), and only for `ttlMs`. Concurrent misses for the same key and
 * version share one computation.
 */
export class WidgetCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, Promise<V>>();
  /** The last answer computed per key, whatever its version or age: served only while the database is away. */
  private readonly fallbacks = new Map<string, V>();

  constructor(private readonly options: WidgetCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    if (!(options.ttlMs >= 0)) throw new RangeError('ttlMs must be 0 or more');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, version: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || !this.isFresh(entry)) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used goes last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { version, storedAt: this.options.now(), value });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.fallbacks.delete(key);
    this.fallbacks.set(key, value);
    while (this.fallbacks.size > this.options.maxEntries) this.fallbacks.delete(this.fallbacks.keys().next().value as string);
  }

  /** Stale-if-error: the last answer stored for `key`, of any version and age. */
  lastStored(key: string): V | undefined {
    return this.fallbacks.get(key);
  }

  async getOrCompute(key: string, version: string, compute: () => Promise<V>): Promise<V> {
    const cached = this.get(key, version);
    if (cached !== undefined) return cached;
    return shareInFlight(this.pending, `${version}\u0000${key}`, async () => {
      const value = await compute();
      this.set(key, version, value);
      return value;
    });
  }

  clear(): void {
    this.entries.clear();
    this.fallbacks.clear();
  }

  private isFresh(entry: Entry<V>): boolean {
    const age = this.options.now() - entry.storedAt;
    // A clock that went backwards tells nothing about the entry's age: treat it as stale.
    return age >= 0 && age < this.options.ttlMs;
  }
}
