import { db } from '$lib/db/database';
import type { SessionMeta } from '$lib/db/rows';

/** Thrown when the device's user changed (signed out, or someone else) during a sync. */
export class SessionChangedError extends Error {
  constructor() {
    super('The signed-in user changed during the sync.');
    this.name = 'SessionChangedError';
  }
}

/** The user signed in on this device now, or null. */
export async function currentUserId(): Promise<string | null> {
  return ((await db().meta.get('session'))?.value as SessionMeta | undefined)?.user.id ?? null;
}

/**
 * Inside a sync write transaction: stop unless the user the sync started for is still the
 * one signed in. A page that arrives after "sign out" (which empties the database) must not
 * put the previous user's records back on a shared phone.
 */
export async function assertSameUser(userId: string | undefined): Promise<void> {
  if (userId === undefined) return;
  if ((await currentUserId()) !== userId) throw new SessionChangedError();
}
