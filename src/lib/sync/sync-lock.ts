const LOCK_NAME = 'neighborly-sync';

let localTail: Promise<unknown> = Promise.resolve();

/**
 * Run `task` while holding the sync lock: never two syncs at once, also across tabs of
 * the same app (Web Locks are shared by every tab of an origin). Where Web Locks are
 * missing (old browsers, unit tests) a promise chain still serialises syncs in this tab.
 */
export function withSyncLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) return locks.request(LOCK_NAME, () => task()) as Promise<T>;
  const run = localTail.then(task, task);
  localTail = run.catch(() => undefined);
  return run;
}
