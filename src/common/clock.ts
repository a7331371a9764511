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
