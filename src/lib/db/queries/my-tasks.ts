import { type Request, type Task } from '../../domain';
import { db } from '../database';
import { NO_DAY, toWire } from '../local-fields';
import { getMeta } from '../meta';
import { pendingRecordIds } from '../outbox';

export type MyTaskItem =
  | { kind: 'request'; record: Request; day: string | null; groupName: string; pending: boolean }
  | { kind: 'task'; record: Task; day: string | null; groupName: string; pending: boolean };

export interface MyTasks {
  /** Due or needed today or earlier (overdue stays here until done). */
  today: MyTaskItem[];
  /** Later, or with no date. */
  upcoming: MyTaskItem[];
  /** Done or cancelled, most recent first (at most `doneLimit`). */
  done: MyTaskItem[];
}

const ACTIVE = new Set(['claimed', 'in_progress', 'open', 'new']);

/**
 * What I claimed or was assigned, across all my groups: requests (by needed-by) and tasks
 * (by due day), via the `assigneeId` indexes. `today` is the device's calendar day
 * (`YYYY-MM-DD`, pass the clock's). No date counts as upcoming. Device only: works offline.
 */
export async function listMyTasks(today: string, doneLimit = 50): Promise<MyTasks> {
  const userId = (await getMeta('session'))?.user.id;
  const result: MyTasks = { today: [], upcoming: [], done: [] };
  if (!userId) return result;
  const database = db();
  const [requests, tasks, pending] = await Promise.all([
    database.requests.where('assigneeId').equals(userId).toArray(),
    database.tasks.where('assigneeId').equals(userId).toArray(),
    pendingRecordIds(),
  ]);
  const groupIds = [...new Set([...requests, ...tasks].map((r) => r.groupId))];
  const groups = await database.groups.bulkGet(groupIds);
  const names = new Map(groupIds.map((id, i) => [id, groups[i]?.name ?? '']));
  const items: MyTaskItem[] = [
    ...requests
      .filter((r) => !r.archived)
      .map((r) => ({
        kind: 'request' as const,
        record: toWire(r) as Request,
        day: r.neededBy,
        groupName: names.get(r.groupId) ?? '',
        pending: pending.has(r.id),
      })),
    ...tasks
      .filter((t) => !t.archived)
      .map((t) => ({
        kind: 'task' as const,
        record: toWire(t) as Task,
        day: t.due,
        groupName: names.get(t.groupId) ?? '',
        pending: pending.has(t.id),
      })),
  ];
  for (const item of items) {
    if (!ACTIVE.has(item.record.status)) result.done.push(item);
    else if (item.day !== null && item.day <= today) result.today.push(item);
    else result.upcoming.push(item);
  }
  const byDay = (a: MyTaskItem, b: MyTaskItem) => {
    const da = a.day ?? NO_DAY;
    const db_ = b.day ?? NO_DAY;
    return da < db_ ? -1 : da > db_ ? 1 : a.record.createdAt.localeCompare(b.record.createdAt);
  };
  result.today.sort(byDay);
  result.upcoming.sort(byDay);
  result.done.sort((a, b) => b.record.updatedAt.localeCompare(a.record.updatedAt));
  result.done = result.done.slice(0, doneLimit);
  return result;
}
