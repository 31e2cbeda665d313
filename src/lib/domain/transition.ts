import { isActiveMember } from './actor';
import type { Actor } from './actor';
import type { LifecycleAction, LifecycleStatus } from './log';
import type { GroupRules } from './permissions';
import type { CloseReason, Request, RequestStatus } from './request';
import {
  decideRequestAction,
  requestActionFor,
  requestTransition,
  type RequestAction,
} from './request-lifecycle';
import type { Task, TaskStatus } from './task';
import {
  TASK_TRANSITIONS,
  decideTaskAction,
  taskActionFor,
  type TaskAction,
} from './task-lifecycle';
import type { FieldError } from './validation';

/**
 * Whether a user is an active member of the record's group, as the caller knows it: the
 * server from its memberships index, the phone from its membership records.
 */
export type MemberCheck = (userId: string) => boolean;

export interface TransitionInput {
  to: string;
  /**
   * The status the author saw when they asked (a mutation's `from`). If the stored status
   * moved on since, their intent is stale and the move is refused — `already_claimed` when
   * someone else now holds the record they meant to claim, else `illegal_transition` —
   * unless the record already is where they wanted it (a replay, answered as done).
   * Left out, the move is judged on the stored status alone.
   */
  expectedFrom?: string;
  /** For a claim (yourself, may be omitted) or an assignment (someone else). */
  assigneeId?: string | null;
  /** Required when cancelling. */
  closeReason?: CloseReason | null;
  closeNote?: string;
}

export type TransitionCode = 'forbidden' | 'illegal_transition' | 'already_claimed' | 'invalid';

export type TransitionOutcome<R> =
  | {
      ok: true;
      /** False when the record already was in the asked-for state: a replay changes nothing. */
      changed: boolean;
      record: R;
      action: LifecycleAction | null;
      from: LifecycleStatus;
    }
  | {
      ok: false;
      code: TransitionCode;
      /** Who holds it, for `already_claimed`. */
      holderId?: string;
      /** What is wrong with the input, for `invalid` (e.g. an assignee who is no member). */
      errors?: FieldError[];
    };

type Refusal = Extract<TransitionOutcome<never>, { ok: false }>;

interface Lifecycled {
  status: LifecycleStatus;
  assigneeId: string | null;
}

/** The record is already where the author wanted it: same status and, for a claim, holder. */
function alreadyThere(stored: Lifecycled, to: string, wanted: string | undefined): boolean {
  return stored.status === to && (to !== 'claimed' || stored.assigneeId === wanted);
}

function refused(code: TransitionCode, holderId?: string | null): Refusal {
  return holderId ? { ok: false, code, holderId } : { ok: false, code };
}

/** The author's premise is the status they saw: if it moved on, their intent is stale. */
function staleRefusal(actor: Actor, stored: Lifecycled, input: TransitionInput): Refusal | null {
  if (input.expectedFrom === undefined || input.expectedFrom === stored.status) return null;
  if (input.to === 'claimed' && stored.assigneeId && stored.assigneeId !== actor.userId) {
    return refused('already_claimed', stored.assigneeId);
  }
  return refused('illegal_transition');
}

/** Work goes only to active members of the group: never to a stranger or a removed member. */
function assigneeRefusal(
  actor: Actor,
  wanted: string | undefined,
  isMember: MemberCheck,
): Refusal | null {
  if (wanted === undefined || wanted === actor.userId || isMember(wanted)) return null;
  return { ok: false, code: 'invalid', errors: [{ path: 'assigneeId', code: 'not_a_member' }] };
}

/**
 * Apply a transition to the stored request. The one place that decides, for the app's
 * optimistic write and the server's authoritative one alike. `now` is the server's time
 * on the server and the device's on the phone.
 */
export function applyRequestTransition(
  actor: Actor,
  stored: Request,
  group: GroupRules,
  input: TransitionInput,
  now: string,
  isMember: MemberCheck,
): TransitionOutcome<Request> {
  const to = input.to as RequestStatus;
  const wanted = to === 'claimed' ? (input.assigneeId ?? actor.userId) : undefined;
  if (alreadyThere(stored, to, wanted)) {
    if (!isActiveMember(actor)) return refused('forbidden');
    return { ok: true, changed: false, record: stored, action: null, from: stored.status };
  }
  const action = requestActionFor(stored, to, input.assigneeId, actor.userId);
  if (!action) return refused('illegal_transition');
  const decision = decideRequestAction(actor, action, stored, group, wanted);
  if (!decision.ok) {
    return refused(decision.code, decision.code === 'already_claimed' ? stored.assigneeId : null);
  }
  if (action === 'cancel' && !input.closeReason) return refused('invalid');
  const refusal = staleRefusal(actor, stored, input) ?? assigneeRefusal(actor, wanted, isMember);
  if (refusal) return refusal;
  const next: Request = { ...stored, status: requestTransition(action).to, updatedAt: now };
  if (action === 'claim' || action === 'assign') next.assigneeId = wanted ?? null;
  if (action === 'release' || action === 'reopen') next.assigneeId = null;
  if (action === 'cancel') {
    next.closeReason = input.closeReason ?? null;
    next.closeNote = input.closeNote ?? '';
  }
  if (action === 'reopen') {
    next.closeReason = null;
    next.closeNote = '';
  }
  return { ok: true, changed: true, record: next, action, from: stored.status };
}

export function applyTaskTransition(
  actor: Actor,
  stored: Task,
  group: GroupRules,
  input: TransitionInput,
  now: string,
  isMember: MemberCheck,
): TransitionOutcome<Task> {
  const to = input.to as TaskStatus;
  const wanted = to === 'claimed' ? (input.assigneeId ?? actor.userId) : undefined;
  if (alreadyThere(stored, to, wanted)) {
    if (!isActiveMember(actor)) return refused('forbidden');
    return { ok: true, changed: false, record: stored, action: null, from: stored.status };
  }
  const action: TaskAction | null = taskActionFor(stored, to, input.assigneeId, actor.userId);
  if (!action) return refused('illegal_transition');
  const decision = decideTaskAction(actor, action, stored, group, wanted);
  if (!decision.ok) {
    return refused(decision.code, decision.code === 'already_claimed' ? stored.assigneeId : null);
  }
  const refusal = staleRefusal(actor, stored, input) ?? assigneeRefusal(actor, wanted, isMember);
  if (refusal) return refusal;
  const rule = TASK_TRANSITIONS.find((t) => t.action === action)!;
  const next: Task = { ...stored, status: rule.to, updatedAt: now };
  if (action === 'claim' || action === 'assign') next.assigneeId = wanted ?? null;
  if (action === 'release' || action === 'reopen') next.assigneeId = null;
  return { ok: true, changed: true, record: next, action, from: stored.status };
}

/**
 * The action a transition from `from` to `to` was, for a `status` entry written after the
 * fact (the server finishing the log of a replayed transition): null when no move fits.
 */
export function actionBetween(
  type: 'request' | 'task',
  from: string,
  to: string,
  assigneeId: string | null | undefined,
  actorId: string,
): RequestAction | TaskAction | null {
  const before = { status: from as TaskStatus & RequestStatus, assigneeId: null };
  return type === 'request'
    ? requestActionFor(before, to as RequestStatus, assigneeId, actorId)
    : taskActionFor(before, to as TaskStatus, assigneeId, actorId);
}
