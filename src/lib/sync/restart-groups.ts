import { db as database } from '$lib/db/database';
import { currentUserId } from './session-guard';

/** Tables whose rows a restart drops (the group row itself has no private part: it stays). */
const COPIES = ['memberships', 'requests', 'offers', 'tasks', 'logs'] as const;

/**
 * Forget this device's copy of groups the server sends again from the beginning because the
 * caller may now see less of them (a demotion): rows that came from the server (they have a
 * `rev`) may hold private parts the caller may no longer hold, so they go, and the page's
 * records refill them. The caller is still a member, so nothing of theirs is dropped:
 * - rows made here and not yet synced (no `rev`) stay: they hold only what this user typed;
 * - my own membership stays (its private part is mine to see): waiting edits are rebased
 *   with my place in the group, so they keep showing while the group refills;
 * - outbox entries stay (rebased onto the records as they come back) but lose their `base`,
 *   a server snapshot that may hold private parts; the refill stores the new one;
 * - conflicts stay, except on `private`, whose `theirs` is exactly what may no longer be held.
 * Runs inside the pull page's transaction, before the page's records are stored.
 */
export async function restartGroups(groupIds: string[]): Promise<void> {
  if (groupIds.length === 0) return;
  const db = database();
  const me = await currentUserId();
  await Promise.all([
    ...COPIES.map((table) =>
      db
        .table<{ rev?: string; type: string; userId?: string }, string>(table)
        .where('groupId')
        .anyOf(groupIds)
        .filter((row) => row.rev !== undefined && !(row.type === 'membership' && row.userId === me))
        .delete(),
    ),
    db.outbox
      .where('groupId')
      .anyOf(groupIds)
      .modify((entry) => {
        delete entry.base;
      }),
    db.conflicts
      .where('groupId')
      .anyOf(groupIds)
      .filter((conflict) => conflict.field === 'private')
      .delete(),
  ]);
}
