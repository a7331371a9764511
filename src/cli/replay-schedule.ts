/**
 * Sends a file's envelopes with up to N at a time while keeping each dossier's order: an
 * envelope starts only when no earlier envelope naming one of its dossiers is still unsent or
 * in flight, so two envelopes of one MaHoSo are never sent at once nor out of file order.
 * Envelopes of other dossiers pass it. Outcomes are handed on in file order, whatever order the
 * answers come in, so the summary, the errors file and the point to resume from read like the
 * file.
 */

/** One line's work: the dossier codes it touches, its size (for the read-ahead bound), and how to do it. */
export interface ReplayTask<R> {
  line: number;
  keys: readonly string[];
  weight: number;
  run(): Promise<R>;
}

export interface ScheduleOptions<R> {
  concurrency: number;
  /** Lines read ahead of the oldest one not yet handed on, at most… */
  window: number;
  /** …and their weight, at most (one line is always read, however heavy). */
  maxWeight: number;
  /** Each line's outcome, in file order. */
  settled(line: number, outcome: R): void;
  /** Stops as a failure would (Ctrl-C): no new line starts, those in flight are waited for. */
  signal?: AbortSignal;
}

/**
 * A task failed (its `run` threw): nothing after it was handed on. `resumeLine` is the first
 * line not handed on; every line before it is done.
 */
export class ReplayStopped extends Error {
  constructor(
    readonly resumeLine: number,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

interface Entry<R> {
  task: ReplayTask<R>;
  state: 'waiting' | 'running' | 'done' | 'failed';
  outcome?: R;
}

export function runInFileOrder<R>(tasks: AsyncIterable<ReplayTask<R>>, options: ScheduleOptions<R>): Promise<void> {
  return new FileOrderRun(tasks[Symbol.asyncIterator](), options).run();
}

class FileOrderRun<R> {
  private readonly queue: Entry<R>[] = [];
  /** Codes of the envelopes in flight. */
  private readonly busy = new Set<string>();
  private running = 0;
  private weight = 0;
  private exhausted = false;
  private lastRead = 0;
  private failure: { error: unknown } | null = null;
  /** Something happened since the loop last looked: an answer came, or the stop was asked. */
  private changed = false;
  private wake = () => {};

  constructor(
    private readonly source: AsyncIterator<ReplayTask<R>>,
    private readonly options: ScheduleOptions<R>,
  ) {}

  async run(): Promise<void> {
    const abort = () => this.fail(new Error('interrupted'));
    if (this.options.signal?.aborted) abort();
    this.options.signal?.addEventListener('abort', abort, { once: true });
    try {
      for (;;) {
        await this.readAhead();
        if (!this.failure) this.startWhatMay();
        this.handOnInOrder();
        if (this.queue.length === 0 && this.exhausted) return;
        if (this.failure && this.running === 0) throw new ReplayStopped(this.queue[0]?.task.line ?? this.lastRead + 1, this.failure.error);
        if (!this.changed) await new Promise<void>((resolve) => (this.wake = resolve));
        this.changed = false;
      }
    } finally {
      this.options.signal?.removeEventListener('abort', abort);
    }
  }

  private async readAhead() {
    const { window, maxWeight } = this.options;
    while (!this.exhausted && !this.failure && (this.queue.length === 0 || (this.queue.length < window && this.weight < maxWeight))) {
      const next = await this.source.next();
      if (next.done) {
        this.exhausted = true;
        return;
      }
      this.queue.push({ task: next.value, state: 'waiting' });
      this.weight += next.value.weight;
      this.lastRead = next.value.line;
    }
  }

  private startWhatMay() {
    // Codes of earlier envelopes not started yet: a later envelope of one of them waits its turn.
    const blocked = new Set<string>();
    for (const entry of this.queue) {
      if (this.running >= this.options.concurrency) return;
      if (entry.state !== 'waiting') continue;
      if (entry.task.keys.some((key) => this.busy.has(key) || blocked.has(key))) {
        for (const key of entry.task.keys) blocked.add(key);
        continue;
      }
      this.launch(entry);
    }
  }

  private launch(entry: Entry<R>) {
    entry.state = 'running';
    this.running++;
    for (const key of entry.task.keys) this.busy.add(key);
    const run = entry.task.run;
    // The envelope is not kept once sent: only its line, codes and outcome wait for their turn.
    entry.task = { ...entry.task, run: () => Promise.reject(new Error('already run')) };
    run()
      .then(
        (outcome) => {
          entry.state = 'done';
          entry.outcome = outcome;
        },
        (error: unknown) => {
          entry.state = 'failed';
          this.fail(error);
        },
      )
      .finally(() => {
        this.running--;
        for (const key of entry.task.keys) this.busy.delete(key);
        this.changed = true;
        this.wake();
      });
  }

  private handOnInOrder() {
    while (this.queue.length > 0 && this.queue[0].state === 'done') {
      const entry = this.queue.shift()!;
      this.weight -= entry.task.weight;
      this.options.settled(entry.task.line, entry.outcome as R);
    }
  }

  private fail(error: unknown) {
    this.failure ??= { error };
    this.changed = true;
    this.wake();
  }
}
