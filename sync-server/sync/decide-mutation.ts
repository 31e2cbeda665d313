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
import { docToRecord, type RecordDoc } from '../store/record-docs';
import type { Creation, PushScope } from './push-context';

/*
 * How one mutation is decided, for both push paths (the batched one in apply-batch.ts and
 * the one-at-a-time one in apply-mutation.ts): they differ only in how they read and write.
 * A decision is made against the record as stored and is either a final answer or a write
 * the caller makes (with the read `_rev` as the lock) before it answers.
 */

export type Holder = { userId: string; displayName: string };

/** What a mutation is decided against; `read` and `holderOf` are the caller's reads. */
export interface Grounds {
  actor: Actor;
  group: Group;
  /** The document with this id in the mutation's group database, as stored now. */
  read: (id: string) => Promise<RecordDoc | undefined>;
  /** Who holds a claim (user id and display name), for an `already_claimed` answer. */
  holderOf: (userId: string | undefined) => Promise<Holder | undefined>;
}

export type Decision =
  /** Nothing to write (a rejection or a no-op); a replayed transition's log to finish first. */
  | { answer: MutationResult; log?: AnyRecord }
  | {
      /** The record to write: `rev` undefined for a new document, else the `_rev` read. */
      write: AnyRecord;
      rev: string | undefined;
      /** The record as it was read (undefined for a new document). */
      before: AnyRecord | undefined;
      /** The stored document's `nbCreateMid`, kept through the write (see record-docs.ts). */
      createMid?: string | undefined;
      /** The record as its create made it, when this write is its first change since. */
      creation?: Creation | undefined;
      /** The result once `write` is stored with its new rev. */
      finish: (stored: AnyRecord) => MutationResult;
      /** A transition's `status` log entry, written only after the record itself was. */
      log?: (stored: AnyRecord) => AnyRecord;
    };

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

/** The caller as an actor and the group, or the answer when they may not write to it. */
export async function admit(
  scope: PushScope,
  mutation: Mutation,
): Promise<{ result: MutationResult } | { actor: Actor; group: Group }> {
  const actor = await scope.actor(mutation.groupId);
  if (actor.membership?.status !== 'active') {
    return { result: rejected(mutation.mid, 'forbidden', 'You are not a member of this group.') };
  }
  const group = await scope.group(mutation.groupId);
  if (!group || group.archived) return { result: reject(mutation.mid, 'not_found') };
  return { actor, group };
}

/** Decides one mutation of an admitted caller against what `grounds.read` finds stored. */
export function decideMutation(grounds: Grounds, mutation: Mutation): Promise<Decision> {
  switch (mutation.op) {
    case 'create':
      return Promise.resolve(decideCreate(grounds, mutation));
    case 'append':
      return decideAppend(grounds, mutation);
    case 'update':
      return decideUpdate(grounds, mutation);
    case 'transition':
      return decideTransition(grounds, mutation);
    case 'archive':
      return decideArchive(grounds, mutation);
  }
}

/**
 * The answer when a new document's id is taken: this caller's own earlier create (a replay)
 * gets what that create got — the record as it made it, read from the document while that
 * is unchanged, else from the creation kept before its first change (or, if that was never
 * written, a crash in between, the record as it is now) — and anything else is a conflict.
 */
export async function taken(
  scope: PushScope,
  actor: Actor,
  mutation: Mutation,
  existing: RecordDoc | undefined,
): Promise<MutationResult> {
  if (!existing || existing.createdBy !== actor.userId) return reject(mutation.mid, 'conflict');
  if (existing.nbMid === mutation.mid) return applied(mutation, actor, docToRecord(existing));
  if (existing.nbCreateMid !== mutation.mid) return reject(mutation.mid, 'conflict');
  const first = await scope.creation(mutation.mid);
  return applied(mutation, actor, first ?? docToRecord(existing));
}

/** What to keep of a document's creation before its first change (see CreationDoc). */
function creationOf(doc: RecordDoc): Creation | undefined {
  const { nbCreateMid, nbMid, createdBy } = doc;
  if (!nbCreateMid || nbMid !== nbCreateMid || typeof createdBy !== 'string') return undefined;
  return { userId: createdBy, mid: nbCreateMid, record: docToRecord(doc) };
}

function applied(mutation: Mutation, actor: Actor, record: AnyRecord): MutationResult {
  return { mid: mutation.mid, status: 'applied', record: redact(record, actor) ?? record };
}

function envelopeMismatch(mutation: CreateMutation | AppendMutation): FieldError[] {
  const record = mutation.record;
  const errors: FieldError[] = [];
  if (record.id !== mutation.id) errors.push({ path: 'record.id', code: 'invalid_format' });
  if (record.type !== mutation.type) errors.push({ path: 'record.type', code: 'invalid_choice' });
  if (record.groupId !== mutation.groupId)
    errors.push({ path: 'record.groupId', code: 'invalid_format' });
  return errors;
}

function insert(grounds: Grounds, mutation: Mutation, record: AnyRecord): Decision {
  return {
    write: record,
    rev: undefined,
    before: undefined,
    finish: (stored) => applied(mutation, grounds.actor, stored),
  };
}

async function loadStored(
  grounds: Grounds,
  mutation: Mutation,
): Promise<{ doc: RecordDoc; record: AnyRecord } | undefined> {
  const doc = await grounds.read(mutation.id);
  if (!doc || doc.type !== mutation.type || doc.groupId !== mutation.groupId) return undefined;
  return { doc, record: docToRecord(doc) };
}

function decideCreate(grounds: Grounds, mutation: CreateMutation): Decision {
  const mismatch = envelopeMismatch(mutation);
  if (mismatch.length > 0) return { answer: reject(mutation.mid, 'invalid', { fields: mismatch }) };
  if (mutation.type === 'log') {
    return { answer: rejected(mutation.mid, 'invalid', 'Log entries are appended, not created.') };
  }
  const now = new Date().toISOString();
  const outcome = prepareCreate(grounds.actor, mutation.type, mutation.record, grounds.group, now);
  if (!outcome.ok)
    return { answer: reject(mutation.mid, outcome.code, { fields: outcome.errors }) };
  return insert(grounds, mutation, outcome.record);
}

async function decideAppend(grounds: Grounds, mutation: AppendMutation): Promise<Decision> {
  const mismatch = envelopeMismatch(mutation);
  if (mismatch.length > 0) return { answer: reject(mutation.mid, 'invalid', { fields: mismatch }) };
  if (mutation.type !== 'log') {
    return { answer: rejected(mutation.mid, 'invalid', 'Only log entries can be appended.') };
  }
  const parentId = mutation.record.parentId;
  let parent: LogParent | null = null;
  if (typeof parentId === 'string') {
    const doc = await grounds.read(parentId).catch(() => undefined);
    if (doc && (doc.type === 'request' || doc.type === 'task'))
      parent = docToRecord(doc) as LogParent;
  }
  const outcome = prepareAppend(grounds.actor, mutation.record, parent, new Date().toISOString());
  if (!outcome.ok)
    return { answer: reject(mutation.mid, outcome.code, { fields: outcome.errors }) };
  return insert(grounds, mutation, outcome.record);
}

async function decideUpdate(grounds: Grounds, mutation: UpdateMutation): Promise<Decision> {
  const { actor } = grounds;
  const stored = await loadStored(grounds, mutation);
  if (!stored) return { answer: reject(mutation.mid, 'not_found') };
  const visible = redact(stored.record, actor);
  if (!visible) return { answer: reject(mutation.mid, 'not_found') };
  if (stored.record.type === 'log') return { answer: reject(mutation.mid, 'forbidden') };
  const outcome = applyUpdate(
    actor,
    stored.record,
    mutation.set,
    mutation.from,
    new Date().toISOString(),
  );
  if (!outcome.ok) {
    return {
      answer: reject(mutation.mid, outcome.code, { record: visible, fields: outcome.errors }),
    };
  }
  const finish = (record: AnyRecord): MutationResult => {
    const shown = redact(record, actor) ?? record;
    return outcome.conflicts.length > 0
      ? { mid: mutation.mid, status: 'merged', record: shown, conflicts: outcome.conflicts }
      : { mid: mutation.mid, status: 'applied', record: shown };
  };
  if (!outcome.changed) return { answer: finish(stored.record) };
  return {
    write: outcome.record,
    rev: stored.doc._rev,
    before: stored.record,
    createMid: stored.doc.nbCreateMid,
    creation: creationOf(stored.doc),
    finish,
  };
}

/** The transition's `status` log entry, stamped when it is made. */
function transitionLog(
  actor: Actor,
  mutation: TransitionMutation,
  parent: AnyRecord,
  from: string,
  action: string,
): AnyRecord {
  return statusLog({
    id: mutation.logId,
    parent: parent as LogParent,
    actorId: actor.userId,
    from,
    to: mutation.to,
    action,
    ...(mutation.closeNote ? { note: mutation.closeNote } : {}),
    now: new Date().toISOString(),
  });
}

async function alreadyClaimed(
  grounds: Grounds,
  mutation: Mutation,
  visible: AnyRecord | undefined,
  holderId: string | undefined,
): Promise<Decision> {
  const result = reject(mutation.mid, 'already_claimed', { record: visible });
  const holder = await grounds.holderOf(holderId);
  return { answer: holder && result.status === 'rejected' ? { ...result, holder } : result };
}

async function decideTransition(grounds: Grounds, mutation: TransitionMutation): Promise<Decision> {
  const { actor, group } = grounds;
  if (mutation.type !== 'request' && mutation.type !== 'task') {
    return { answer: rejected(mutation.mid, 'invalid', 'Only requests and tasks change status.') };
  }
  const input = {
    to: mutation.to,
    ...(mutation.assigneeId !== undefined ? { assigneeId: mutation.assigneeId } : {}),
    ...(mutation.closeReason !== undefined ? { closeReason: mutation.closeReason } : {}),
    ...(mutation.closeNote !== undefined ? { closeNote: mutation.closeNote } : {}),
  };
  const stored = await loadStored(grounds, mutation);
  if (!stored) return { answer: reject(mutation.mid, 'not_found') };
  const visible = redact(stored.record, actor) ?? undefined;
  const now = new Date().toISOString();
  const outcome =
    stored.record.type === 'request'
      ? applyRequestTransition(actor, stored.record, group, input, now)
      : applyTaskTransition(actor, stored.record as Task, group, input, now);

  if (!outcome.ok) {
    if (outcome.code === 'already_claimed') {
      return alreadyClaimed(grounds, mutation, visible, outcome.holderId);
    }
    return { answer: reject(mutation.mid, outcome.code, { record: visible }) };
  }

  if (!outcome.changed) {
    const answer: MutationResult = {
      mid: mutation.mid,
      status: 'applied',
      record: visible ?? stored.record,
    };
    // Already in the asked-for state: a replay (finish its log if the first try could not).
    if (stored.doc.nbMid !== mutation.mid) return { answer };
    return {
      answer,
      log: transitionLog(actor, mutation, stored.record, mutation.from, 'replay'),
    };
  }

  // The author's premise is the status they saw: if it moved on, their intent is stale.
  const current = stored.record as Request | Task;
  if (current.status !== mutation.from) {
    if (mutation.to === 'claimed' && current.assigneeId && current.assigneeId !== actor.userId) {
      return alreadyClaimed(grounds, mutation, visible, current.assigneeId);
    }
    return { answer: reject(mutation.mid, 'illegal_transition', { record: visible }) };
  }

  const from = outcome.from;
  const action = outcome.action ?? mutation.to;
  return {
    write: outcome.record,
    rev: stored.doc._rev,
    before: stored.record,
    createMid: stored.doc.nbCreateMid,
    creation: creationOf(stored.doc),
    finish: (record) => applied(mutation, actor, record),
    log: (record) => transitionLog(actor, mutation, record, from, action),
  };
}

async function decideArchive(grounds: Grounds, mutation: ArchiveMutation): Promise<Decision> {
  const { actor } = grounds;
  const stored = await loadStored(grounds, mutation);
  if (!stored) return { answer: reject(mutation.mid, 'not_found') };
  const visible = redact(stored.record, actor) ?? undefined;
  if (!can(actor, 'archive', stored.record))
    return { answer: reject(mutation.mid, 'forbidden', { record: visible }) };
  if (stored.record.archived)
    return { answer: { mid: mutation.mid, status: 'applied', record: visible ?? stored.record } };
  const next = {
    ...stored.record,
    archived: true,
    updatedAt: new Date().toISOString(),
  } as AnyRecord;
  return {
    write: next,
    rev: stored.doc._rev,
    before: stored.record,
    createMid: stored.doc.nbCreateMid,
    creation: creationOf(stored.doc),
    finish: (record) => applied(mutation, actor, record),
  };
}
