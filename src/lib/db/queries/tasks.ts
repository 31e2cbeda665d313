import { TASK_STATUSES, type Task, type TaskStatus } from '../../domain';
import { db } from '../database';
import { NO_DAY, toWire } from '../local-fields';
import { pendingRecordIds } from '../outbox';

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
