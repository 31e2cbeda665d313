import type { Actor } from './actor';
import { isActiveMember, isCoordinator } from './actor';
import type { Group } from './group';
import type { Task, TaskStatus } from './task';
import type { Decision } from './request-lifecycle';

export const TASK_ACTIONS = ['claim', 'assign', 'release', 'complete', 'cancel', 'reopen'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

interface TaskRule {
  action: TaskAction;
  from: readonly TaskStatus[];
  to: TaskStatus;
}

export const TASK_TRANSITIONS: readonly TaskRule[] = [
  { action: 'claim', from: ['open'], to: 'claimed' },
  { action: 'assign', from: ['open', 'claimed'], to: 'claimed' },
  { action: 'release', from: ['claimed'], to: 'open' },
  { action: 'complete', from: ['claimed'], to: 'done' },
  { action: 'cancel', from: ['open', 'claimed'], to: 'cancelled' },
  { action: 'reopen', from: ['done', 'cancelled'], to: 'open' },
];

export function taskActionFor(
  stored: Pick<Task, 'status' | 'assigneeId'>,
  to: TaskStatus,
  assigneeId: string | null | undefined,
  actorId: string,
): TaskAction | null {
  if (to === 'claimed') {
    if (stored.status === 'open' && (assigneeId ?? actorId) === actorId) return 'claim';
    return stored.status === 'open' || stored.status === 'claimed' ? 'assign' : null;
  }
  const rule = TASK_TRANSITIONS.find(
    (t) =>
      t.to === to &&
      t.action !== 'claim' &&
      t.action !== 'assign' &&
      t.from.includes(stored.status),
  );
  return rule?.action ?? null;
}

/** Tasks are group jobs: coordinators create and assign them, members pick them up. */
export function decideTaskAction(
  actor: Actor,
  action: TaskAction,
  task: Pick<Task, 'status' | 'assigneeId' | 'createdBy'>,
  group: Pick<Group, 'claiming'>,
  assigneeId?: string | null,
): Decision {
  if (!isActiveMember(actor)) return { ok: false, code: 'forbidden' };
  const rule = TASK_TRANSITIONS.find((t) => t.action === action)!;
  if (!rule.from.includes(task.status)) {
    if (action === 'claim' && task.assigneeId && task.assigneeId !== actor.userId) {
      return { ok: false, code: 'already_claimed' };
    }
    return { ok: false, code: 'illegal_transition' };
  }
  const coordinator = isCoordinator(actor);
  const isAssignee = task.assigneeId !== null && task.assigneeId === actor.userId;
  switch (action) {
    case 'claim':
      return coordinator || group.claiming === 'anyone'
        ? { ok: true }
        : { ok: false, code: 'forbidden' };
    case 'assign':
      if (!coordinator) {
        if (assigneeId !== actor.userId) return { ok: false, code: 'forbidden' };
        return task.assigneeId && !isAssignee
          ? { ok: false, code: 'already_claimed' }
          : { ok: false, code: 'illegal_transition' };
      }
      return assigneeId ? { ok: true } : { ok: false, code: 'invalid' };
    case 'release':
    case 'complete':
      return coordinator || isAssignee ? { ok: true } : { ok: false, code: 'forbidden' };
    case 'cancel':
      return coordinator || task.createdBy === actor.userId
        ? { ok: true }
        : { ok: false, code: 'forbidden' };
    case 'reopen':
      return coordinator ? { ok: true } : { ok: false, code: 'forbidden' };
  }
}

export function availableTaskActions(
  actor: Actor,
  task: Pick<Task, 'status' | 'assigneeId' | 'createdBy'>,
  group: Pick<Group, 'claiming'>,
): TaskAction[] {
  return TASK_ACTIONS.filter(
    (action) =>
      decideTaskAction(actor, action, task, group, action === 'assign' ? actor.userId : undefined)
        .ok,
  );
}
