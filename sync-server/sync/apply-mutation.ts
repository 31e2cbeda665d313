import {
  applyRequestTransition,
  applyTaskTransition,
  applyUpdate,
  can,
  prepareAppend,
  prepareCreate,
  redact,
  statusLog,
  type Actor,
  type AnyRecord,
  type FieldError,
  type Group,
  type LogParent,
  type Membership,
  type Request,
  type Task,
} from '../../src/lib/domain';
import type {
  AppendMutation,
  ArchiveMutation,
  CreateMutation,
  Mutation,
  MutationResult,
  RejectCode,
  TransitionMutation,
  UpdateMutation,
} from '../../src/lib/protocol';
import { ConflictError } from '../couch/errors';
import { writeGroupRegistry } from '../groups/group-records';
import { getMember, listMembersOfGroup, writeMemberIndex } from '../store/members';
import { docToRecord, getRecord, putRecord, type RecordDoc } from '../store/record-docs';
import type { PushScope } from './push-context';

/** Lost `_rev` races are retried this often before the push answers 503 (busy). */
const MAX_ATTEMPTS = 25;

export function rejected(
  mid: string,
  code: RejectCode,
  message: string,
  extra: { record?: AnyRecord | null; fields?: FieldError[] | undefined } = {},
): MutationResult {
  const result: MutationResult = { mid, status: 'rejected', code, message };
  if (extra.record) result.record = extra.record;
  if (extra.fields && extra.fields.length > 0) result.fields = extra.fields;
  return result;
}

const MESSAGES: Record<RejectCode, string> = {
  forbidden: 'You are not allowed to make this change.',
  invalid: 'This change is not valid.',
  already_claimed: 'Someone else claimed this first.',
  illegal_transition: 'This change does not fit the current status any more.',
  not_found: 'This record does not exist (any more).',
  conflict: 'A record with this id already exists.',
};

export function reject(mid: string, code: RejectCode, extra?: Parameters<typeof rejected>[3]) {
  return rejected(mid, code, MESSAGES[code], extra);
}

/**
 * Applies one validated mutation for the caller, authoritatively: permissions, validation
 * and state transitions from src/lib/domain, checked against the STORED record, with the
 * document's `_rev` as the lock (a lost race re-reads and decides again, so of two claims
 * exactly one wins). Never throws for bad input; throws only when the database fails.
 */
export async function applyMutation(scope: PushScope, mutation: Mutation): Promise<MutationResult> {
  const actor = await scope.actor(mutation.groupId);
  if (actor.membership?.status !== 'active') {
    return rejected(mutation.mid, 'forbidden', 'You are not a member of this group.');
  }
  const group = await scope.group(mutation.groupId);
  if (!group || group.archived) return reject(mutation.mid, 'not_found');
  switch (mutation.op) {
    case 'create':
      return create(scope, actor, group, mutation);
    case 'append':
      return append(scope, actor, mutation);
    case 'update':
      return update(scope, actor, mutation);
    case 'transition':
      return transition(scope, actor, group, mutation);
    case 'archive':
      return archive(scope, actor, mutation);
  }
}

function db(scope: PushScope, groupId: string): string {
  return scope.context.names.group(groupId);
}

async function loadStored(
  scope: PushScope,
  mutation: Mutation,
): Promise<{ doc: RecordDoc; record: AnyRecord } | undefined> {
  const doc = await getRecord(scope.context.couch, db(scope, mutation.groupId), mutation.id);
  if (!doc || doc.type !== mutation.type || doc.groupId !== mutation.groupId) return undefined;
  return { doc, record: docToRecord(doc) };
}

export function envelopeMismatch(mutation: CreateMutation | AppendMutation): FieldError[] {
  const record = mutation.record;
  const errors: FieldError[] = [];
  if (record.id !== mutation.id) errors.push({ path: 'record.id', code: 'invalid_format' });
  if (record.type !== mutation.type) errors.push({ path: 'record.type', code: 'invalid_choice' });
  if (record.groupId !== mutation.groupId)
    errors.push({ path: 'record.groupId', code: 'invalid_format' });
  return errors;
}

/** Writes a new document; a taken id is this mutation's own earlier write or a conflict. */
async function insert(
  scope: PushScope,
  actor: Actor,
  mutation: CreateMutation | AppendMutation,
  record: AnyRecord,
): Promise<MutationResult> {
  try {
    const stored = await putRecord(
      scope.context.couch,
      db(scope, mutation.groupId),
      record,
      undefined,
      mutation.mid,
    );
    scope.context.changes.groupChanged(mutation.groupId);
    return { mid: mutation.mid, status: 'applied', record: redact(stored, actor) ?? stored };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const existing = await getRecord(scope.context.couch, db(scope, mutation.groupId), mutation.id);
    if (existing?.nbMid === mutation.mid) {
      const stored = docToRecord(existing);
      return { mid: mutation.mid, status: 'applied', record: redact(stored, actor) ?? stored };
    }
    return reject(mutation.mid, 'conflict');
  }
}

export type Prepared = { result: MutationResult } | { record: AnyRecord; actor: Actor };

/** Everything about a `create` that needs no write: membership, envelope, domain rules. */
export async function prepareCreation(
  scope: PushScope,
  mutation: CreateMutation,
): Promise<Prepared> {
  const actor = await scope.actor(mutation.groupId);
  if (actor.membership?.status !== 'active') {
    return { result: rejected(mutation.mid, 'forbidden', 'You are not a member of this group.') };
  }
  const group = await scope.group(mutation.groupId);
  if (!group || group.archived) return { result: reject(mutation.mid, 'not_found') };
  const mismatch = envelopeMismatch(mutation);
  if (mismatch.length > 0) return { result: reject(mutation.mid, 'invalid', { fields: mismatch }) };
  if (mutation.type === 'log') {
    return { result: rejected(mutation.mid, 'invalid', 'Log entries are appended, not created.') };
  }
  const now = new Date().toISOString();
  const outcome = prepareCreate(actor, mutation.type, mutation.record, group, now);
  if (!outcome.ok)
    return { result: reject(mutation.mid, outcome.code, { fields: outcome.errors }) };
  return { record: outcome.record, actor };
}

async function create(
  scope: PushScope,
  actor: Actor,
  _group: Group,
  mutation: CreateMutation,
): Promise<MutationResult> {
  const prepared = await prepareCreation(scope, mutation);
  if ('result' in prepared) return prepared.result;
  return insert(scope, actor, mutation, prepared.record);
}

async function append(
  scope: PushScope,
  actor: Actor,
  mutation: AppendMutation,
): Promise<MutationResult> {
  const mismatch = envelopeMismatch(mutation);
  if (mismatch.length > 0) return reject(mutation.mid, 'invalid', { fields: mismatch });
  if (mutation.type !== 'log') {
    return rejected(mutation.mid, 'invalid', 'Only log entries can be appended.');
  }
  const parentId = mutation.record.parentId;
  let parent: LogParent | null = null;
  if (typeof parentId === 'string') {
    const doc = await getRecord(scope.context.couch, db(scope, mutation.groupId), parentId).catch(
      () => undefined,
    );
    if (doc && (doc.type === 'request' || doc.type === 'task'))
      parent = docToRecord(doc) as LogParent;
  }
  const outcome = prepareAppend(actor, mutation.record, parent, new Date().toISOString());
  if (!outcome.ok) return reject(mutation.mid, outcome.code, { fields: outcome.errors });
  return insert(scope, actor, mutation, outcome.record);
}

/** Side effects of a changed group record: the directory card and members' group names. */
async function afterGroupChange(scope: PushScope, before: Group, after: Group): Promise<void> {
  scope.forgetGroup(after.id);
  await writeGroupRegistry(scope.context, after);
  if (before.name !== after.name) {
    const members = await listMembersOfGroup(scope.context, after.id);
    for (const member of members) {
      await writeMemberIndex(
        scope.context,
        {
          id: member.membershipId,
          groupId: member.groupId,
          userId: member.userId,
          role: member.role,
          status: member.status,
        } as Membership,
        after.name,
      );
      scope.context.changes.userChanged(member.userId);
    }
  }
}

async function update(
  scope: PushScope,
  actor: Actor,
  mutation: UpdateMutation,
): Promise<MutationResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const stored = await loadStored(scope, mutation);
    if (!stored) return reject(mutation.mid, 'not_found');
    const visible = redact(stored.record, actor);
    if (!visible) return reject(mutation.mid, 'not_found');
    if (stored.record.type === 'log') return reject(mutation.mid, 'forbidden');
    const outcome = applyUpdate(
      actor,
      stored.record,
      mutation.set,
      mutation.from,
      new Date().toISOString(),
    );
    if (!outcome.ok)
      return reject(mutation.mid, outcome.code, { record: visible, fields: outcome.errors });
    let record: AnyRecord = stored.record;
    if (outcome.changed) {
      try {
        record = await putRecord(
          scope.context.couch,
          db(scope, mutation.groupId),
          outcome.record,
          stored.doc._rev,
          mutation.mid,
        );
      } catch (error) {
        if (error instanceof ConflictError) continue;
        throw error;
      }
      scope.context.changes.groupChanged(mutation.groupId);
      if (record.type === 'group') await afterGroupChange(scope, stored.record as Group, record);
    }
    const shown = redact(record, actor) ?? record;
    return outcome.conflicts.length > 0
      ? { mid: mutation.mid, status: 'merged', record: shown, conflicts: outcome.conflicts }
      : { mid: mutation.mid, status: 'applied', record: shown };
  }
  throw new ConflictError();
}

export async function holderOf(scope: PushScope, groupId: string, userId: string | undefined) {
  if (!userId) return undefined;
  const member = await getMember(scope.context, userId, groupId);
  if (!member) return { userId, displayName: '' };
  const doc = await getRecord(scope.context.couch, db(scope, groupId), member.membershipId);
  const displayName = doc && typeof doc.displayName === 'string' ? doc.displayName : '';
  return { userId, displayName };
}

/** Writes the transition's `status` log entry unless it is already there (a replay). */
export async function writeStatusLog(
  scope: PushScope,
  mutation: TransitionMutation,
  parent: LogParent,
  from: string,
  action: string,
): Promise<void> {
  const now = new Date().toISOString();
  const log = statusLog({
    id: mutation.logId,
    parent,
    actorId: scope.userId,
    from,
    to: mutation.to,
    action,
    ...(mutation.closeNote ? { note: mutation.closeNote } : {}),
    now,
  });
  try {
    await putRecord(scope.context.couch, db(scope, mutation.groupId), log, undefined, mutation.mid);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

async function transition(
  scope: PushScope,
  actor: Actor,
  group: Group,
  mutation: TransitionMutation,
): Promise<MutationResult> {
  if (mutation.type !== 'request' && mutation.type !== 'task') {
    return rejected(mutation.mid, 'invalid', 'Only requests and tasks change status.');
  }
  const input = {
    to: mutation.to,
    ...(mutation.assigneeId !== undefined ? { assigneeId: mutation.assigneeId } : {}),
    ...(mutation.closeReason !== undefined ? { closeReason: mutation.closeReason } : {}),
    ...(mutation.closeNote !== undefined ? { closeNote: mutation.closeNote } : {}),
  };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const stored = await loadStored(scope, mutation);
    if (!stored) return reject(mutation.mid, 'not_found');
    const visible = redact(stored.record, actor) ?? undefined;
    const now = new Date().toISOString();
    const outcome =
      stored.record.type === 'request'
        ? applyRequestTransition(actor, stored.record, group, input, now)
        : applyTaskTransition(actor, stored.record as Task, group, input, now);

    if (!outcome.ok) {
      if (outcome.code === 'already_claimed') {
        const result = reject(mutation.mid, 'already_claimed', { record: visible });
        const holder = await holderOf(scope, mutation.groupId, outcome.holderId);
        return holder && result.status === 'rejected' ? { ...result, holder } : result;
      }
      return reject(mutation.mid, outcome.code, { record: visible });
    }

    if (!outcome.changed) {
      // Already in the asked-for state: a replay (finish its log if the first try could not).
      if (stored.doc.nbMid === mutation.mid) {
        await writeStatusLog(scope, mutation, stored.record as LogParent, mutation.from, 'replay');
      }
      return { mid: mutation.mid, status: 'applied', record: visible ?? stored.record };
    }

    // The author's premise is the status they saw: if it moved on, their intent is stale.
    const current = stored.record as Request | Task;
    if (current.status !== mutation.from) {
      const code: RejectCode =
        mutation.to === 'claimed' && current.assigneeId && current.assigneeId !== scope.userId
          ? 'already_claimed'
          : 'illegal_transition';
      const result = reject(mutation.mid, code, { record: visible });
      if (code === 'already_claimed' && result.status === 'rejected') {
        const holder = await holderOf(scope, mutation.groupId, current.assigneeId ?? undefined);
        return holder ? { ...result, holder } : result;
      }
      return result;
    }

    let record: AnyRecord;
    try {
      record = await putRecord(
        scope.context.couch,
        db(scope, mutation.groupId),
        outcome.record,
        stored.doc._rev,
        mutation.mid,
      );
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    await writeStatusLog(
      scope,
      mutation,
      record as LogParent,
      outcome.from,
      outcome.action ?? mutation.to,
    );
    scope.context.changes.groupChanged(mutation.groupId);
    return { mid: mutation.mid, status: 'applied', record: redact(record, actor) ?? record };
  }
  throw new ConflictError();
}

async function archive(
  scope: PushScope,
  actor: Actor,
  mutation: ArchiveMutation,
): Promise<MutationResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const stored = await loadStored(scope, mutation);
    if (!stored) return reject(mutation.mid, 'not_found');
    const visible = redact(stored.record, actor) ?? undefined;
    if (!can(actor, 'archive', stored.record))
      return reject(mutation.mid, 'forbidden', { record: visible });
    if (stored.record.archived)
      return { mid: mutation.mid, status: 'applied', record: visible ?? stored.record };
    const next = {
      ...stored.record,
      archived: true,
      updatedAt: new Date().toISOString(),
    } as AnyRecord;
    let record: AnyRecord;
    try {
      record = await putRecord(
        scope.context.couch,
        db(scope, mutation.groupId),
        next,
        stored.doc._rev,
        mutation.mid,
      );
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    scope.context.changes.groupChanged(mutation.groupId);
    if (record.type === 'group') await afterGroupChange(scope, stored.record as Group, record);
    return { mid: mutation.mid, status: 'applied', record: redact(record, actor) ?? record };
  }
  throw new ConflictError();
}
