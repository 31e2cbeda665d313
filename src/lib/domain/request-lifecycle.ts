import type { Actor } from './actor';
import { isActiveMember, isCoordinator } from './actor';
import type { Group } from './group';
import type { Request, RequestStatus } from './request';

export const REQUEST_ACTIONS = [
  'approve',
  'claim',
  'assign',
  'release',
  'start',
  'complete',
  'cancel',
  'reopen',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

interface TransitionRule {
  action: RequestAction;
  from: readonly RequestStatus[];
  to: RequestStatus;
}

/** DESIGN.md's request lifecycle; every transition also appends a `status` log entry. */
export const REQUEST_TRANSITIONS: readonly TransitionRule[] = [
  { action: 'approve', from: ['new'], to: 'open' },
  { action: 'claim', from: ['open'], to: 'claimed' },
  { action: 'assign', from: ['open', 'claimed', 'in_progress'], to: 'claimed' },
  { action: 'release', from: ['claimed', 'in_progress'], to: 'open' },
  { action: 'start', from: ['claimed'], to: 'in_progress' },
  { action: 'complete', from: ['claimed', 'in_progress'], to: 'done' },
  { action: 'cancel', from: ['new', 'open', 'claimed', 'in_progress'], to: 'cancelled' },
  { action: 'reopen', from: ['done', 'cancelled'], to: 'open' },
];

export function requestTransition(action: RequestAction): TransitionRule {
  const rule = REQUEST_TRANSITIONS.find((t) => t.action === action);
  if (!rule) throw new Error(`unknown request action ${action}`);
  return rule;
}

/** The status a new request starts in, by the group's setting. */
export function initialRequestStatus(
  group: Pick<Group, 'requestsNeedApproval'>,
  actor: Actor,
): RequestStatus {
  return group.requestsNeedApproval && !isCoordinator(actor) ? 'new' : 'open';
}

/**
 * Which action a `transition` mutation means, read against the STORED status (the server's)
 * or the local one (the app's optimistic check). A claim of your own name is `claim`;
 * naming someone else, or reassigning, is `assign`.
 */
export function requestActionFor(
  stored: Pick<Request, 'status' | 'assigneeId'>,
  to: RequestStatus,
  assigneeId: string | null | undefined,
  actorId: string,
): RequestAction | null {
  if (to === 'claimed') {
    if (stored.status === 'open' && (assigneeId ?? actorId) === actorId) return 'claim';
    return REQUEST_TRANSITIONS.find((t) => t.action === 'assign')!.from.includes(stored.status)
      ? 'assign'
      : null;
  }
  const rule = REQUEST_TRANSITIONS.find(
    (t) =>
      t.to === to &&
      t.action !== 'claim' &&
      t.action !== 'assign' &&
      t.from.includes(stored.status),
  );
  return rule?.action ?? null;
}

export type Decision =
  | { ok: true }
  | { ok: false; code: 'forbidden' | 'illegal_transition' | 'already_claimed' | 'invalid' };

/**
 * May `actor` take `action` on `request` in `group` now? Checks the lifecycle and the
 * permission table together, so the app's buttons and the server's verdicts never disagree.
 */
export function decideRequestAction(
  actor: Actor,
  action: RequestAction,
  request: Pick<Request, 'status' | 'assigneeId' | 'requesterId'>,
  group: Pick<Group, 'claiming'>,
  assigneeId?: string | null,
): Decision {
  if (!isActiveMember(actor)) return { ok: false, code: 'forbidden' };
  const rule = requestTransition(action);
  if (!rule.from.includes(request.status)) {
    if (
      action === 'claim' &&
      request.status !== 'open' &&
      request.assigneeId &&
      request.assigneeId !== actor.userId
    ) {
      return { ok: false, code: 'already_claimed' };
    }
    return { ok: false, code: 'illegal_transition' };
  }
  const coordinator = isCoordinator(actor);
  const isRequester = request.requesterId === actor.userId;
  const isAssignee = request.assigneeId !== null && request.assigneeId === actor.userId;
  switch (action) {
    case 'approve':
    case 'reopen':
      return coordinator ? { ok: true } : { ok: false, code: 'forbidden' };
    case 'assign':
      if (!coordinator) {
        if (assigneeId !== actor.userId) return { ok: false, code: 'forbidden' };
        return request.assigneeId && !isAssignee
          ? { ok: false, code: 'already_claimed' }
          : { ok: false, code: 'illegal_transition' };
      }
      return assigneeId ? { ok: true } : { ok: false, code: 'invalid' };
    case 'claim':
      if (isRequester) return { ok: false, code: 'forbidden' };
      return coordinator || group.claiming === 'anyone'
        ? { ok: true }
        : { ok: false, code: 'forbidden' };
    case 'release':
    case 'start':
    case 'complete':
      return coordinator || isAssignee ? { ok: true } : { ok: false, code: 'forbidden' };
    case 'cancel':
      return coordinator || isRequester ? { ok: true } : { ok: false, code: 'forbidden' };
  }
}

/** The actions to offer as buttons: exactly what `decideRequestAction` would allow. */
export function availableRequestActions(
  actor: Actor,
  request: Pick<Request, 'status' | 'assigneeId' | 'requesterId'>,
  group: Pick<Group, 'claiming'>,
): RequestAction[] {
  return REQUEST_ACTIONS.filter(
    (action) =>
      decideRequestAction(
        actor,
        action,
        request,
        group,
        action === 'assign' ? actor.userId : undefined,
      ).ok,
  );
}
