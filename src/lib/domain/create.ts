import type { Actor } from './actor';
import type { Group } from './group';
import { decideHelpAction, type HelpAction } from './help-offers';
import {
  isHelpOfferKind,
  type HelpOfferKind,
  type LifecycleAction,
  type LifecycleStatus,
  type Log,
} from './log';
import { misfitErrors, opMisfit } from './mutation-fit';
import { can, type GroupRules, type LogParent } from './permissions';
import { parseRecord, type AnyRecord } from './record';
import type { RecordType } from './record-base';
import { initialRequestStatus } from './request-lifecycle';
import type { MemberCheck } from './transition';
import type { FieldError } from './validation';

export type CreateOutcome<R> =
  { ok: true; record: R } | { ok: false; code: 'forbidden' | 'invalid'; errors?: FieldError[] };

/**
 * Validate a new record made by `actor` and fix what only the rules decide: authorship,
 * server time, the starting status. Used for the optimistic write and on the server.
 * `isMember` answers whether a task's named assignee is an active member of the group.
 */
export function prepareCreate(
  actor: Actor,
  type: RecordType,
  input: unknown,
  group: Pick<Group, 'id' | 'requestsNeedApproval'>,
  now: string,
  isMember: MemberCheck,
): CreateOutcome<AnyRecord> {
  const misfit = opMisfit('create', type);
  if (misfit) return { ok: false, code: 'invalid', errors: misfitErrors(misfit) };
  const parsed = parseRecord(type, input);
  if (!parsed.ok) return { ok: false, code: 'invalid', errors: parsed.errors };
  const record = parsed.value;
  if (record.groupId !== group.id)
    return { ok: false, code: 'invalid', errors: [{ path: 'groupId', code: 'invalid_format' }] };
  if (record.createdBy !== actor.userId)
    return { ok: false, code: 'forbidden', errors: [{ path: 'createdBy', code: 'forbidden' }] };
  if (!can(actor, 'create', record)) return { ok: false, code: 'forbidden' };
  const fixed = { ...record, updatedAt: now, archived: false } as AnyRecord;
  delete (fixed as { rev?: string }).rev;
  if (fixed.type === 'request') {
    fixed.status = initialRequestStatus(group, actor);
    fixed.assigneeId = null;
    fixed.closeReason = null;
    fixed.closeNote = '';
  }
  if (fixed.type === 'offer' && fixed.status === 'closed') {
    return { ok: false, code: 'invalid', errors: [{ path: 'status', code: 'invalid_choice' }] };
  }
  if (fixed.type === 'task' && fixed.assigneeId === null && fixed.status !== 'open') {
    fixed.status = 'open';
  }
  if (fixed.type === 'task' && fixed.assigneeId !== null) {
    if (fixed.assigneeId !== actor.userId && !isMember(fixed.assigneeId)) {
      return { ok: false, code: 'invalid', errors: [{ path: 'assigneeId', code: 'not_a_member' }] };
    }
    fixed.status = 'claimed';
  }
  return { ok: true, record: fixed };
}

export type AppendOutcome =
  | { ok: true; record: Log }
  | { ok: false; code: 'forbidden' | 'invalid' | 'illegal_transition'; errors?: FieldError[] };

const HELP_ACTION_OF: Record<HelpOfferKind, HelpAction> = {
  offer: 'offer_help',
  offer_withdrawn: 'withdraw_offer',
};

/**
 * Validate a log entry appended by `actor` to `parent`. `status` entries are written by the
 * rules themselves on each transition, never by a person. An offer to help (or its
 * withdrawal) is judged by `decideHelpAction` under the group's `claiming` (so `group` is
 * needed for those; without it they are refused); every other kind by `append_log`.
 */
export function prepareAppend(
  actor: Actor,
  input: unknown,
  parent: LogParent | null,
  group: GroupRules | undefined,
  now: string,
): AppendOutcome {
  const parsed = parseRecord('log', input);
  if (!parsed.ok) return { ok: false, code: 'invalid', errors: parsed.errors };
  const log = parsed.value;
  if (!parent || parent.id !== log.parentId || parent.groupId !== log.groupId) {
    return { ok: false, code: 'invalid', errors: [{ path: 'parentId', code: 'not_found' }] };
  }
  if (log.createdBy !== actor.userId || log.kind === 'status')
    return { ok: false, code: 'forbidden' };
  if (isHelpOfferKind(log.kind)) {
    if (!group) return { ok: false, code: 'forbidden' };
    const decision = decideHelpAction(actor, HELP_ACTION_OF[log.kind], parent, group);
    if (!decision.ok) return { ok: false, code: decision.code };
  } else if (!can(actor, 'append_log', parent)) {
    return { ok: false, code: 'forbidden' };
  }
  const fixed: Log = { ...log, updatedAt: now, archived: false };
  delete fixed.rev;
  return { ok: true, record: fixed };
}

/** The `status` log entry that records a transition, written alongside it. */
export function statusLog(args: {
  id: string;
  parent: LogParent;
  actorId: string;
  from: LifecycleStatus;
  to: LifecycleStatus;
  action: LifecycleAction;
  note?: string;
  now: string;
}): Log {
  return {
    id: args.id,
    type: 'log',
    groupId: args.parent.groupId,
    createdAt: args.now,
    createdBy: args.actorId,
    updatedAt: args.now,
    archived: false,
    parentId: args.parent.id,
    kind: 'status',
    text: args.note ?? '',
    minutes: null,
    amount: null,
    at: args.now,
    transition: { from: args.from, to: args.to, action: args.action },
  };
}
