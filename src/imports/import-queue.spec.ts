import { ImportQueue, UploadQueueFull } from './import-queue';

/** Jobs that end only when the test says so: the line's order, not the speed of anything, decides. */
function heldJobs() {
  const started: number[] = [];
  const release = new Map<number, () => void>();
  let running = 0;
  let mostAtOnce = 0;
  const run = (id: number) =>
    new Promise<void>((resolve) => {
      started.push(id);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      release.set(id, () => {
        running--;
        resolve();
      });
    });
  return { run, started, release: (id: number) => release.get(id)!(), mostAtOnce: () => mostAtOnce };
}

/** Lets every promise already settled run its callbacks (no timer: only the microtask queue). */
const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ImportQueue', () => {
  it('runs one job at a time, in the order they came, and says how many run before each', async () => {
    const jobs = heldJobs();
    const sut = new ImportQueue<number>(jobs.run, 20);
    for (const id of [1, 2, 3, 4]) await sut.admit(async () => ({ id, job: id }));
    expect(jobs.started).toEqual([1]);
    expect([1, 2, 3, 4, 5].map((id) => sut.position(id))).toEqual([0, 1, 2, 3, null]);

    jobs.release(1);
    await drain();
    expect(jobs.started).toEqual([1, 2]);
    expect([1, 2, 3, 4].map((id) => sut.position(id))).toEqual([null, 0, 1, 2]);
    jobs.release(2);
    await drain();
    jobs.release(3);
    await drain();
    jobs.release(4);
    await sut.settled();
    expect(jobs.started).toEqual([1, 2, 3, 4]);
    expect(jobs.mostAtOnce()).toBe(1);
  });

  it('goes on with the next job when one fails', async () => {
    const ran: number[] = [];
    const sut = new ImportQueue<number>(async (id) => {
      ran.push(id);
      if (id === 1) throw new Error('broken file');
    });
    await sut.admit(async () => ({ id: 1, job: 1 }));
    await sut.admit(async () => ({ id: 2, job: 2 }));
    await sut.settled();
    expect(ran).toEqual([1, 2]);
  });

  it('refuses one more past its capacity, before recording it, and takes it once a place is free', async () => {
    const jobs = heldJobs();
    const sut = new ImportQueue<number>(jobs.run, 3);
    for (const id of [1, 2, 3, 4]) await sut.admit(async () => ({ id, job: id })); // one running, three waiting
    const record = jest.fn(async () => ({ id: 5, job: 5 }));
    await expect(sut.admit(record)).rejects.toThrow(UploadQueueFull);
    expect(record).not.toHaveBeenCalled();

    jobs.release(1);
    await drain();
    await sut.admit(record);
    expect(sut.position(5)).toBe(3);
  });

  it('counts uploads still being recorded, so that several at once cannot overfill it', async () => {
    const jobs = heldJobs();
    const sut = new ImportQueue<number>(jobs.run, 2);
    let store!: () => void;
    const stored = new Promise<void>((resolve) => (store = resolve));
    const slow = [1, 2, 3].map((id) => sut.admit(async () => (await stored, { id, job: id })));
    await expect(sut.admit(async () => ({ id: 4, job: 4 }))).rejects.toThrow(UploadQueueFull);
    store();
    await Promise.all(slow);
    expect([1, 2, 3].map((id) => sut.position(id))).toEqual([0, 1, 2]);
  });

  it('gives the place back when recording fails', async () => {
    const jobs = heldJobs();
    const sut = new ImportQueue<number>(jobs.run, 0);
    await expect(sut.admit(async () => Promise.reject(new Error('unit not found')))).rejects.toThrow('unit not found');
    await sut.admit(async () => ({ id: 1, job: 1 }));
    expect(jobs.started).toEqual([1]);
  });

  it('starts nothing once stopped, and gives back the waiting jobs', async () => {
    const jobs = heldJobs();
    const sut = new ImportQueue<number>(jobs.run);
    for (const id of [1, 2, 3]) await sut.admit(async () => ({ id, job: id }));
    expect(sut.held()).toEqual([1, 2, 3]);
    expect(sut.stop()).toEqual([2, 3]);
    jobs.release(1);
    await sut.settled();
    expect(jobs.started).toEqual([1]);
    expect(sut.held()).toEqual([]);
  });
});
