import { DatabaseWaitExpired, retryOnDeadlock, retryWhileDatabaseDown } from './database-retry';

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

describe('retryOnDeadlock', () => {
  const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK' });

  it('runs a deadlock victim again, and answers what the next try answers', async () => {
    const work = jest.fn().mockRejectedValueOnce(deadlock()).mockResolvedValue('done');

    await expect(retryOnDeadlock(work)).resolves.toBe('done');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('gives up after the tries it was given, and never retries another failure', async () => {
    const always = jest.fn().mockRejectedValue(deadlock());
    await expect(retryOnDeadlock(always, 2)).rejects.toThrow('Deadlock found');
    expect(always).toHaveBeenCalledTimes(2);

    const other = jest.fn().mockRejectedValue(new Error('Duplicate entry'));
    await expect(retryOnDeadlock(other)).rejects.toThrow('Duplicate entry');
    expect(other).toHaveBeenCalledTimes(1);
  });
});
