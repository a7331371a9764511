/**
 * A map kept in least-recently-set order within a count and a total weight (bytes for the
 * widget's answers, units for the scopes' memo): setting a key again moves it last, and the
 * first ones go until both bounds hold.
 */
export class BoundedMap<V> {
  readonly map = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    this.map.set(key, { value, bytes });
    this.bytes += bytes;
    // The newest stays even when it alone is over the weight: it is served, then the first to go.
    while (this.map.size > this.maxEntries || (this.bytes > this.maxBytes && this.map.size > 1)) this.delete(this.map.keys().next().value as string);
  }

  delete(key: string): void {
    const held = this.map.get(key);
    if (!held) return;
    this.map.delete(key);
    this.bytes -= held.bytes;
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
}
