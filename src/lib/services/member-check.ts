import type { MemberCheck } from '../domain';
import { db } from '../db/database';
import type { Mutation } from '../protocol';

/** The user a mutation hands work to, if it names one: an assignment, or a task made for them. */
function namedAssignee(mutation: Mutation): string | null {
  if (mutation.op === 'transition') return mutation.assigneeId ?? null;
  if (mutation.op === 'create' && mutation.type === 'task') {
    const assigneeId = mutation.record.assigneeId;
    return typeof assigneeId === 'string' ? assigneeId : null;
  }
  return null;
}

/**
 * Whether the one a mutation names is an active member of its group, by this device's
 * membership records — the phone's answer to the question the server answers from its
 * memberships index. Read before `applyLocal` (inside the write's transaction, which covers
 * the memberships table), since the domain's rules are synchronous.
 */
export async function localMemberCheck(mutation: Mutation): Promise<MemberCheck> {
  const named = namedAssignee(mutation);
  if (!named) return () => false;
  const row = await db()
    .memberships.where('[groupId+userId]')
    .equals([mutation.groupId, named])
    .first();
  const active = row?.status === 'active';
  return (userId) => userId === named && active;
}
