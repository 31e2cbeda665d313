import {
  availableRequestActions,
  availableTaskActions,
  type Actor,
  type Group,
  type Request,
  type RequestAction,
  type Task,
  type TaskAction,
} from '../../domain';
import { db } from '../database';
import { NO_DAY, toWire } from '../local-fields';
import { getMeta } from '../meta';
import { pendingRecordIds } from '../outbox';

interface ItemBase {
  day: string | null;
  groupName: string;
  pending: boolean;
}

/**
 * `next`: the forward moves the domain allows me now (start, then mark done), in that order;
 * empty when none is open to me (e.g. done, or my membership is not active).
 */
export type MyTaskItem =
  | (ItemBase & { kind: 'request'; record: Request; next: RequestAction[] })
  | (ItemBase & { kind: 'task'; record: Task; next: TaskAction[] });

/** What "My tasks" offers next to the quick log: moving the errand forward, never back. */
const REQUEST_FORWARD: readonly RequestAction[] = ['start', 'complete'];
const TASK_FORWARD: readonly TaskAction[] = ['complete'];

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
  const [requests, tasks, pending, memberships, summaries] = await Promise.all([
    database.requests.where('assigneeId').equals(userId).toArray(),
    database.tasks.where('assigneeId').equals(userId).toArray(),
    pendingRecordIds(),
    database.memberships.where('userId').equals(userId).toArray(),
    getMeta('memberships'),
  ]);
  const groupIds = [...new Set([...requests, ...tasks].map((r) => r.groupId))];
  const groups = await database.groups.bulkGet(groupIds);
  const names = new Map(groupIds.map((id, i) => [id, groups[i]?.name ?? '']));
  const groupById = new Map<string, Group>();
  groups.forEach((g) => g && groupById.set(g.id, g));
  // As getGroup does: my membership record if pulled, else what `/me` last said.
  const actors = new Map<string, Actor>();
  for (const groupId of groupIds) {
    const row = memberships.find((mb) => mb.groupId === groupId && !mb.archived);
    const summary = summaries?.memberships.find((s) => s.groupId === groupId);
    const role = row?.role ?? summary?.role;
    const status = row?.status ?? summary?.status;
    actors.set(groupId, { userId, membership: role && status ? { role, status } : null });
  }
  const nextFor = <A extends string>(
    groupId: string,
    allowed: (actor: Actor, group: Group) => A[],
    forward: readonly A[],
  ): A[] => {
    const actor = actors.get(groupId);
    const group = groupById.get(groupId);
    if (!actor || !group) return [];
    const open = allowed(actor, group);
    return forward.filter((a) => open.includes(a));
  };
  const items: MyTaskItem[] = [
    ...requests
      .filter((r) => !r.archived)
      .map((r) => ({
        kind: 'request' as const,
        record: toWire(r) as Request,
        day: r.neededBy,
        groupName: names.get(r.groupId) ?? '',
        pending: pending.has(r.id),
        next: nextFor(
          r.groupId,
          (actor, group) => availableRequestActions(actor, r, group),
          REQUEST_FORWARD,
        ),
      })),
    ...tasks
      .filter((t) => !t.archived)
      .map((t) => ({
        kind: 'task' as const,
        record: toWire(t) as Task,
        day: t.due,
        groupName: names.get(t.groupId) ?? '',
        pending: pending.has(t.id),
        next: nextFor(
          t.groupId,
          (actor, group) => availableTaskActions(actor, t, group),
          TASK_FORWARD,
        ),
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
