import type { Actor, Group } from '../domain';
import { db } from '../db/database';
import { getMeta } from '../db/meta';
import type { User } from '../protocol';

export interface ActorContext {
  user: User;
  actor: Actor;
  group: Group | undefined;
}

/** The signed-in user on this device, from `meta.session` (works offline). */
export async function sessionUser(): Promise<User | null> {
  return (await getMeta('session'))?.user ?? null;
}

/**
 * Me as the domain sees me in `groupId`: my membership record if synced, else what
 * `GET /me` last said (so a new member can act before the first pull), else none.
 */
export async function actorIn(groupId: string): Promise<ActorContext | null> {
  const user = await sessionUser();
  if (!user) return null;
  const database = db();
  const [membership, group, summaries] = await Promise.all([
    database.memberships.where('[groupId+userId]').equals([groupId, user.id]).first(),
    database.groups.get(groupId),
    getMeta('memberships'),
  ]);
  const summary = summaries?.memberships.find((m) => m.groupId === groupId);
  const role = membership?.role ?? summary?.role;
  const status = membership?.status ?? summary?.status;
  return {
    user,
    actor: { userId: user.id, membership: role && status ? { role, status } : null },
    group,
  };
}
