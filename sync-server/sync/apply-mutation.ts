import type { AnyRecord, Group } from '../../src/lib/domain';
import type { Mutation, MutationResult } from '../../src/lib/protocol';
import { ConflictError } from '../couch/errors';
import { writeGroupRegistry } from '../groups/group-records';
import { getMember, listMembersOfGroup, renameMember } from '../store/members';
import { getRecord, putRecord } from '../store/record-docs';
import { admit, decideMutation, taken, type Grounds, type Holder } from './decide-mutation';
import type { PushScope } from './push-context';

/** Lost `_rev` races are retried this often before the push answers 503 (busy). */
const MAX_ATTEMPTS = 25;

/**
 * Applies one validated mutation for the caller, authoritatively: permissions, validation
 * and state transitions from src/lib/domain (see decide-mutation.ts), checked against the
 * STORED record, with the document's `_rev` as the lock (a lost race re-reads and decides
 * again, so of two claims exactly one wins). Never throws for bad input; throws only when
 * the database fails.
 */
export async function applyMutation(scope: PushScope, mutation: Mutation): Promise<MutationResult> {
  const admitted = await admit(scope, mutation);
  if ('result' in admitted) return admitted.result;
  const { groupId, mid } = mutation;
  const grounds: Grounds = {
    ...admitted,
    read: (id) => getRecord(scope.context.couch, db(scope, groupId), id),
    holderOf: (userId) => holderOf(scope, groupId, userId),
  };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const decision = await decideMutation(grounds, mutation);
    if ('answer' in decision) {
      if (decision.log) await writeStatusLog(scope, groupId, decision.log, mid);
      return decision.answer;
    }
    let record: AnyRecord;
    try {
      record = await putRecord(
        scope.context.couch,
        db(scope, groupId),
        decision.write,
        decision.rev,
        mid,
        decision.createMid,
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // A new document's id taken: this mutation's own earlier write or a conflict.
      if (decision.rev === undefined)
        return taken(scope, admitted.actor, mutation, await grounds.read(mutation.id));
      continue;
    }
    if (decision.creation) scope.creations.push(decision.creation);
    if (decision.log) await writeStatusLog(scope, groupId, decision.log(record), mid);
    scope.context.changes.groupChanged(groupId);
    if (record.type === 'group' && decision.before) {
      await afterGroupChange(scope, decision.before as Group, record);
    }
    return decision.finish(record);
  }
  throw new ConflictError();
}

function db(scope: PushScope, groupId: string): string {
  return scope.context.names.group(groupId);
}

/**
 * Side effects of a changed group record: the directory card and members' group names. A
 * rename touches only the name in each index entry (read-modify-write), so a member removed
 * or promoted at the same moment keeps that change.
 */
async function afterGroupChange(scope: PushScope, before: Group, after: Group): Promise<void> {
  scope.forgetGroup(after.id);
  await writeGroupRegistry(scope.context, after);
  if (before.name !== after.name) {
    const members = await listMembersOfGroup(scope.context, after.id);
    for (const member of members) {
      await renameMember(scope.context, member, after.name);
      scope.context.changes.userChanged(member.userId);
    }
  }
}

export async function holderOf(
  scope: PushScope,
  groupId: string,
  userId: string | undefined,
): Promise<Holder | undefined> {
  if (!userId) return undefined;
  const member = await getMember(scope.context, userId, groupId);
  if (!member) return { userId, displayName: '' };
  const doc = await getRecord(scope.context.couch, db(scope, groupId), member.membershipId);
  const displayName = doc && typeof doc.displayName === 'string' ? doc.displayName : '';
  return { userId, displayName };
}

/** Writes a transition's `status` log entry; a taken id is its own earlier write (a replay). */
export async function writeStatusLog(
  scope: PushScope,
  groupId: string,
  log: AnyRecord,
  mid: string,
): Promise<void> {
  try {
    await putRecord(scope.context.couch, db(scope, groupId), log, undefined, mid);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}
