import type { Actor, Membership, MembershipStatus, Role } from '../../src/lib/domain';
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

/**
 * Read-modify-write of one memberships-index entry with the `_rev` lock. `change` sees the
 * entry as stored at every attempt (undefined when there is none) and returns the entry to
 * write, or undefined to leave it as it is; a lost race reads again and asks `change` again,
 * so no writer ever puts back fields it read before someone else's write. Answers the entry
 * as it stands afterwards.
 */
export async function writeMemberIndex(
  context: ServerContext,
  key: { userId: string; groupId: string },
  change: (stored: MemberDoc | undefined) => MemberDoc | undefined,
): Promise<MemberDoc | undefined> {
  const id = docIds.member(key.userId, key.groupId);
  for (let attempt = 0; ; attempt += 1) {
    const stored = await context.couch.get<MemberDoc>(context.names.system, id);
    const next = change(stored);
    if (!next) return stored;
    const doc: MemberDoc = { ...next, _id: id, updatedAt: new Date().toISOString() };
    if (stored?._rev) doc._rev = stored._rev;
    else delete doc._rev;
    try {
      const { rev } = await context.couch.put(context.names.system, doc);
      return { ...doc, _rev: rev };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 20) throw error;
    }
  }
}

/** A new index entry for `membership` (role and status taken from it). */
export function memberEntry(membership: Membership, groupName: string): MemberDoc {
  return {
    _id: docIds.member(membership.userId, membership.groupId),
    kind: 'member',
    userId: membership.userId,
    groupId: membership.groupId,
    membershipId: membership.id,
    role: membership.role,
    status: membership.status,
    groupName,
    updatedAt: new Date().toISOString(),
  };
}

/** A renamed group: only the denormalized name changes, never who may do what. */
export function renameMember(context: ServerContext, member: MemberDoc, groupName: string) {
  return writeMemberIndex(context, member, (stored) =>
    stored && stored.groupName !== groupName ? { ...stored, groupName } : undefined,
  );
}

export type StandingResult =
  { ok: true; member: MemberDoc; before: MemberDoc } | { ok: false; stored?: MemberDoc };

/**
 * Sets role and/or status of `read` (the entry as the caller read it and decided on), only
 * while the stored entry still has the status that was read: a promotion racing a removal
 * never brings the member back, and the loser is told (`ok: false`). Asking for what is
 * already stored succeeds without a write (a retried approve or remove). `before` is the
 * entry the change was made to (to undo it).
 */
export async function changeStanding(
  context: ServerContext,
  read: MemberDoc,
  wanted: { role?: Role; status?: MembershipStatus },
): Promise<StandingResult> {
  let before: MemberDoc | undefined;
  const stored = await writeMemberIndex(context, read, (current) => {
    before = current;
    if (!current) return undefined;
    const next = { role: wanted.role ?? current.role, status: wanted.status ?? current.status };
    if (current.role === next.role && current.status === next.status) return undefined;
    if (current.status !== read.status) return undefined;
    return { ...current, ...next };
  });
  if (!stored || !before) return stored ? { ok: false, stored } : { ok: false };
  const done =
    (wanted.role === undefined || stored.role === wanted.role) &&
    (wanted.status === undefined || stored.status === wanted.status);
  return done ? { ok: true, member: stored, before } : { ok: false, stored };
}
