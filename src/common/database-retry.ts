import { DomainError } from './domain-error';
import { errorChain, isDatabaseUnavailable } from './database-errors';

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
      // A write refused as busy (its conflicts retried to the end) stored nothing: it waits like an outage.
      if (!isDatabaseUnavailable(error) && !isBusyRefusal(error)) throw error;
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
 * A transaction that lost to another one and was (or must be) rolled back as a whole, so running
 * it again from the start is what the engine asks for: a deadlock victim (ER_LOCK_DEADLOCK 1213,
 * also what a Galera node answers when another node's write set won the certification), a lock
 * wait that timed out (ER_LOCK_WAIT_TIMEOUT 1205; the transaction is rolled back by the caller's
 * failure), or SQLite's single writer being busy.
 */
export function isTransientConflict(error: unknown): boolean {
  return errorChain(error).some(
    (candidate) =>
      candidate.code === 'ER_LOCK_DEADLOCK' || candidate.code === 'ER_LOCK_WAIT_TIMEOUT' || candidate.code === 'SQLITE_BUSY' ||
      candidate.errno === 1213 || candidate.errno === 1205 ||
      (typeof candidate.message === 'string' && /Deadlock found|Lock wait timeout exceeded|SQLITE_BUSY|WSREP detected deadlock/i.test(candidate.message)),
  );
}

export interface ConflictRetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** Milliseconds of real time; injected by specs. */
  now?: () => number;
  /** Injected by specs: the pause before try `attempt` + 1, and the randomness of its jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Tries of a write before it is refused as busy, some 15 s of pauses in all: on a Galera cluster
 * every write bumps its units' data version, so writers of the same units on different nodes
 * conflict at each commit and one of them wins each round; ten tries still left one batch in a
 * hundred and twenty refused when six writers on three nodes sent the same communes at once.
 */
export const CONFLICT_ATTEMPTS = 25;
/**
 * Real time a write may spend losing conflicts, first try included: a lock-wait timeout alone
 * lasts innodb_lock_wait_timeout (50 s by default), and a request held longer than its sender
 * waits only brings one more writer to the same conflict.
 */
export const CONFLICT_BUDGET_MS = 20_000;
const CONFLICT_FIRST_DELAY_MS = 10;
const CONFLICT_MAX_DELAY_MS = 1000;

/**
 * Runs `work` (one whole transaction) again when it lost a conflict ({@link isTransientConflict}):
 * the loser was rolled back, so the next try starts from what the winner committed. The pauses
 * grow (10 ms doubling to 1 s), each drawn at random in its upper half, so writers that collided do not collide again in
 * step. When every try lost, the write is refused as busy (503 with Retry-After): the client
 * sends it again later, and nothing was stored by the failed tries — never a 500.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, options: ConflictRetryOptions | number = {}): Promise<T> {
  const {
    attempts = CONFLICT_ATTEMPTS,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    random = Math.random,
    now = () => performance.now(),
  } = typeof options === 'number' ? { attempts: options } : options;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientConflict(error)) throw error;
      const ceiling = Math.min(CONFLICT_MAX_DELAY_MS, CONFLICT_FIRST_DELAY_MS * 2 ** (attempt - 1));
      const pause = Math.round(ceiling / 2 + (random() * ceiling) / 2);
      if (attempt >= attempts || now() - started + pause > CONFLICT_BUDGET_MS) {
        throw new DomainError('busy', `the database is busy with other writes to the same units (${attempt} tries lost a conflict): send it again`, {
          statusCode: 503,
          error: 'Service Unavailable',
          retryAfterSeconds: CONFLICT_RETRY_AFTER_SECONDS,
        });
      }
      await sleep(pause);
    }
  }
}

/** A write refused as busy by {@link retryOnDeadlock}. */
export function isBusyRefusal(error: unknown): boolean {
  return error instanceof DomainError && error.refusal === 'busy' && error.details.retryAfterSeconds === CONFLICT_RETRY_AFTER_SECONDS;
}

/** Seconds a refused-as-busy writer is asked to wait. */
export const CONFLICT_RETRY_AFTER_SECONDS = 1;
