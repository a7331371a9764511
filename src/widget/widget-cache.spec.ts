import { WidgetCache } from './widget-cache';

function buildCache(options: { maxEntries?: number; ttlMs?: number } = {}) {
  const clock = { ms: 1_000_000 };
  const sut = new WidgetCache<string>({ maxEntries: options.maxEntries ?? 3, ttlMs: options.ttlMs ?? 30_000, now: () => clock.ms });
  return { sut, clock };
}

describe('WidgetCache', () => {
  it.each`
    storedVersion | askedVersion | elapsedMs  | expected     | why
    ${'1.5'}      | ${'1.5'}     | ${0}       | ${'body'}    | ${'just stored'}
    ${'1.5'}      | ${'1.5'}     | ${29_999}  | ${'body'}    | ${'still inside the TTL'}
    ${'1.5'}      | ${'1.5'}     | ${30_000}  | ${undefined} | ${'the TTL is exclusive: open dossiers turn overdue with time'}
    ${'1.5'}      | ${'1.5'}     | ${600_000} | ${undefined} | ${'long expired'}
    ${'1.5'}      | ${'1.6'}     | ${0}       | ${undefined} | ${'a write bumped the version: never serve the old figures'}
    ${'1.5'}      | ${'2.5'}     | ${0}       | ${undefined} | ${'a unit was added below: another version'}
    ${'1.6'}      | ${'1.5'}     | ${0}       | ${undefined} | ${'a request that saw another version gets its own answer'}
    ${'1.5'}      | ${'1.5'}     | ${-1}      | ${undefined} | ${'a clock that went backwards proves nothing: stale'}
  `('stored at version $storedVersion, asked at $askedVersion after $elapsedMs ms → $expected ($why)', ({ storedVersion, askedVersion, elapsedMs, expected }) => {
    const { sut, clock } = buildCache();
    sut.set('key', storedVersion, 'body');
    clock.ms += elapsedMs;

    expect(sut.get('key', askedVersion)).toBe(expected);
  });

  it('drops an entry it found stale, so the bound counts only live ones', () => {
    const { sut } = buildCache();
    sut.set('key', '1', 'old');

    sut.get('key', '2');

    expect(sut.size).toBe(0);
  });

  it('keeps at most maxEntries, evicting the least recently used', () => {
    const { sut } = buildCache({ maxEntries: 3 });
    sut.set('a', 'v', 'A');
    sut.set('b', 'v', 'B');
    sut.set('c', 'v', 'C');
    sut.get('a', 'v'); // a is now the most recently used; b the least

    sut.set('d', 'v', 'D');

    expect(sut.size).toBe(3);
    expect(sut.get('b', 'v')).toBeUndefined();
    expect(['a', 'c', 'd'].map((key) => sut.get(key, 'v'))).toEqual(['A', 'C', 'D']);
  });

  it('replaces an entry of the same key rather than growing', () => {
    const { sut } = buildCache();
    sut.set('a', '1', 'first');

    sut.set('a', '2', 'second');

    expect(sut.size).toBe(1);
    expect(sut.get('a', '2')).toBe('second');
    expect(sut.get('a', '1')).toBeUndefined();
  });

  it('restarts the TTL when an entry is stored again', () => {
    const { sut, clock } = buildCache({ ttlMs: 100 });
    sut.set('a', 'v', 'first');
    clock.ms += 90;
    sut.set('a', 'v', 'second');
    clock.ms += 90;

    expect(sut.get('a', 'v')).toBe('second');
  });

  describe('getOrCompute', () => {
    it('computes once, then serves the stored answer', async () => {
      const { sut } = buildCache();
      const compute = jest.fn(async () => 'body');

      const first = await sut.getOrCompute('k', 'v', compute);
      const second = await sut.getOrCompute('k', 'v', compute);

      expect([first, second]).toEqual(['body', 'body']);
      expect(compute).toHaveBeenCalledTimes(1);
    });

    it('lets concurrent misses of the same key and version share one computation', async () => {
      const { sut } = buildCache();
      let release!: (value: string) => void;
      const compute = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));

      const answers = [sut.getOrCompute('k', 'v', compute), sut.getOrCompute('k', 'v', compute)];
      await Promise.resolve();
      release('body');

      expect(await Promise.all(answers)).toEqual(['body', 'body']);
      expect(compute).toHaveBeenCalledTimes(1);
    });

    it.each`
      change                | apply                                          | why
      ${'version bumped'}   | ${(c: { ms: number }, v: string[]) => (v[0] = '2')} | ${'a write in between'}
      ${'TTL passed'}       | ${(c: { ms: number }) => (c.ms += 30_000)}     | ${'open dossiers may have turned overdue'}
    `('computes again when $change ($why)', async ({ apply }) => {
      const { sut, clock } = buildCache();
      const version = ['1'];
      let calls = 0;
      const compute = async () => `answer ${++calls}`;
      await sut.getOrCompute('k', version[0], compute);

      apply(clock, version);
      const answer = await sut.getOrCompute('k', version[0], compute);

      expect(answer).toBe('answer 2');
    });

    it('keeps nothing from a failed computation, and tries again next time', async () => {
      const { sut } = buildCache();
      const failing = jest.fn(async (): Promise<string> => {
        throw new Error('database gone');
      });

      await expect(sut.getOrCompute('k', 'v', failing)).rejects.toThrow('database gone');
      const answer = await sut.getOrCompute('k', 'v', async () => 'recovered');

      expect(answer).toBe('recovered');
      expect(sut.size).toBe(1);
    });

    it('survives a computation that throws synchronously', async () => {
      const { sut } = buildCache();
      const throwing = (() => {
        throw new Error('sync');
      }) as unknown as () => Promise<string>;

      await expect(sut.getOrCompute('k', 'v', throwing)).rejects.toThrow('sync');
      await expect(sut.getOrCompute('k', 'v', async () => 'fine')).resolves.toBe('fine');
    });
  });

  describe('lastStored (stale-if-error)', () => {
    it('keeps the last answer of a key whatever its version and age, for while the database is away', () => {
      const { sut, clock } = buildCache();
      sut.set('key', '1', 'old');
      sut.set('key', '2', 'last');
      clock.ms += 3_600_000;

      expect(sut.get('key', '2')).toBeUndefined();
      expect(sut.lastStored('key')).toBe('last');
      expect(sut.lastStored('never')).toBeUndefined();
    });

    it('keeps at most maxEntries of them too', () => {
      const { sut } = buildCache({ maxEntries: 2 });
      for (const key of ['a', 'b', 'c']) sut.set(key, 'v', key.toUpperCase());

      expect(['a', 'b', 'c'].map((key) => sut.lastStored(key))).toEqual([undefined, 'B', 'C']);
    });
  });

  it.each`
    maxEntries | ttlMs
    ${0}       | ${1000}
    ${1.5}     | ${1000}
    ${10}      | ${-1}
    ${10}      | ${Number.NaN}
  `('refuses maxEntries $maxEntries with ttlMs $ttlMs', ({ maxEntries, ttlMs }) => {
    expect(() => new WidgetCache({ maxEntries, ttlMs, now: () => 0 })).toThrow(RangeError);
  });
});

describe('WidgetCache within a size', () => {
  const sized = (maxBytes: number) => {
    const clock = { ms: 1_000_000 };
    return new WidgetCache<string>({ maxEntries: 100, maxBytes, sizeOf: (value) => value.length, ttlMs: 30_000, now: () => clock.ms });
  };
  /** Ten bytes each: eight fill a cache of 80, and none is over its eighth. */
  const answer = (key: string) => key.repeat(10).slice(0, 10);

  it('evicts the least recently used until what it keeps fits the size, however many entries that leaves', () => {
    const sut = sized(80);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) sut.set(key, 'v', answer(key));
    sut.get('a', 'v');
    sut.set('i', 'v', answer('i'));

    expect(['a', 'b', 'c', 'i'].map((key) => sut.get(key, 'v'))).toEqual([answer('a'), undefined, answer('c'), answer('i')]);
    expect([sut.size, sut.bytes]).toEqual([8, 80]);
  });

  it('counts a replaced or stale entry out of the size', () => {
    const sut = sized(80);
    sut.set('a', 'v1', 'aaaaaa');
    sut.set('a', 'v2', 'aa');
    expect(sut.bytes).toBe(2);
    sut.get('a', 'v3');
    expect([sut.size, sut.bytes]).toEqual([0, 0]);
  });

  it('keeps no answer over an eighth of the size, so one large answer never pushes the others out', () => {
    const sut = sized(80);
    sut.set('small', 'v', 'y'.repeat(10));
    sut.set('big', 'v', 'x'.repeat(11));
    expect([sut.get('big', 'v'), sut.get('small', 'v'), sut.lastStored('big'), sut.lastStored('small')]).toEqual([undefined, 'y'.repeat(10), undefined, 'y'.repeat(10)]);
  });

  it('bounds the last good copies by the same size, and keeps those of the answers served often', () => {
    const sut = sized(80);
    sut.set('hot', 'v', answer('h'));
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'i', 'j']) {
      sut.set(key, 'v', answer(key));
      sut.get('hot', 'v');
    }

    expect(['hot', 'a', 'b', 'c', 'j'].map((key) => sut.lastStored(key))).toEqual([answer('h'), undefined, undefined, answer('c'), answer('j')]);
  });

  it('keeps no last good copies when asked not to', () => {
    const sut = new WidgetCache<string>({ maxEntries: 5, ttlMs: 30_000, now: () => 0, keepLastGood: false });
    sut.set('a', 'v', 'A');
    expect([sut.get('a', 'v'), sut.lastStored('a')]).toEqual(['A', undefined]);
  });

  it('refuses a size without a measure of it', () => {
    expect(() => new WidgetCache<string>({ maxEntries: 1, maxBytes: 10, ttlMs: 1, now: () => 0 })).toThrow('maxBytes must be positive, with sizeOf');
  });
});
