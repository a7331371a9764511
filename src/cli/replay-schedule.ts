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

export async function runInFileOrder<R>(tasks: AsyncIterable<ReplayTask<R>>, options: ScheduleOptions<R>): Promise<void> {
  const source = tasks[Symbol.asyncIterator]();
  const queue: Entry<R>[] = [];
  const busy = new Set<string>();
  let running = 0;
  let weight = 0;
  let exhausted = false;
  // Written by the tasks' callbacks: in an object, so that the loop reads them afresh.
  const news = { failure: null as { error: unknown } | null, changed: false };
  let wake = () => {};

  const launch = (entry: Entry<R>) => {
    entry.state = 'running';
    running++;
    for (const key of entry.task.keys) busy.add(key);
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
          news.failure ??= { error };
        },
      )
      .finally(() => {
        running--;
        for (const key of entry.task.keys) busy.delete(key);
        news.changed = true;
        wake();
      });
  };

  const startWhatMay = () => {
    // Codes of earlier envelopes not started yet: a later envelope of one of them waits its turn.
    const blocked = new Set<string>();
    for (const entry of queue) {
      if (running >= options.concurrency) return;
      if (entry.state !== 'waiting') continue;
      if (entry.task.keys.some((key) => busy.has(key) || blocked.has(key))) {
        for (const key of entry.task.keys) blocked.add(key);
        continue;
      }
      launch(entry);
    }
  };

  for (;;) {
    while (!exhausted && !news.failure && (queue.length === 0 || (queue.length < options.window && weight < options.maxWeight))) {
      const next = await source.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      queue.push({ task: next.value, state: 'waiting' });
      weight += next.value.weight;
    }
    if (!news.failure) startWhatMay();
    while (queue.length > 0 && queue[0].state === 'done') {
      const entry = queue.shift()!;
      weight -= entry.task.weight;
      options.settled(entry.task.line, entry.outcome as R);
    }
    if (news.failure && running === 0) throw new ReplayStopped(queue[0]?.task.line ?? 0, news.failure.error);
    if (queue.length === 0 && exhausted) return;
    if (!news.changed) await new Promise<void>((resolve) => (wake = resolve));
    news.changed = false;
  }
}
