import {
  isCoordinator,
  type Actor,
  type Group,
  type Membership,
  type MembershipStatus,
  type Role,
} from '../../domain';
import { db } from '../database';
import { getMeta } from '../meta';

export interface MyGroup {
  groupId: string;
  /** The group's name (from its record, or from `/me` before the first pull). */
  name: string;
  role: Role;
  status: MembershipStatus;
  /** Null until the group's record has been pulled to this device. */
  group: Group | null;
}

/*
 * These run inside liveQuery: every read is a Dexie call (or a Promise.all of them) made
 * up front, never after awaiting a helper `async` function, so each table stays observed
 * even under a plain, non-async querier (see src/lib/db/live.ts).
 */

/**
 * The groups I belong to (pending ones included, removed ones left out), by name.
 * From my membership records, topped up with `/me`'s summaries for groups not pulled yet,
 * so the list works offline right after sign-in.
 */
export async function listMyGroups(): Promise<MyGroup[]> {
  const database = db();
  const [session, summaries] = await Promise.all([getMeta('session'), getMeta('memberships')]);
  const userId = session?.user.id;
  if (!userId) return [];
  const rows = await database.memberships.where('userId').equals(userId).toArray();
  const byGroup = new Map<string, { role: Role; status: MembershipStatus; name: string }>();
  for (const s of summaries?.memberships ?? []) byGroup.set(s.groupId, { ...s, name: s.groupName });
  for (const m of rows) {
    if (m.archived) continue;
    byGroup.set(m.groupId, {
      role: m.role,
      status: m.status,
      name: byGroup.get(m.groupId)?.name ?? '',
    });
  }
  const ids = [...byGroup.keys()];
  const groups = await database.groups.bulkGet(ids);
  const list: MyGroup[] = [];
  ids.forEach((groupId, i) => {
    const entry = byGroup.get(groupId)!;
    const group = groups[i] ?? null;
    if (entry.status === 'removed' || group?.archived) return;
    list.push({
      groupId,
      name: group?.name ?? entry.name,
      role: entry.role,
      status: entry.status,
      group,
    });
  });
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

export interface GroupView {
  group: Group;
  /** My membership record in it (null before it is pulled). */
  membership: Membership | null;
  /** How the rules see me here (role/status from the record or `/me`). */
  actor: Actor | null;
  coordinator: boolean;
}

/** One group with its settings and my place in it; null when not on this device. */
export async function getGroup(groupId: string): Promise<GroupView | null> {
  const database = db();
  const [group, session, summaries] = await Promise.all([
    database.groups.get(groupId),
    getMeta('session'),
    getMeta('memberships'),
  ]);
  if (!group) return null;
  const userId = session?.user.id ?? null;
  if (!userId) return { group, membership: null, actor: null, coordinator: false };
  const membership =
    (await database.memberships.where('[groupId+userId]').equals([groupId, userId]).first()) ??
    null;
  const summary = summaries?.memberships.find((m) => m.groupId === groupId);
  const role = membership?.role ?? summary?.role;
  const status = membership?.status ?? summary?.status;
  const actor: Actor = { userId, membership: role && status ? { role, status } : null };
  return { group, membership, actor, coordinator: isCoordinator(actor) };
}

const STATUS_ORDER: Record<MembershipStatus, number> = { pending: 0, active: 1, removed: 2 };

/**
 * Members of a group. Coordinators see pending members first (to approve them); everyone
 * else sees active members only. Then coordinators before members, then by name.
 * `includeRemoved` (coordinators) adds removed members at the end.
 */
export async function listMembers(
  groupId: string,
  options: { includeRemoved?: boolean } = {},
): Promise<Membership[]> {
  // The group's memberships are read alongside my view of it (not after): which of them I
  // may see depends on my role, and a role change must re-run this as well.
  const [view, rows] = await Promise.all([
    getGroup(groupId),
    db().memberships.where('groupId').equals(groupId).toArray(),
  ]);
  const coordinator = view?.coordinator ?? false;
  const statuses = new Set<MembershipStatus>(
    coordinator
      ? options.includeRemoved
        ? ['pending', 'active', 'removed']
        : ['pending', 'active']
      : ['active'],
  );
  return rows
    .filter((m) => !m.archived && statuses.has(m.status))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        (a.role === b.role ? 0 : a.role === 'coordinator' ? -1 : 1) ||
        a.displayName.localeCompare(b.displayName),
    );
}

/** Display names of a group's members by user id (for "claimed by …", log authors). */
export async function memberNames(groupId: string): Promise<Map<string, string>> {
  const rows = await db().memberships.where('groupId').equals(groupId).toArray();
  return new Map(rows.map((m) => [m.userId, m.displayName]));
}
