import { shareInFlight } from '../common/in-flight';
import { BoundedMap } from './bounded-map';

export interface WidgetCacheOptions<V = unknown> {
  /** Entries kept at most; the least recently used goes first. */
  maxEntries: number;
  /**
   * The size the kept values may take in all (and, apart, the last good copies), as `sizeOf`
   * measures them: what bounds the memory of a host serving thousands of portals, whose answers
   * differ in size. Without it only `maxEntries` bounds.
   */
  maxBytes?: number;
  sizeOf?: (value: V) => number;
  /** False: no last good copies (a cache nothing serves while the database is away). Default true. */
  keepLastGood?: boolean;
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
  private readonly entries: BoundedMap<Entry<V>>;
  private readonly pending = new Map<string, Promise<V>>();
  /** The last answer computed per key, whatever its version or age: served only while the database is away. */
  private readonly fallbacks: BoundedMap<V>;
  private readonly maxBytes: number;

  constructor(private readonly options: WidgetCacheOptions<V>) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    if (!(options.ttlMs >= 0)) throw new RangeError('ttlMs must be 0 or more');
    if (options.maxBytes !== undefined && !(options.maxBytes > 0 && options.sizeOf)) throw new RangeError('maxBytes must be positive, with sizeOf');
    this.maxBytes = options.maxBytes ?? Infinity;
    this.entries = new BoundedMap<Entry<V>>(options.maxEntries, this.maxBytes);
    this.fallbacks = new BoundedMap<V>(options.maxEntries, this.maxBytes);
  }

  get size(): number {
    return this.entries.size;
  }

  /** What the kept entries take, as `sizeOf` measures them (0 without it). */
  get bytes(): number {
    return this.entries.totalBytes;
  }

  get(key: string, version: string): V | undefined {
    const held = this.entries.map.get(key);
    if (!held) return undefined;
    if (held.value.version !== version || !this.isFresh(held.value)) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used goes last: the map keeps the order things were set in; its last good copy too.
    this.entries.set(key, held.value, held.bytes);
    const fallback = this.fallbacks.map.get(key);
    if (fallback) this.fallbacks.set(key, fallback.value, fallback.bytes);
    return held.value.value;
  }

  set(key: string, version: string, value: V): void {
    const bytes = this.options.sizeOf?.(value) ?? 0;
    // An answer over an eighth of the size is served, not kept: it would push out all the others.
    if (bytes > this.maxBytes / 8) {
      this.entries.delete(key);
      this.fallbacks.delete(key);
      return;
    }
    this.entries.set(key, { version, storedAt: this.options.now(), value }, bytes);
    if (this.options.keepLastGood !== false) this.fallbacks.set(key, value, bytes);
  }

  /** Stale-if-error: the last answer stored for `key`, of any version and age. */
  lastStored(key: string): V | undefined {
    return this.fallbacks.map.get(key)?.value;
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
