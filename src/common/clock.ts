/**
 * "Now", injected: open dossiers turn overdue with the passing of time, and tests move time
 * forward instead of waiting for it.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Elapsed real time in milliseconds (monotonic), injected: for windows that are about the wall
 * rather than the domain's "now" (how late another instance's write may be seen). Tests move it
 * instead of sleeping, so no result depends on the speed of the machine.
 */
export abstract class Stopwatch {
  abstract elapsedMs(): number;
}

export class SystemStopwatch extends Stopwatch {
  elapsedMs(): number {
    return performance.now();
  }
}
