import { Clock, Stopwatch } from '../../src/common/clock';

/** A clock the test moves: open dossiers turn overdue when the test says time has passed. */
export class TestClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(moment: Date | string): void {
    this.current = new Date(moment);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/** Elapsed time that passes only when the test says so: windows close on `advance`, never by waiting. */
export class TestStopwatch extends Stopwatch {
  private elapsed = 0;

  elapsedMs(): number {
    return this.elapsed;
  }

  advance(milliseconds: number): void {
    this.elapsed += milliseconds;
  }
}
