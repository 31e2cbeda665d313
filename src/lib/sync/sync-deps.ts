import type { SyncTransport } from './sync-transport';

/**
 * What one sync run needs besides the device database (`db()` from src/lib/db, which tests
 * point at a fresh fake-indexeddb database): the app wires the real transport, tests a fake.
 */
export interface SyncDeps {
  transport: SyncTransport;
  /** ISO time for notices and conflicts. */
  now: () => string;
  /** Mutations per push (≤ MAX_MUTATIONS_PER_PUSH). */
  pushBatch?: number;
  /** Records per pull page. */
  pullLimit?: number;
  /**
   * The user this sync runs for (runSync fills it in from the session): every write checks
   * it is still the one signed in, so nothing lands after a sign-out.
   */
  userId?: string;
}
