import { HashSlots, HashTurn } from './hash-slots';

/** A hash that ends when the test says so. */
function heldHash() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let started = false;
  return {
    hash: async () => {
      started = true;
      await done;
      return 'checked';
    },
    finish,
    started: () => started,
  };
}

/** Lets every promise callback that is ready run (no timer, no wall clock). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the bound on password hashes at a time', () => {
  it('runs 2 at once, queues 3, refuses the next anonymous turn at once', async () => {
    const sut = new HashSlots(2, 3);
    const turns = Array.from({ length: 5 }, () => sut.enter());
    expect(turns.every((turn) => turn !== null)).toBe(true);
    expect(sut.enter()).toBeNull();
    const hashes = turns.map(() => heldHash());
    turns.forEach((turn, i) => void turn!.run(hashes[i].hash));
    await settle();
    expect(hashes.map((hash) => hash.started())).toEqual([true, true, false, false, false]);
    hashes[0].finish();
    await settle();
    expect(hashes.map((hash) => hash.started())).toEqual([true, true, true, false, false]);
    // A place in the queue is free again.
    expect(sut.enter()).not.toBeNull();
  });

  it('puts a priority turn before every waiting anonymous one, and never refuses it', async () => {
    const sut = new HashSlots(1, 1);
    const first = sut.enter()!;
    const anonymous = sut.enter()!;
    expect(sut.enter()).toBeNull();
    const owner = sut.enter(true);
    expect(owner).not.toBeNull();
    const order: string[] = [];
    const held = heldHash();
    void first.run(held.hash);
    void anonymous.run(async () => order.push('anonymous'));
    void owner!.run(async () => order.push('owner'));
    held.finish();
    await settle();
    expect(order).toEqual(['owner', 'anonymous']);
    expect(sut.load).toEqual({ running: 0, waiting: 0 });
  });

  it('gives a cancelled turn\'s slot or place to the next one', async () => {
    const sut = new HashSlots(1, 1);
    const holding = sut.enter()!;
    const waiting = sut.enter()!;
    waiting.cancel();
    const next: HashTurn = sut.enter()!;
    expect(next).not.toBeNull();
    holding.cancel();
    await expect(next.run(async () => 'ran')).resolves.toBe('ran');
    // Cancelling after the run changes nothing.
    next.cancel();
    expect(sut.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when the hash fails', async () => {
    const sut = new HashSlots(1, 0);
    await expect(sut.enter()!.run(async () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(sut.enter()).not.toBeNull();
  });
});
