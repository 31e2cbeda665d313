import type { User } from '$lib/protocol';
import { getSessionUser } from '$lib/services';

let early: Promise<User | null> | null = null;

/**
 * Start reading the signed-in profile now. On a cold start, opening IndexedDB is one of the
 * slowest steps before the first rows; begun from the client hooks it overlaps with Kit
 * fetching and starting the route's code instead of following it.
 */
export function prefetchSession(): void {
  if (early || typeof indexedDB === 'undefined') return;
  early = getSessionUser();
  // A failure surfaces where the root layout's load awaits it.
  early.catch(() => {});
}

/** The profile for the root layout's load: the prefetched read once, then fresh reads. */
export function sessionUser(): Promise<User | null> {
  const pending = early;
  early = null;
  return pending ?? getSessionUser();
}
