import { isDatabaseUnavailable } from './database-errors';

export interface DatabaseWaitOptions {
  /** How long to keep trying while the database cannot be reached, in ms; 0 gives up at once. */
  waitMs: number;
  /** Stops the waiting (the service is shutting down): the last failure is thrown. */
  signal?: AbortSignal;
  /** Called before each new try, e.g. to log once that the work is paused. */
  onWait?: (failure: unknown, attempt: number) => void;
  /** Milliseconds of real time; injected by specs. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The database stayed away longer than the work may wait. `cause` is the last failure. */
export class DatabaseWaitExpired extends Error {
  constructor(
    readonly waitedMs: number,
    cause: unknown,
  ) {
    super(waitedMs < 1000 ? 'the database could not be reached' : `the database could not be reached for ${Math.round(waitedMs / 1000)} s`, { cause });
  }
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;

/**
 * Runs `action`; while it fails because the database cannot be reached, tries again (250 ms,
 * doubling up to 5 s between tries) until it succeeds or `waitMs` has passed since the first
 * failure. Any other failure is thrown at once. Only for actions that may run twice: one
 * transaction, or an idempotent write.
 */
export async function retryWhileDatabaseDown<T>(action: () => Promise<T>, options: DatabaseWaitOptions): Promise<T> {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? abortableSleep;
  let firstFailureAt: number | null = null;
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      firstFailureAt ??= now();
      const waited = now() - firstFailureAt;
      if (waited + delay > options.waitMs || options.signal?.aborted) throw new DatabaseWaitExpired(waited, error);
      options.onWait?.(error, attempt);
      await sleep(delay, options.signal);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `work` (one whole transaction) again when MySQL picks it as a deadlock victim, as MySQL
 * documents: the victim was rolled back, so the next try starts from what the winner committed.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const deadlock = /ER_LOCK_DEADLOCK|Deadlock found|SQLITE_BUSY/i.test(`${(error as { code?: string }).code ?? ''} ${error instanceof Error ? error.message : ''}`);
      if (!deadlock || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}
