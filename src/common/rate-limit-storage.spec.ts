import { Clock } from './clock';
import { ClockRateLimitStorage } from './rate-limit-storage';

class ManualClock extends Clock {
  constructor(public at = Date.parse('2025-06-10T00:00:00Z')) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

describe('ClockRateLimitStorage', () => {
  const hit = (sut: ClockRateLimitStorage, key = 'a') => sut.increment(key, 60_000, 3, 60_000, 'default');

  it('refuses past the limit within one window and says when it closes', async () => {
    const clock = new ManualClock();
    const sut = new ClockRateLimitStorage(clock);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await hit(sut));
    expect(answers.map((answer) => answer.isBlocked)).toEqual([false, false, false, true, true]);
    expect(answers[3]).toEqual({ totalHits: 4, timeToExpire: 60, isBlocked: true, timeToBlockExpire: 60 });
    clock.at += 45_500;
    expect(await hit(sut)).toMatchObject({ isBlocked: true, timeToBlockExpire: 15 });
  });

  it('opens a new window when the clock has passed the old one, whatever the real time', async () => {
    const clock = new ManualClock();
    const sut = new ClockRateLimitStorage(clock);
    for (let i = 0; i < 4; i++) await hit(sut);
    clock.at += 59_999;
    expect((await hit(sut)).isBlocked).toBe(true);
    clock.at += 1;
    expect(await hit(sut)).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('counts each address and each throttler on its own', async () => {
    const sut = new ClockRateLimitStorage(new ManualClock());
    for (let i = 0; i < 4; i++) await hit(sut, 'a');
    expect((await hit(sut, 'b')).isBlocked).toBe(false);
    expect((await sut.increment('a', 60_000, 3, 60_000, 'other')).isBlocked).toBe(false);
  });

  it('remembers a bounded number of addresses, forgetting closed windows first', async () => {
    const clock = new ManualClock();
    const sut = new ClockRateLimitStorage(clock, 3);
    for (let i = 0; i < 4; i++) await hit(sut, 'old');
    clock.at += 60_000; // the window of "old" is closed
    await hit(sut, 'x');
    await hit(sut, 'y');
    for (let i = 0; i < 4; i++) await hit(sut, 'z');
    // "x" and "y" are still open and remembered: their counts go on.
    expect((await hit(sut, 'x')).totalHits).toBe(2);
    expect((await hit(sut, 'y')).totalHits).toBe(2);
    expect((await hit(sut, 'z')).isBlocked).toBe(true);
  });
});
