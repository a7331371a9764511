import { CONFLICT_ATTEMPTS, DatabaseWaitExpired, isBusyRefusal, isTransientConflict, retryOnDeadlock, retryWhileDatabaseDown } from './database-retry';
import { DomainError } from './domain-error';

const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

/** A clock that the sleeps move: no real waiting. */
function buildTime() {
  const time = { ms: 0, sleeps: [] as number[] };
  return {
    time,
    now: () => time.ms,
    sleep: async (ms: number) => {
      time.sleeps.push(ms);
      time.ms += ms;
    },
  };
}

describe('retryWhileDatabaseDown', () => {
  it('tries again while the database is away, backing off, and returns once it answers', async () => {
    const { time, now, sleep } = buildTime();
    const action = jest.fn().mockRejectedValueOnce(refused()).mockRejectedValueOnce(refused()).mockRejectedValueOnce(refused()).mockResolvedValue('stored');

    expect(await retryWhileDatabaseDown(action, { waitMs: 60_000, now, sleep })).toBe('stored');
    expect(time.sleeps).toEqual([250, 500, 1000]);
  });

  it('gives up after waitMs with the last failure as cause', async () => {
    const { now, sleep } = buildTime();
    const failure = refused();

    const attempt = retryWhileDatabaseDown(() => Promise.reject(failure), { waitMs: 10_000, now, sleep });

    await expect(attempt).rejects.toBeInstanceOf(DatabaseWaitExpired);
    await expect(attempt).rejects.toMatchObject({ cause: failure });
  });

  it('gives up at the first failure with waitMs 0', async () => {
    const action = jest.fn().mockRejectedValue(refused());

    await expect(retryWhileDatabaseDown(action, { waitMs: 0 })).rejects.toBeInstanceOf(DatabaseWaitExpired);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('never retries another failure', async () => {
    const action = jest.fn().mockRejectedValue(new Error('Duplicate entry'));

    await expect(retryWhileDatabaseDown(action, { waitMs: 60_000 })).rejects.toThrow('Duplicate entry');
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when the service shuts down', async () => {
    const stopping = new AbortController();
    const action = jest.fn().mockRejectedValue(refused());
    const attempt = retryWhileDatabaseDown(action, { waitMs: 60_000, signal: stopping.signal });

    stopping.abort();

    await expect(attempt).rejects.toBeInstanceOf(DatabaseWaitExpired);
  });
});

describe('retryWhileDatabaseDown and a write refused as busy', () => {
  it('waits a busy refusal out like an outage: nothing of the write was stored', async () => {
    const { time, now, sleep } = buildTime();
    const busy = await retryOnDeadlock(jest.fn().mockRejectedValue(Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK' })), { attempts: 1 }).catch((error: unknown) => error);
    const action = jest.fn().mockRejectedValueOnce(busy).mockResolvedValue('stored');

    expect(await retryWhileDatabaseDown(action, { waitMs: 60_000, now, sleep })).toBe('stored');
    expect(time.sleeps).toEqual([250]);
  });
});

describe('isTransientConflict', () => {
  it.each`
    error                                                                                                  | expected
    ${{ code: 'ER_LOCK_DEADLOCK', message: 'Deadlock found when trying to get lock; try restarting transaction' }} | ${true}
    ${{ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205, message: 'Lock wait timeout exceeded; try restarting transaction' }} | ${true}
    ${{ errno: 1213, message: '' }}                                                                         | ${true}
    ${{ message: 'query failed', driverError: { code: 'ER_LOCK_DEADLOCK' } }}                                | ${true}
    ${{ message: 'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction' }} | ${true}
    ${{ code: 'SQLITE_BUSY', message: 'database is locked' }}                                               | ${true}
    ${{ code: 'ER_DUP_ENTRY', errno: 1062, message: 'Duplicate entry' }}                                     | ${false}
    ${{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }}                                            | ${false}
  `('$error.code $error.errno $error.message → $expected', ({ error, expected }) => {
    expect(isTransientConflict(Object.assign(new Error(error.message), error))).toBe(expected);
  });
});

describe('retryOnDeadlock', () => {
  const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK' });
  const waits = () => {
    const slept: number[] = [];
    return { slept, sleep: async (ms: number) => void slept.push(ms) };
  };

  it('runs a deadlock victim again, and answers what the next try answers', async () => {
    const work = jest.fn().mockRejectedValueOnce(deadlock()).mockResolvedValue('done');

    await expect(retryOnDeadlock(work, waits())).resolves.toBe('done');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('waits longer after each lost conflict, at random in the upper half of a ceiling that doubles up to 1 s', async () => {
    const { slept, sleep } = waits();
    const always = jest.fn().mockRejectedValue(deadlock());

    await expect(retryOnDeadlock(always, { sleep, random: () => 1 })).rejects.toThrow(DomainError);
    expect(always).toHaveBeenCalledTimes(CONFLICT_ATTEMPTS);
    expect(slept).toEqual([10, 20, 40, 80, 160, 320, 640, ...Array(CONFLICT_ATTEMPTS - 8).fill(1000)]);
    const low = waits();
    await expect(retryOnDeadlock(jest.fn().mockRejectedValue(deadlock()), { sleep: low.sleep, random: () => 0, attempts: 4 })).rejects.toThrow(DomainError);
    expect(low.slept).toEqual([5, 10, 20]);
  });

  it('refuses as busy, with the seconds to wait, when every try lost: a 503, never the engine’s error as a 500', async () => {
    const { sleep } = waits();
    const refusal = await retryOnDeadlock(jest.fn().mockRejectedValue(deadlock()), { sleep, attempts: 3 }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ refusal: 'busy', details: { statusCode: 503, error: 'Service Unavailable', retryAfterSeconds: 1 } });
    expect((refusal as Error).message).toBe('the database is busy with other writes to the same units (3 tries lost a conflict): send it again');
    expect(isBusyRefusal(refusal)).toBe(true);
  });

  it('refuses as busy once the conflicts have taken 20 s of real time, however many tries are left', async () => {
    const clock = { ms: 0 };
    const { slept, sleep } = waits();
    // Each try a lock-wait timeout of 8 s.
    const timedOut = jest.fn(async () => {
      clock.ms += 8000;
      throw Object.assign(new Error('Lock wait timeout exceeded; try restarting transaction'), { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 });
    });

    const refusal = await retryOnDeadlock(timedOut, { sleep, now: () => clock.ms, random: () => 0 }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ refusal: 'busy', message: 'the database is busy with other writes to the same units (3 tries lost a conflict): send it again' });
    expect(timedOut).toHaveBeenCalledTimes(3);
    expect(slept).toEqual([5, 10]);
  });

  it('never retries another failure', async () => {
    const other = jest.fn().mockRejectedValue(new Error('Duplicate entry'));
    await expect(retryOnDeadlock(other, waits())).rejects.toThrow('Duplicate entry');
    expect(other).toHaveBeenCalledTimes(1);
  });
});
