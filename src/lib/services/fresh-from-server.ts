import { liveQuery } from '../db/live';
import { getMeta } from '../db/meta';

/**
 * Online: ask the sync engine for a run now and resolve once a pull has finished after the
 * call (`true`: this device has what the server had then), or `false` when none finished
 * within `timeoutMs` (offline, the server away: the list updates at a later sync by itself).
 * For the moment a coordinator acted on a standing the server says changed meanwhile.
 *
 * A finished pull is seen as `meta.sync.lastSyncedAt` moving on; a run already under way
 * may be the one seen, and the engine runs again after it, so the live lists keep updating.
 */
export async function freshFromServer(timeoutMs = 10_000): Promise<boolean> {
  const before = (await getMeta('sync'))?.lastSyncedAt ?? null;
  // The engine is its own chunk, loaded after the first content: never on first paint.
  const { requestSync } = await import('../sync/sync-engine');
  requestSync('manual');
  return new Promise((resolve) => {
    let settled = false;
    const finish = (fresh: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Unsubscribed on the next task: `next` may run before `subscribe` has returned.
      setTimeout(() => subscription.unsubscribe(), 0);
      resolve(fresh);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const subscription = liveQuery(
      async () => (await getMeta('sync'))?.lastSyncedAt ?? null,
    ).subscribe({
      next: (at) => {
        if (at && at !== before) finish(true);
      },
      error: () => finish(false),
    });
  });
}
