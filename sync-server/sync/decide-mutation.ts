import {
  applyTransitionAsk,
  applyUpdate,
  archiveRecord,
  envelopeErrors,
  misfitErrors,
  opMisfit,
  prepareAppend,
  prepareCreate,
  redact,
  replayedTransitionLog,
  transitionLog,
  type Actor,
  type AnyRecord,
  type FieldError,
  type Group,
  type LogParent,
  type MemberCheck,
  type OpMisfit,
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
import { getMember } from '../store/members';
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
  /** Whether a user is an active member of the group, by the memberships index. */
  isMember: (userId: string) => Promise<boolean>;
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

const MISFITS: Record<OpMisfit, string> = {
  logs_are_appended: 'Log entries are appended, not created.',
  only_logs_are_appended: 'Only log entries can be appended.',
  no_lifecycle: 'Only requests and tasks change status.',
};

/**
 * The caller as an actor and the group (with the memberships index to ask about others), or
 * the answer when they may not write to it.
 */
export async function admit(
  scope: PushScope,
  mutation: Mutation,
): Promise<
  | { result: MutationResult }
  | { actor: Actor; group: Group; isMember: (userId: string) => Promise<boolean> }
> {
  const actor = await scope.actor(mutation.groupId);
  if (actor.membership?.status !== 'active') {
    return { result: rejected(mutation.mid, 'forbidden', 'You are not a member of this group.') };
  }
  const group = await scope.group(mutation.groupId);
  if (!group || group.archived) return { result: reject(mutation.mid, 'not_found') };
  const isMember = async (userId: string) =>
    (await getMember(scope.context, userId, mutation.groupId))?.status === 'active';
  return { actor, group, isMember };
}

/**
 * The domain's synchronous answer about the one user a mutation names (the only one it
 * asks about), read from the memberships index first.
 */
async function memberCheck(grounds: Grounds, named: unknown): Promise<MemberCheck> {
  if (typeof named !== 'string' || named === grounds.actor.userId) return () => false;
  const active = await grounds.isMember(named);
  return (userId) => userId === named && active;
}

/** Decides one mutation of an admitted caller against what `grounds.read` finds stored. */
export function decideMutation(grounds: Grounds, mutation: Mutation): Promise<Decision> {
  const misfit = opMisfit(mutation.op, mutation.type);
  if (misfit) {
    const fields = misfitErrors(misfit);
    return Promise.resolve({
      answer: rejected(mutation.mid, 'invalid', MISFITS[misfit], { fields }),
    });
  }
  switch (mutation.op) {
    case 'create':
      return decideCreate(grounds, mutation);
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
  return { mid: mutation.mid, status: 'applied', record: shown(record, actor) };
}

/**
 * The record as the caller may see it, for an `applied` or `merged` answer (which always
 * carries one). Only admitted callers get here, and an active member may view every record
 * of their group, so a null from `redact` is a bug: it fails the push (500) rather than
 * sending the record unredacted.
 */
function shown(record: AnyRecord, actor: Actor): AnyRecord {
  const visible = redact(record, actor);
  if (!visible) throw new Error(`redact gave an admitted member nothing of ${record.id}`);
  return visible;
}

/** The record as the caller may see it, for a rejection: left out when they may see none. */
function visibleOf(record: AnyRecord, actor: Actor): AnyRecord | undefined {
  return redact(record, actor) ?? undefined;
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

async function decideCreate(grounds: Grounds, mutation: CreateMutation): Promise<Decision> {
  const mismatch = envelopeErrors(mutation, mutation.record);
  if (mismatch.length > 0) return { answer: reject(mutation.mid, 'invalid', { fields: mismatch }) };
  const named = mutation.type === 'task' ? mutation.record.assigneeId : undefined;
  const isMember = await memberCheck(grounds, named);
  const now = new Date().toISOString();
  const { actor, group } = grounds;
  const outcome = prepareCreate(actor, mutation.type, mutation.record, group, now, isMember);
  if (!outcome.ok)
    return { answer: reject(mutation.mid, outcome.code, { fields: outcome.errors }) };
  return insert(grounds, mutation, outcome.record);
}

async function decideAppend(grounds: Grounds, mutation: AppendMutation): Promise<Decision> {
  const mismatch = envelopeErrors(mutation, mutation.record);
  if (mismatch.length > 0) return { answer: reject(mutation.mid, 'invalid', { fields: mismatch }) };
  const parentId = mutation.record.parentId;
  let parent: LogParent | null = null;
  if (typeof parentId === 'string') {
    const doc = await grounds.read(parentId).catch(() => undefined);
    if (doc && (doc.type === 'request' || doc.type === 'task'))
      parent = docToRecord(doc) as LogParent;
  }
  const now = new Date().toISOString();
  const outcome = prepareAppend(grounds.actor, mutation.record, parent, grounds.group, now);
  if (!outcome.ok)
    return { answer: reject(mutation.mid, outcome.code, { fields: outcome.errors }) };
  return insert(grounds, mutation, outcome.record);
}

async function decideUpdate(grounds: Grounds, mutation: UpdateMutation): Promise<Decision> {
  const { actor } = grounds;
  const stored = await loadStored(grounds, mutation);
  if (!stored) return { answer: reject(mutation.mid, 'not_found') };
  const visible = visibleOf(stored.record, actor);
  if (!visible) return { answer: reject(mutation.mid, 'not_found') };
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
    const visibleRecord = shown(record, actor);
    return outcome.conflicts.length > 0
      ? { mid: mutation.mid, status: 'merged', record: visibleRecord, conflicts: outcome.conflicts }
      : { mid: mutation.mid, status: 'applied', record: visibleRecord };
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
  const stored = await loadStored(grounds, mutation);
  if (!stored) return { answer: reject(mutation.mid, 'not_found') };
  const visible = visibleOf(stored.record, actor);
  const isMember = await memberCheck(grounds, mutation.assigneeId);
  const now = new Date().toISOString();
  // The domain judges the move on the stored record, the author's `from` included (stale).
  const outcome = applyTransitionAsk(actor, stored.record, group, mutation, now, isMember);

  if (!outcome.ok) {
    if (outcome.code === 'already_claimed') {
      return alreadyClaimed(grounds, mutation, visible, outcome.holderId);
    }
    const fields = outcome.errors;
    return { answer: reject(mutation.mid, outcome.code, { record: visible, fields }) };
  }

  if (!outcome.changed) {
    const answer = applied(mutation, actor, stored.record);
    // Already in the asked-for state: a replay (finish its log if the first try could not).
    if (stored.doc.nbMid !== mutation.mid) return { answer };
    const parent = stored.record as Request | Task;
    const log = replayedTransitionLog(parent, mutation, actor.userId, now);
    return log ? { answer, log } : { answer };
  }

  return {
    write: outcome.record,
    rev: stored.doc._rev,
    before: stored.record,
    createMid: stored.doc.nbCreateMid,
    creation: creationOf(stored.doc),
    finish: (record) => applied(mutation, actor, record),
    log: (record) => statusLogOf(outcome, record as LogParent, mutation, actor),
  };
}

/** The `status` entry of a move, stamped when it is made (after the record was written). */
function statusLogOf(
  outcome: Extract<Parameters<typeof transitionLog>[0], { ok: true }>,
  record: LogParent,
  mutation: TransitionMutation,
  actor: Actor,
): AnyRecord {
  const log = transitionLog(
    { ...outcome, record },
    mutation,
    actor.userId,
    new Date().toISOString(),
  );
  if (!log) throw new Error('a transition that moved the record has no status entry');
  return log;
}

async function decideArchive(grounds: Grounds, mutation: ArchiveMutation): Promise<Decision> {
  const { actor } = grounds;
  const stored = await loadStored(grounds, mutation);
  if (!stored) return { answer: reject(mutation.mid, 'not_found') };
  const outcome = archiveRecord(actor, stored.record, new Date().toISOString());
  if (!outcome.ok) {
    const visible = visibleOf(stored.record, actor);
    return { answer: reject(mutation.mid, outcome.code, { record: visible }) };
  }
  if (!outcome.changed) return { answer: applied(mutation, actor, stored.record) };
  return {
    write: outcome.record,
    rev: stored.doc._rev,
    before: stored.record,
    createMid: stored.doc.nbCreateMid,
    creation: creationOf(stored.doc),
    finish: (record) => applied(mutation, actor, record),
  };
}
