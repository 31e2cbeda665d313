import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toRow } from '../../../src/lib/db';
import {
  listConflicts,
  listNotices,
  markNoticeRead,
  resolveConflict,
  unreadNoticeCount,
} from '../../../src/lib/services';
import { freshDb, makeRequest, signedInMember } from '../db/fixtures';

describe('conflict inbox and notices', () => {
  it('keeps mine with a new update over their value, or keeps theirs without sending anything', async () => {
    const database = freshDb();
    const ctx = await signedInMember(database);
    const mine = makeRequest(ctx.group, {
      requesterId: ctx.userId,
      createdBy: ctx.userId,
      title: 'Theirs',
      details: 'Their details',
    });
    await database.requests.put(toRow(mine));
    const conflict = (field: string, yours: string, theirs: string) => ({
      recordId: mine.id,
      type: 'request' as const,
      groupId: ctx.group.id,
      field,
      yours,
      theirs,
      createdAt: mine.createdAt,
    });
    const titleId = await database.conflicts.add(conflict('title', 'Mine', 'Theirs'));
    const detailsId = await database.conflicts.add(
      conflict('details', 'My details', 'Their details'),
    );

    expect(await resolveConflict(titleId!, 'mine')).toMatchObject({
      ok: true,
      record: { title: 'Mine' },
    });
    expect((await database.outbox.toArray()).map((e) => e.mutation)).toMatchObject([
      { op: 'update', set: { title: 'Mine' }, from: { title: 'Theirs' } },
    ]);
    expect(await resolveConflict(detailsId!, 'theirs')).toEqual({ ok: true, record: null });
    expect(await database.outbox.count()).toBe(1);
    expect((await database.requests.get(mine.id))?.details).toBe('Their details');
    expect(await listConflicts()).toEqual([]);
  });

  it('lists notices newest first and counts the unread ones', async () => {
    const database = freshDb();
    const base = { mid: 'M', recordId: 'R', groupId: 'G', code: 'already_claimed', message: '' };
    const first = await database.notices.add({
      ...base,
      createdAt: '2026-03-01T00:00:00.000Z',
      read: false,
    });
    await database.notices.add({ ...base, createdAt: '2026-03-02T00:00:00.000Z', read: false });
    expect((await listNotices()).map((n) => n.createdAt)).toEqual([
      '2026-03-02T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
    await markNoticeRead(first!);
    expect(await unreadNoticeCount()).toBe(1);
    expect(await listNotices({ unreadOnly: true })).toHaveLength(1);
  });
});
