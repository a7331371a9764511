/**
 * The line of uploaded imports on one instance: one runs at a time, the others wait in the order
 * they came. Each upload's bounds (upload-limits.ts) are what one import may cost; running them
 * one at a time makes those the bounds of the process too (two imports of a million shared
 * strings each reached 151 MB of heap together, three passed the 192 MB limit). The line itself
 * is bounded: past `capacity` waiting, an upload is refused (UploadQueueFull).
 */

/** Uploads that may wait behind the running one on an instance. */
export const MAX_WAITING_UPLOADS = 20;
/** What a refused upload is told to wait before sending again (Retry-After). */
export const QUEUE_RETRY_AFTER_SECONDS = 60;

/** The line is full: the upload is refused and its file removed; the caller may send it again later. */
export class UploadQueueFull extends Error {
  readonly retryAfterSeconds = QUEUE_RETRY_AFTER_SECONDS;

  constructor(capacity: number) {
    super(`this service already holds ${capacity} uploads waiting to be loaded, the most it queues; send the file again in a minute or two`);
  }
}

interface Entry<T> {
  id: number;
  job: T;
  finished: Promise<void>;
  finish: () => void;
}

export class ImportQueue<T> {
  private active: Entry<T> | null = null;
  private readonly waiting: Entry<T>[] = [];
  /** Places held by uploads still being recorded: counted, so that concurrent uploads cannot overfill the line. */
  private reserved = 0;
  private stopped = false;

  constructor(
    private readonly run: (job: T) => Promise<void>,
    private readonly capacity = MAX_WAITING_UPLOADS,
  ) {}

  /**
   * Holds a place while `record` stores the upload, then puts the job it gives in line (it starts
   * at once if none runs), and gives back what `record` gave. Throws UploadQueueFull, without
   * calling `record`, when the running import and `capacity` waiting ones are here already.
   */
  async admit<R extends { id: number; job: T }>(record: () => Promise<R>): Promise<R> {
    if ((this.active ? 1 : 0) + this.waiting.length + this.reserved > this.capacity) throw new UploadQueueFull(this.capacity);
    this.reserved++;
    let admitted: R;
    try {
      admitted = await record();
    } finally {
      this.reserved--;
    }
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    this.waiting.push({ id: admitted.id, job: admitted.job, finished, finish });
    this.next();
    return admitted;
  }

  /** How many imports run before this one starts (0: it is starting), or null when it is not in line here. */
  position(id: number): number | null {
    if (this.active?.id === id) return 0;
    const index = this.waiting.findIndex((entry) => entry.id === id);
    return index === -1 ? null : index + (this.active ? 1 : 0);
  }

  /** The jobs held here, running and waiting. */
  held(): T[] {
    return [...(this.active ? [this.active.job] : []), ...this.waiting.map((entry) => entry.job)];
  }

  /** Resolves once every job in line now, and any put in line meanwhile, has finished. */
  async settled(): Promise<void> {
    while (this.active || this.waiting.length > 0) {
      await Promise.all([this.active?.finished, ...this.waiting.map((entry) => entry.finished)]);
    }
  }

  /** No job starts any more; the waiting ones are dropped and given back (the running one ends by itself). */
  stop(): T[] {
    this.stopped = true;
    const dropped = this.waiting.splice(0);
    for (const entry of dropped) entry.finish();
    return dropped.map((entry) => entry.job);
  }

  private next(): void {
    if (this.active || this.stopped) return;
    const entry = this.waiting.shift();
    if (!entry) return;
    this.active = entry;
    void this.run(entry.job)
      .catch(() => undefined) // the job reports its own failure; the line goes on
      .finally(() => {
        this.active = null;
        entry.finish();
        this.next();
      });
  }
}
