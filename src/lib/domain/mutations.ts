import type { Actor } from './actor';
import { statusLog } from './create';
import type { Log, LifecycleStatus } from './log';
import { can, type GroupRules, type LogParent } from './permissions';
import type { AnyRecord } from './record';
import { misfitErrors } from './mutation-fit';
import type { CloseReason } from './request';
import { REQUEST_STATUSES } from './request';
import {
  actionBetween,
  applyRequestTransition,
  applyTaskTransition,
  type MemberCheck,
  type TransitionInput,
  type TransitionOutcome,
} from './transition';

/*
 * The parts of judging a mutation that do not depend on where it is judged: the phone's
 * optimistic write and rebase (services/apply-local.ts) and the server's authoritative
 * decision (sync-server/sync/decide-mutation.ts) both call these, so a mutation is refused
 * with the same code on both (see also mutation-fit.ts). The shapes below are what the
 * protocol's mutations carry; the domain does not import the protocol, which is built on it.
 */

/** A `transition` mutation's ask. */
export interface TransitionAsk {
  from: string;
  to: string;
  assigneeId?: string | null | undefined;
  closeReason?: CloseReason | null | undefined;
  closeNote?: string | undefined;
  /** Id of the `status` log entry the transition appends. */
  logId: string;
}

/** What the lifecycle functions take from a `transition` mutation. */
export function transitionInputOf(ask: TransitionAsk): TransitionInput {
  return {
    to: ask.to,
    expectedFrom: ask.from,
    ...(ask.assigneeId !== undefined ? { assigneeId: ask.assigneeId } : {}),
    ...(ask.closeReason !== undefined ? { closeReason: ask.closeReason } : {}),
    ...(ask.closeNote !== undefined ? { closeNote: ask.closeNote } : {}),
  };
}

export type LifecycleRecord = Extract<AnyRecord, { type: 'request' | 'task' }>;

/** A `transition` mutation on the stored record, by the request or the task lifecycle. */
export function applyTransitionAsk(
  actor: Actor,
  stored: AnyRecord,
  group: GroupRules,
  ask: TransitionAsk,
  now: string,
  isMember: MemberCheck,
): TransitionOutcome<LifecycleRecord> {
  const input = transitionInputOf(ask);
  if (stored.type === 'request') {
    return applyRequestTransition(actor, stored, group, input, now, isMember);
  }
  if (stored.type === 'task')
    return applyTaskTransition(actor, stored, group, input, now, isMember);
  return { ok: false, code: 'invalid', errors: misfitErrors('no_lifecycle') };
}

/** The `status` entry a transition that moved the record appends (null for a replay). */
export function transitionLog(
  outcome: TransitionOutcome<LifecycleRecord>,
  ask: TransitionAsk,
  actorId: string,
  now: string,
): Log | null {
  if (!outcome.ok || !outcome.changed || !outcome.action) return null;
  return statusLog({
    id: ask.logId,
    parent: outcome.record,
    actorId,
    from: outcome.from,
    to: outcome.record.status,
    action: outcome.action,
    ...(ask.closeNote ? { note: ask.closeNote } : {}),
    now,
  });
}

const STATUSES: ReadonlySet<string> = new Set(REQUEST_STATUSES);

/**
 * The `status` entry of a transition that `record` shows was already made (a replay whose
 * first try stored the record but not its entry): the move from the author's `from` to
 * where the record is. Null when the mutation names no real status or no move fits.
 */
export function replayedTransitionLog(
  record: LogParent,
  ask: TransitionAsk,
  actorId: string,
  now: string,
): Log | null {
  if (!STATUSES.has(ask.from)) return null;
  const action = actionBetween(record.type, ask.from, record.status, ask.assigneeId, actorId);
  if (!action) return null;
  return statusLog({
    id: ask.logId,
    parent: record,
    actorId,
    from: ask.from as LifecycleStatus,
    to: record.status,
    action,
    ...(ask.closeNote ? { note: ask.closeNote } : {}),
    now,
  });
}

export type ArchiveOutcome =
  { ok: true; changed: boolean; record: AnyRecord } | { ok: false; code: 'forbidden' };

/**
 * Archive (soft-delete) the stored record. Permission first: someone who may not archive it
 * is told so even when it already is archived, rather than that their archive applied.
 */
export function archiveRecord(actor: Actor, stored: AnyRecord, now: string): ArchiveOutcome {
  if (!can(actor, 'archive', stored)) return { ok: false, code: 'forbidden' };
  if (stored.archived) return { ok: true, changed: false, record: stored };
  return { ok: true, changed: true, record: { ...stored, archived: true, updatedAt: now } };
}
