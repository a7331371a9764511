import { isDatabaseUnavailable } from '../common/database-errors';
import { RevalidationMemo } from './revalidation-memo';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });

function buildMemo(windowMs = 1000) {
  const elapsed = { ms: 0 };
  const sut = new RevalidationMemo<string>({ windowMs, maxEntries: 3, now: () => elapsed.ms, isUnavailable: isDatabaseUnavailable });
  return { sut, elapsed };
}

describe('RevalidationMemo', () => {
  it.each`
    elapsedMs | reads | why
    ${0}      | ${1}  | ${'just read'}
    ${999}    | ${1}  | ${'inside the window: no second read'}
    ${1000}   | ${2}  | ${'the window is exclusive: read again'}
    ${-1}     | ${2}  | ${'a clock that went backwards proves nothing: read again'}
  `('after $elapsedMs ms the database was read $reads time(s) ($why)', async ({ elapsedMs, reads }) => {
    const { sut, elapsed } = buildMemo();
    const read = jest.fn(async () => 'v');
    await sut.get('k', read);

    elapsed.ms = elapsedMs;
    await sut.get('k', read);

    expect(read).toHaveBeenCalledTimes(reads);
  });

  it('reads on every request with a window of 0', async () => {
    const { sut } = buildMemo(0);
    const read = jest.fn(async () => 'v');

    await sut.get('k', read);
    await sut.get('k', read);

    expect(read).toHaveBeenCalledTimes(2);
  });

  it('shares one read among concurrent misses of a key', async () => {
    const { sut } = buildMemo();
    let release!: (value: string) => void;
    const read = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));

    const answers = Array.from({ length: 10 }, () => sut.get('k', read));
    await Promise.resolve();
    release('v');

    expect(await Promise.all(answers)).toEqual(Array(10).fill({ value: 'v' }));
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('ends the window at once when this instance wrote', async () => {
    const { sut } = buildMemo();
    const read = jest.fn().mockResolvedValueOnce('old').mockResolvedValueOnce('new');
    await sut.get('k', read);

    sut.invalidate();

    expect(await sut.get('k', read)).toEqual({ value: 'new' });
  });

  it('does not trust a read that started before this instance wrote', async () => {
    const { sut } = buildMemo();
    let release!: (value: string) => void;
    const read = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const before = sut.get('k', read);
    await Promise.resolve();

    sut.invalidate();
    release('old');
    await before;
    const after = sut.get('k', read);
    await Promise.resolve();
    release('new');

    expect(await after).toEqual({ value: 'new' });
  });

  it('serves the last value, marked stale, while the database cannot be reached, and asks again one window later', async () => {
    const { sut, elapsed } = buildMemo();
    const read = jest.fn().mockResolvedValueOnce('good');
    await sut.get('k', read);
    const failure = refused();
    read.mockRejectedValue(failure);

    elapsed.ms = 5000;
    expect(await sut.get('k', read)).toEqual({ value: 'good', staleBecause: failure });
    elapsed.ms = 5500;
    expect(await sut.get('k', read)).toEqual({ value: 'good', staleBecause: failure });
    expect(read).toHaveBeenCalledTimes(2);

    read.mockResolvedValueOnce('back');
    elapsed.ms = 6000;
    expect(await sut.get('k', read)).toEqual({ value: 'back' });
  });

  it('passes on a database failure when it has nothing to fall back on, and any other failure always', async () => {
    const { sut, elapsed } = buildMemo();
    await expect(sut.get('k', () => Promise.reject(refused()))).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await sut.get('k', async () => 'good');
    elapsed.ms = 5000;
    await expect(sut.get('k', () => Promise.reject(new Error('unit "k" does not exist')))).rejects.toThrow('does not exist');
  });

  it('keeps at most maxEntries keys, the least recently used going first', async () => {
    const { sut } = buildMemo();
    for (const key of ['a', 'b', 'c', 'd']) await sut.get(key, async () => key);

    expect(sut.size).toBe(3);
    const read = jest.fn(async () => 'again');
    expect(await sut.get('a', read)).toEqual({ value: 'again' });
  });
});

describe('RevalidationMemo within a weight', () => {
  it('forgets the least recently used values until the rest weigh no more than the bound: a few heavy scopes cannot fill the heap', async () => {
    const sut = new RevalidationMemo<string[]>({ windowMs: 1000, maxEntries: 100, maxWeight: 10, weigh: (value) => (value as string[]).length, now: () => 0, isUnavailable: isDatabaseUnavailable });
    const units = (n: number) => async () => Array.from({ length: n }, (_, i) => `u${i}`);
    await sut.get('commune-a', units(1));
    await sut.get('province-1', units(6));
    await sut.get('commune-a', units(1));
    await sut.get('province-2', units(6));

    expect(sut.size).toBe(2);
    const reread = jest.fn(units(1));
    await sut.get('commune-a', reread);
    expect(reread).not.toHaveBeenCalled();
  });
});
