import type { Actor, Membership } from '../../src/lib/domain';
import type { ServerContext } from '../context';
import { ConflictError } from '../couch/errors';
import { docIds, prefixRange, type MemberDoc } from './system-docs';

/**
 * The memberships index in the system database: who may do what in which group. The
 * group's own `membership` records (what members see) are written alongside by the
 * routes; this index is what every authorization reads.
 */
export async function getMember(
  context: ServerContext,
  userId: string,
  groupId: string,
): Promise<MemberDoc | undefined> {
  return context.couch.get<MemberDoc>(context.names.system, docIds.member(userId, groupId));
}

export async function listMembersOfUser(
  context: ServerContext,
  userId: string,
): Promise<MemberDoc[]> {
  return context.couch.allDocs<MemberDoc>(
    context.names.system,
    prefixRange(docIds.membersOf(userId)),
  );
}

export async function listMembersOfGroup(
  context: ServerContext,
  groupId: string,
): Promise<MemberDoc[]> {
  const rows = await context.couch.view<MemberDoc>(context.names.system, 'nb', 'members_by_group', {
    key: groupId,
    include_docs: true,
  });
  return rows.flatMap((row) => (row.doc ? [row.doc] : []));
}

export function actorOf(userId: string, member: MemberDoc | undefined): Actor {
  return { userId, membership: member ? { role: member.role, status: member.status } : null };
}

export async function actorFor(
  context: ServerContext,
  userId: string,
  groupId: string,
): Promise<Actor> {
  return actorOf(userId, await getMember(context, userId, groupId));
}

/** Mirrors a membership record into the index (retrying lost `_rev` races). */
export async function writeMemberIndex(
  context: ServerContext,
  membership: Membership,
  groupName: string,
): Promise<MemberDoc> {
  const id = docIds.member(membership.userId, membership.groupId);
  for (let attempt = 0; ; attempt += 1) {
    const stored = await context.couch.get<MemberDoc>(context.names.system, id);
    const doc: MemberDoc = {
      _id: id,
      kind: 'member',
      userId: membership.userId,
      groupId: membership.groupId,
      membershipId: membership.id,
      role: membership.role,
      status: membership.status,
      groupName,
      updatedAt: new Date().toISOString(),
    };
    if (stored?._rev) doc._rev = stored._rev;
    try {
      await context.couch.put(context.names.system, doc);
      return doc;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 10) throw error;
    }
  }
}

/** Active coordinators of a group, from the index. */
export async function activeCoordinators(
  context: ServerContext,
  groupId: string,
): Promise<MemberDoc[]> {
  const members = await listMembersOfGroup(context, groupId);
  return members.filter((m) => m.role === 'coordinator' && m.status === 'active');
}
