import { db } from '../database';
import type { ConflictEntry, NoticeEntry } from '../rows';

/** Fields the server merged differently from my edit, oldest first (the conflict inbox). */
export function listConflicts(groupId?: string): Promise<ConflictEntry[]> {
  const table = db().conflicts;
  return groupId
    ? table.where('groupId').equals(groupId).sortBy('id')
    : table.orderBy('id').toArray();
}

export function conflictCount(): Promise<number> {
  return db().conflicts.count();
}

/** Conflicts of one record (shown on its detail page). */
export function conflictsFor(recordId: string): Promise<ConflictEntry[]> {
  return db().conflicts.where('recordId').equals(recordId).sortBy('id');
}

/** Notices (rejections and the like), newest first; `unreadOnly` for the badge list. */
export async function listNotices(options: { unreadOnly?: boolean } = {}): Promise<NoticeEntry[]> {
  const all = await db().notices.orderBy('createdAt').reverse().toArray();
  return options.unreadOnly ? all.filter((n) => !n.read) : all;
}

export async function unreadNoticeCount(): Promise<number> {
  return db()
    .notices.filter((n) => !n.read)
    .count();
}

export async function markNoticeRead(id: number): Promise<void> {
  await db().notices.update(id, { read: true });
}

export async function dismissNotice(id: number): Promise<void> {
  await db().notices.delete(id);
}
