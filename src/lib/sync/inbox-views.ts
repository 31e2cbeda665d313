import { db } from '$lib/db/database';
import { listBoard } from '$lib/db/queries/board';
import type { ConflictEntry } from '$lib/db/rows';
import type { RecordType } from '$lib/domain';
import type { SyncNotice } from './sync-notice';

/** Where a record is shown, and what to call it. */
export interface RecordRef {
  title: string | null;
  href: string | null;
}

export interface NoticeView {
  notice: SyncNotice;
  record: RecordRef;
  /** For a lost claim: other open requests of the group the member could take instead. */
  others: { id: string; title: string; href: string }[];
}

export interface ConflictGroup {
  recordId: string;
  type: RecordType;
  groupId: string;
  record: RecordRef;
  conflicts: ConflictEntry[];
}

const requestHref = (groupId: string, id: string) => `/g/${groupId}/requests/${id}`;

/** The record a notice or conflict is about, as the device has it now (it may be gone). */
async function recordRef(recordId: string, type?: RecordType): Promise<RecordRef> {
  const database = db();
  if (!type || type === 'request') {
    const request = await database.requests.get(recordId);
    if (request) return { title: request.title, href: requestHref(request.groupId, request.id) };
  }
  if (!type || type === 'offer') {
    const offer = await database.offers.get(recordId);
    if (offer) return { title: offer.title, href: `/g/${offer.groupId}/offers` };
  }
  if (!type || type === 'task') {
    const task = await database.tasks.get(recordId);
    if (task) return { title: task.title, href: '/tasks' };
  }
  if (!type || type === 'log') {
    const log = await database.logs.get(recordId);
    if (log) return recordRef(log.parentId);
  }
  if (type === 'group') {
    const group = await database.groups.get(recordId);
    if (group) return { title: group.name, href: `/g/${group.id}/settings` };
  }
  if (type === 'membership') {
    const membership = await database.memberships.get(recordId);
    if (membership) return { title: membership.displayName, href: '/settings' };
  }
  return { title: null, href: null };
}

/**
 * Unread notices, newest first, with the record's current title and, for a claim someone
 * else won, up to three other open requests of the group (DESIGN.md: the author is told
 * who holds it and shown other open requests).
 */
export async function listNoticeViews(limit = 10): Promise<NoticeView[]> {
  const notices = ((await db().notices.orderBy('createdAt').reverse().toArray()) as SyncNotice[])
    .filter((notice) => !notice.read)
    .slice(0, limit);
  return Promise.all(
    notices.map(async (notice) => {
      const record = await recordRef(notice.recordId);
      let others: NoticeView['others'] = [];
      if (notice.code === 'already_claimed') {
        const board = await listBoard(notice.groupId, { statuses: ['open'] }, { limit: 4 });
        others = board.items
          .filter((item) => item.id !== notice.recordId)
          .slice(0, 3)
          .map((item) => ({
            id: item.id,
            title: item.title,
            href: requestHref(item.groupId, item.id),
          }));
      }
      return { notice, record, others };
    }),
  );
}

/** Conflicts waiting for a choice, grouped per record (oldest first). */
export async function listConflictGroups(): Promise<ConflictGroup[]> {
  const conflicts = await db().conflicts.orderBy('id').toArray();
  const groups = new Map<string, ConflictGroup>();
  for (const conflict of conflicts) {
    let group = groups.get(conflict.recordId);
    if (!group) {
      group = {
        recordId: conflict.recordId,
        type: conflict.type,
        groupId: conflict.groupId,
        record: { title: null, href: null },
        conflicts: [],
      };
      groups.set(conflict.recordId, group);
    }
    group.conflicts.push(conflict);
  }
  for (const group of groups.values()) group.record = await recordRef(group.recordId, group.type);
  return [...groups.values()];
}

/** The user has read a notice (it leaves the list; it stays in the database). */
export async function markNoticeRead(id: number): Promise<void> {
  await db().notices.update(id, { read: true });
}
