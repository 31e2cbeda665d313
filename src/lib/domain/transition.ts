import { isActiveMember } from './actor';
import type { Actor } from './actor';
import type { Group } from './group';
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

export interface TransitionInput {
  to: string;
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
      action: RequestAction | TaskAction | null;
      from: string;
    }
  | {
      ok: false;
      code: TransitionCode;
      /** Who holds it, for `already_claimed`. */ holderId?: string;
    };

/**
 * Apply a transition to the stored request. The one place that decides, for the app's
 * optimistic write and the server's authoritative one alike. `now` is the server's time
 * on the server and the device's on the phone.
 */
export function applyRequestTransition(
  actor: Actor,
  stored: Request,
  group: Pick<Group, 'claiming'>,
  input: TransitionInput,
  now: string,
): TransitionOutcome<Request> {
  const to = input.to as RequestStatus;
  const wanted: string | undefined =
    to === 'claimed' ? (input.assigneeId ?? actor.userId) : undefined;
  if (stored.status === to && (to !== 'claimed' || stored.assigneeId === wanted)) {
    if (!isActiveMember(actor)) return { ok: false, code: 'forbidden' };
    return { ok: true, changed: false, record: stored, action: null, from: stored.status };
  }
  const action = requestActionFor(stored, to, input.assigneeId, actor.userId);
  if (!action) return { ok: false, code: 'illegal_transition' };
  const decision = decideRequestAction(actor, action, stored, group, wanted);
  if (!decision.ok) {
    return decision.code === 'already_claimed'
      ? { ok: false, code: 'already_claimed', holderId: stored.assigneeId ?? undefined }
      : { ok: false, code: decision.code };
  }
  if (action === 'cancel' && !input.closeReason) return { ok: false, code: 'invalid' };
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
  group: Pick<Group, 'claiming'>,
  input: TransitionInput,
  now: string,
): TransitionOutcome<Task> {
  const to = input.to as TaskStatus;
  const wanted: string | undefined =
    to === 'claimed' ? (input.assigneeId ?? actor.userId) : undefined;
  if (stored.status === to && (to !== 'claimed' || stored.assigneeId === wanted)) {
    if (!isActiveMember(actor)) return { ok: false, code: 'forbidden' };
    return { ok: true, changed: false, record: stored, action: null, from: stored.status };
  }
  const action = taskActionFor(stored, to, input.assigneeId, actor.userId);
  if (!action) return { ok: false, code: 'illegal_transition' };
  const decision = decideTaskAction(actor, action, stored, group, wanted);
  if (!decision.ok) {
    return decision.code === 'already_claimed'
      ? { ok: false, code: 'already_claimed', holderId: stored.assigneeId ?? undefined }
      : { ok: false, code: decision.code };
  }
  const rule = TASK_TRANSITIONS.find((t) => t.action === action)!;
  const next: Task = { ...stored, status: rule.to, updatedAt: now };
  if (action === 'claim' || action === 'assign') next.assigneeId = wanted ?? null;
  if (action === 'release' || action === 'reopen') next.assigneeId = null;
  return { ok: true, changed: true, record: next, action, from: stored.status };
}
