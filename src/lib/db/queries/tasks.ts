import {
  TASK_STATUSES,
  availableTaskActions,
  can,
  isCoordinator,
  type Group,
  type Log,
  type Task,
  type TaskAction,
  type TaskStatus,
} from '../../domain';
import { db } from '../database';
import { NO_DAY, toWire } from '../local-fields';
import { pendingRecordIds } from '../outbox';
import { getGroup } from './groups';
import type { TimelineEntry } from './request-detail';

export type TaskItem = Task & { pending: boolean };

/**
 * A group's tasks (open and claimed by default), by due day (undated last), then creation.
 * One indexed read per status; device only, works offline.
 */
export async function listGroupTasks(
  groupId: string,
  statuses: readonly TaskStatus[] = ['open', 'claimed'],
): Promise<TaskItem[]> {
  const wanted = statuses.length ? statuses : TASK_STATUSES;
  const [lists, pending] = await Promise.all([
    Promise.all(
      wanted.map((status) =>
        db().tasks.where('[groupId+status]').equals([groupId, status]).toArray(),
      ),
    ),
    pendingRecordIds(),
  ]);
  return lists
    .flat()
    .filter((t) => !t.archived)
    .sort(
      (a, b) =>
        (a.due ?? NO_DAY).localeCompare(b.due ?? NO_DAY) || a.createdAt.localeCompare(b.createdAt),
    )
    .map((t) => ({ ...(toWire(t) as Task), pending: pending.has(t.id) }));
}

/** One task (null when not on this device). */
export async function getTask(id: string): Promise<TaskItem | null> {
  const [row, pending] = await Promise.all([db().tasks.get(id), pendingRecordIds()]);
  return row ? { ...(toWire(row) as Task), pending: pending.has(row.id) } : null;
}

export type JobItem = TaskItem & {
  /** Exactly the moves my role, the group's settings and the status allow. */
  actions: TaskAction[];
};

export interface GroupJobs {
  /** Open and claimed jobs (not tied to a request), by due day. */
  active: JobItem[];
  /** Done or cancelled, most recently changed first (at most `doneLimit`). */
  finished: JobItem[];
  /** May I add a job here (coordinators). */
  canCreate: boolean;
}

/**
 * The group's jobs: tasks that belong to no request (a pantry shift, flyering). Reads
 * the `[groupId+status]` index per status; device only, works offline.
 */
export async function listGroupJobs(groupId: string, doneLimit = 20): Promise<GroupJobs> {
  const [view, lists, pending] = await Promise.all([
    getGroup(groupId),
    Promise.all(
      TASK_STATUSES.map((status) =>
        db().tasks.where('[groupId+status]').equals([groupId, status]).toArray(),
      ),
    ),
    pendingRecordIds(),
  ]);
  const actor = view?.actor ?? null;
  const group = view?.group ?? null;
  const items = lists
    .flat()
    .filter((t) => !t.archived && t.requestId === null)
    .map((t): JobItem => {
      const task = toWire(t) as Task;
      return {
        ...task,
        pending: pending.has(t.id),
        actions: actor && group ? availableTaskActions(actor, task, group) : [],
      };
    });
  const active = items
    .filter((t) => t.status === 'open' || t.status === 'claimed')
    .sort(
      (a, b) =>
        (a.due ?? NO_DAY).localeCompare(b.due ?? NO_DAY) || a.createdAt.localeCompare(b.createdAt),
    );
  const finished = items
    .filter((t) => t.status === 'done' || t.status === 'cancelled')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, doneLimit);
  return { active, finished, canCreate: actor !== null && isCoordinator(actor) };
}

export interface JobDetail {
  task: TaskItem;
  group: Group | null;
  actions: TaskAction[];
  /** Its log, oldest first; entries not yet synced are marked. */
  timeline: TimelineEntry[];
  canLog: boolean;
  /** Display names of the people in it (assignee, creator, log authors) by user id. */
  names: Record<string, string>;
}

/** One job with its log and what I may do with it; null when not on this device. */
export async function getJobDetail(id: string): Promise<JobDetail | null> {
  const database = db();
  const row = await database.tasks.get(id);
  if (!row) return null;
  const task = toWire(row) as Task;
  const [view, logs, pending] = await Promise.all([
    getGroup(task.groupId),
    database.logs.where('[parentId+at]').between([id, ''], [id, '\uffff']).toArray(),
    pendingRecordIds(),
  ]);
  const actor = view?.actor ?? null;
  const group = view?.group ?? null;
  const people = new Set<string>([task.createdBy, ...logs.map((l) => l.createdBy)]);
  if (task.assigneeId) people.add(task.assigneeId);
  const members = await database.memberships
    .where('[groupId+userId]')
    .anyOf([...people].map((u) => [task.groupId, u]))
    .toArray();
  return {
    task: { ...task, pending: pending.has(id) },
    group,
    actions: actor && group ? availableTaskActions(actor, task, group) : [],
    timeline: logs.map((l) => ({ ...(toWire(l) as Log), pending: pending.has(l.id) })),
    canLog: actor ? can(actor, 'append_log', task) : false,
    names: Object.fromEntries(members.map((mb) => [mb.userId, mb.displayName])),
  };
}
