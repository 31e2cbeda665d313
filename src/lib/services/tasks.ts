import {
  TASK_EDITABLE_FIELDS,
  newId,
  type Task,
  type TaskAction,
  type TaskStatus,
} from '../domain';
import { mutationBase } from './mutation';
import { fail, type ServiceResult } from './result';
import { updateRecord } from './update-record';
import { readRecord, writeLocal } from './write';

type ChecklistItem = Task['checklist'][number];

export interface TaskDraft {
  title: string;
  details?: string;
  checklist?: ChecklistItem[];
  /** `YYYY-MM-DD`; '' or null for none. */
  due?: string | null;
  /** The request this job belongs to, or none for a group job (a pantry shift). */
  requestId?: string | null;
  /** Assign at once (then it starts `claimed`). */
  assigneeId?: string | null;
}

/** Create a group task (coordinators). Offline: stored at once, pushed later. */
export async function createTask(groupId: string, draft: TaskDraft): Promise<ServiceResult<Task>> {
  return writeLocal<Task>(groupId, async ({ user, group }, now) => {
    if (!group) return fail('not_found');
    const record = {
      id: newId(),
      type: 'task' as const,
      groupId,
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
      archived: false,
      requestId: draft.requestId ?? null,
      title: draft.title,
      details: draft.details ?? '',
      checklist: draft.checklist ?? [],
      due: draft.due ? draft.due : null,
      assigneeId: draft.assigneeId ?? null,
      status: 'open' as const,
    };
    return { stored: undefined, mutation: { ...mutationBase(record, now), op: 'create', record } };
  });
}

/** Edit a task's title, details, checklist or due day (changed fields only). */
export function updateTask(
  id: string,
  values: Partial<Pick<TaskDraft, 'title' | 'details' | 'checklist' | 'due'>>,
): Promise<ServiceResult<Task>> {
  const normal = { ...values, ...('due' in values ? { due: values.due ? values.due : null } : {}) };
  return updateRecord('task', id, normal, TASK_EDITABLE_FIELDS);
}

export const TASK_ACTION_TARGET: Record<TaskAction, TaskStatus> = {
  claim: 'claimed',
  assign: 'claimed',
  release: 'open',
  complete: 'done',
  cancel: 'cancelled',
  reopen: 'open',
};

/**
 * Claim, assign, release, complete, cancel or reopen a task via `applyTaskTransition`;
 * writes the task, its `status` log and the outbox entry together. Offline: pending.
 */
export async function transitionTask(
  id: string,
  action: TaskAction,
  options: { assigneeId?: string; note?: string } = {},
): Promise<ServiceResult<Task>> {
  const existing = await readRecord('task', id);
  if (!existing) return fail('not_found');
  return writeLocal<Task>(existing.groupId, async (_ctx, now) => {
    const stored = await readRecord('task', id);
    if (!stored) return fail('not_found');
    return {
      stored,
      mutation: {
        ...mutationBase(stored, now),
        op: 'transition',
        from: stored.status,
        to: TASK_ACTION_TARGET[action],
        ...(options.assigneeId !== undefined ? { assigneeId: options.assigneeId } : {}),
        ...(options.note ? { closeNote: options.note } : {}),
        logId: newId(),
      },
    };
  });
}
