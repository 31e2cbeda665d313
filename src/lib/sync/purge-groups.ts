import { db as database } from '$lib/db/database';
import type { MembershipsMeta } from '$lib/db/rows';
import type { Mutation } from '$lib/protocol';
import { mutationSubject, mutationValues, type SyncNotice } from './sync-notice';

/** Notice code for a local change that can never sync because its group was lost. */
export const GROUP_LOST = 'group_lost';

/**
 * Delete every local record of groups the user lost access to (removed, or the group is
 * gone): the phone must not keep what it may no longer see. Outbox entries of those groups
 * can never be pushed; rather than drop them silently, each becomes a notice saying what
 * was not synced (with the values typed). The group also leaves `meta.memberships` (what
 * `/me` said): otherwise My Groups would still list it and `actorIn` would still grant the
 * old role, so the phone would accept offline writes into a group it has lost. Runs inside
 * the pull page's transaction.
 */
export async function purgeGroups(groupIds: string[], now: string): Promise<void> {
  if (groupIds.length === 0) return;
  const db = database();
  const groups = await db.groups.bulkGet(groupIds);
  const names = new Map(groupIds.map((id, i) => [id, groups[i]?.name ?? '']));
  const lost = await db.outbox.where('groupId').anyOf(groupIds).toArray();
  const notices: SyncNotice[] = lost.map((entry) => {
    const subject = mutationSubject(entry.mutation);
    const values = mutationValues(entry.mutation);
    return {
      mid: entry.mid,
      recordId: entry.recordId,
      groupId: entry.groupId,
      code: GROUP_LOST,
      message: describe(names.get(entry.groupId) ?? '', entry.mutation, subject),
      ...(subject ? { subject } : {}),
      ...(values ? { values } : {}),
      createdAt: now,
      read: false,
    };
  });
  await Promise.all([
    db.groups.bulkDelete(groupIds),
    ...(['memberships', 'requests', 'offers', 'tasks', 'logs'] as const).map((table) =>
      db[table].where('groupId').anyOf(groupIds).delete(),
    ),
    db.conflicts.where('groupId').anyOf(groupIds).delete(),
    db.outbox.bulkDelete(lost.map((entry) => entry.seq!)),
    notices.length > 0 ? db.notices.bulkAdd(notices) : Promise.resolve(),
    forgetMemberships(groupIds),
  ]);
}

async function forgetMemberships(groupIds: string[]): Promise<void> {
  const db = database();
  const stored = (await db.meta.get('memberships'))?.value as MembershipsMeta | undefined;
  if (!stored) return;
  const lost = new Set(groupIds);
  const memberships = stored.memberships.filter((m) => !lost.has(m.groupId));
  if (memberships.length === stored.memberships.length) return;
  await db.meta.put({ key: 'memberships', value: { ...stored, memberships } });
}

/** A short human line for a change that was not synced: the group and what it was. */
function describe(groupName: string, mutation: Mutation, subject: string | undefined): string {
  return [groupName, `${mutation.op} ${mutation.type}`, subject].filter(Boolean).join(' — ');
}
