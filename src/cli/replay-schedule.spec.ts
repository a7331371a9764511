import { ReplayStopped, ReplayTask, runInFileOrder } from './replay-schedule';

/** Lines as [dossier codes, how many event-loop turns the answer takes]; no timers, no clock. */
type Line = [keys: string[], turns: number];

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function replay(lines: Line[], concurrency: number, options: { window?: number; failOn?: number; stopAfter?: number } = {}) {
  const log = { started: [] as number[], settled: [] as number[], inFlight: new Set<number>(), mostAtOnce: 0, overlaps: [] as string[], readAhead: 0 };
  let read = 0;
  async function* tasks(): AsyncGenerator<ReplayTask<string>> {
    for (const [index, [keys, turns]] of lines.entries()) {
      const line = index + 1;
      read = line;
      log.readAhead = Math.max(log.readAhead, read - (log.settled.at(-1) ?? 0));
      yield {
        line,
        keys,
        weight: 1,
        run: async () => {
          for (const other of log.inFlight) {
            const shared = keys.filter((key) => lines[other - 1][0].includes(key));
            if (shared.length > 0) log.overlaps.push(`${other}&${line}`);
          }
          log.started.push(line);
          log.inFlight.add(line);
          log.mostAtOnce = Math.max(log.mostAtOnce, log.inFlight.size);
          for (let i = 0; i < turns; i++) await turn();
          log.inFlight.delete(line);
          if (line === options.failOn) throw new Error('the service stopped answering');
          return `answer ${line}`;
        },
      };
    }
  }
  const outcomes: string[] = [];
  const stop = new AbortController();
  const done = runInFileOrder(tasks(), {
    signal: stop.signal,
    concurrency,
    window: options.window ?? 100,
    maxWeight: 1000,
    settled: (line, outcome) => {
      log.settled.push(line);
      outcomes.push(outcome);
      if (line === options.stopAfter) stop.abort();
    },
  });
  return { done, log, outcomes };
}

/** The order in which each code's envelopes started. */
function startsByKey(lines: Line[], started: number[]): Record<string, number[]> {
  const byKey: Record<string, number[]> = {};
  for (const line of started) for (const key of lines[line - 1][0]) (byKey[key] ??= []).push(line);
  return byKey;
}

describe('runInFileOrder', () => {
  const day: Line[] = [
    [['A'], 5], [['A'], 1], [['B'], 1], [['B'], 4], [['C'], 1], [['A'], 2], [[], 0], [['D', 'A'], 1], [['D'], 3], [['E'], 1],
  ];

  it('sends one at a time, in file order, with a concurrency of 1', async () => {
    const sut = replay(day, 1);
    await sut.done;
    expect(sut.log.started).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sut.log.mostAtOnce).toBe(1);
  });

  it.each([2, 3, 8])('with %i at a time, never sends two envelopes of one dossier at once nor out of order, and hands outcomes on in file order', async (concurrency) => {
    const sut = replay(day, concurrency);
    await sut.done;
    expect(sut.log.overlaps).toEqual([]);
    expect(startsByKey(day, sut.log.started)).toEqual({ A: [1, 2, 6, 8], B: [3, 4], C: [5], D: [8, 9], E: [10] });
    expect(sut.log.mostAtOnce).toBeGreaterThan(1);
    expect(sut.log.mostAtOnce).toBeLessThanOrEqual(concurrency);
    expect(sut.log.settled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sut.outcomes[0]).toBe('answer 1');
  });

  it('lets other dossiers pass an envelope that waits for its dossier', async () => {
    const sut = replay([[['A'], 6], [['A'], 1], [['B'], 1], [['C'], 1]], 2);
    await sut.done;
    // 2 waits for 1; 3 and 4 go by it.
    expect(sut.log.started.indexOf(2)).toBeGreaterThan(sut.log.started.indexOf(3));
    expect(sut.log.started.indexOf(2)).toBeGreaterThan(sut.log.started.indexOf(4));
  });

  it('keeps an envelope waiting behind an earlier one of its dossier that has not started yet', async () => {
    // 2 (A, B) waits for 1 (A); 3 (B) must not go before 2, though B is free and a slot is.
    const sut = replay([[['A'], 4], [['A', 'B'], 1], [['B'], 1]], 3);
    await sut.done;
    expect(sut.log.started).toEqual([1, 2, 3]);
  });

  it('reads no further ahead than its window', async () => {
    const sut = replay(Array.from({ length: 50 }, (_, i): Line => [[`K${i % 3}`], (i % 4) + 1]), 4, { window: 6 });
    await sut.done;
    expect(sut.log.readAhead).toBeLessThanOrEqual(7);
    expect(sut.log.settled).toHaveLength(50);
  });

  it('stops at a failure: what came before is handed on, and the line to go on from is the failed one', async () => {
    const sut = replay(day, 3, { failOn: 4 });
    const stopped = await sut.done.then(() => null, (error: unknown) => error);
    expect(stopped).toBeInstanceOf(ReplayStopped);
    expect((stopped as ReplayStopped).resumeLine).toBe(4);
    expect((stopped as ReplayStopped).message).toBe('the service stopped answering');
    expect(sut.log.settled).toEqual([1, 2, 3]);
    expect(sut.log.inFlight.size).toBe(0);
  });

  it('stops when asked (Ctrl-C): nothing new starts, what is in flight is waited for, and it says where to go on', async () => {
    const sut = replay(day, 3, { stopAfter: 3 });
    const stopped = (await sut.done.then(() => null, (error: unknown) => error)) as ReplayStopped;
    expect(stopped.message).toBe('interrupted');
    expect(sut.log.inFlight.size).toBe(0);
    expect(stopped.resumeLine).toBe(sut.log.settled.at(-1)! + 1);
    expect(sut.log.settled.slice(0, 3)).toEqual([1, 2, 3]);
  });
});
