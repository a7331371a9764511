/**
 * A bound on password hashes at a time. One scrypt check takes 32 MiB and one of libuv's four
 * threads (shared with file and DNS work) for about 100 ms; unauthenticated sign-ins must not be
 * able to queue an unlimited number of them. HASH_SLOTS run at once, HASH_QUEUE more wait their
 * turn, and a sign-in beyond that is refused at once (the caller answers 503 + Retry-After).
 *
 * A priority turn (a browser that signed in to the account before, or a signed-in person) goes
 * before every waiting anonymous one and is never refused: a flood of strangers does not keep
 * the owner out. Pure and synchronous in its bookkeeping: whether a turn is granted, queued or
 * refused is decided the moment it is asked for.
 */
export const HASH_SLOTS = 4;
export const HASH_QUEUE = 16;

export interface HashTurn {
  /** Runs `hash` once this turn holds a slot (now, or when those before it are done), then frees it. */
  run<T>(hash: () => Promise<T>): Promise<T>;
  /** Gives the turn up without hashing (a later check refused the sign-in); harmless once run. */
  cancel(): void;
}

interface Waiting {
  priority: boolean;
  grant: () => void;
}

export class HashSlots {
  private running = 0;
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly slots = HASH_SLOTS,
    private readonly queueLength = HASH_QUEUE,
  ) {}

  /** A turn, or null when every slot is taken and the anonymous queue is full. */
  enter(priority = false): HashTurn | null {
    let state: 'waiting' | 'holding' | 'done' = 'waiting';
    let granted!: () => void;
    const ready = new Promise<void>((resolve) => (granted = resolve));
    const entry: Waiting = {
      priority,
      grant: () => {
        state = 'holding';
        granted();
      },
    };
    if (this.running < this.slots && this.waiting.length === 0) {
      this.running++;
      entry.grant();
    } else if (priority) {
      const firstAnonymous = this.waiting.findIndex((other) => !other.priority);
      this.waiting.splice(firstAnonymous === -1 ? this.waiting.length : firstAnonymous, 0, entry);
    } else if (this.waiting.filter((other) => !other.priority).length < this.queueLength) {
      this.waiting.push(entry);
    } else {
      return null;
    }
    const leave = () => {
      if (state === 'holding') this.free();
      else if (state === 'waiting') this.waiting.splice(this.waiting.indexOf(entry), 1);
      state = 'done';
    };
    return {
      run: async <T>(hash: () => Promise<T>): Promise<T> => {
        await ready;
        try {
          return await hash();
        } finally {
          leave();
        }
      },
      cancel: leave,
    };
  }

  /** Hashes running or granted now, and turns waiting: for the specs. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private free(): void {
    this.running--;
    while (this.running < this.slots && this.waiting.length > 0) {
      this.running++;
      this.waiting.shift()!.grant();
    }
  }
}
