/**
 * Runs `work` once for concurrent callers of the same key: the first call starts it, later ones
 * get the same promise until it settles. `work` starts on a later tick, so even a synchronous
 * throw finds the promise registered.
 */
export function shareInFlight<V>(pending: Map<string, Promise<V>>, key: string, work: () => Promise<V>): Promise<V> {
  const running = pending.get(key);
  if (running) return running;
  const promise = Promise.resolve()
    .then(work)
    .finally(() => pending.delete(key));
  pending.set(key, promise);
  return promise;
}
