import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId, type Request } from '../../../src/lib/domain';
import { db } from '../../../src/lib/db/database';
import { listBoard } from '../../../src/lib/db/queries/board';
import { listMyGroups } from '../../../src/lib/db/queries/groups';
import { getMeta, setMeta } from '../../../src/lib/db/meta';
import { actorIn } from '../../../src/lib/services/actor';
import { appendLog } from '../../../src/lib/services/logs';
import { transitionRequest, updateRequest } from '../../../src/lib/services/requests';
import { pullChanges } from '../../../src/lib/sync/pull-changes';
import { WRITE_CHUNK } from '../../../src/lib/sync/write-versions';
import { GROUP_LOST } from '../../../src/lib/sync/purge-groups';
import { makeGroup, makeLog, makeMembership, makeRequest, NOW } from '../../fixtures/records';
import { deps, FakeServer, freshDevice, IDS, offline, store } from './support';

function requests(count: number, groupId: string = IDS.group): Request[] {
  return Array.from({ length: count }, (_, i) =>
    makeRequest({ id: newId(), groupId, title: `Request ${i}`, rev: '1-a' }),
  );
}

describe('pullChanges', () => {
  beforeEach(async () => {
    await freshDevice();
  });

  it('pages until more is false, storing each page with its cursor', async () => {
    const server = new FakeServer();
    const all = requests(5);
    server.pages = [
      { records: all.slice(0, 2), purge: [], cursor: 'c1', more: true, remaining: 3 },
      { records: all.slice(2, 4), purge: [], cursor: 'c2', more: true, remaining: 1 },
      { records: all.slice(4), purge: [], cursor: 'c3', more: false },
    ];
    const progress: unknown[] = [];
    const outcome = await pullChanges(deps(server), (p) => progress.push(p));
    expect(outcome).toEqual({ ok: true, received: 5, pages: 3 });
    expect(server.pulls).toEqual([null, 'c1', 'c2']);
    expect(await db().requests.count()).toBe(5);
    const sync = (await db().meta.get('sync'))?.value;
    expect(sync).toEqual({ cursor: 'c3', lastSyncedAt: expect.any(String) });
    expect(progress).toEqual([
      { received: 2, remaining: 3 },
      { received: 4, remaining: 1 },
      { received: 5, remaining: 0 },
    ]);
  });

  it('stores pulled records with their local search and sort fields', async () => {
    const server = new FakeServer();
    server.pages = [{ records: requests(1), purge: [], cursor: 'c1', more: false }];
    await pullChanges(deps(server));
    const row = (await db().requests.toArray())[0]!;
    expect(row._text).toBeUndefined(); // plain ASCII: searched as it is
    const found = await listBoard(IDS.group, { text: 'requ' });
    expect(found.items.map((r) => r.id)).toEqual([row.id]);
    expect(row._state).toBe('open');
    expect(typeof row._sort).toBe('string');
  });

  it('keeps the cursor of the last stored page when a later page fails', async () => {
    const server = new FakeServer();
    server.pages = [{ records: requests(2), purge: [], cursor: 'c1', more: true }, offline];
    const outcome = await pullChanges(deps(server));
    expect(outcome).toMatchObject({ ok: false, kind: 'offline' });
    expect((await db().meta.get('sync'))?.value).toEqual({ cursor: 'c1', lastSyncedAt: null });
    // The next run starts from the stored cursor.
    server.pages = [{ records: [], purge: [], cursor: 'c2', more: false }];
    await pullChanges(deps(server));
    expect(server.pulls.at(-1)).toBe('c1');
  });

  it('stores a page of many write chunks whole, or none of it with its cursor when a row fails', async () => {
    const server = new FakeServer();
    const first = requests(WRITE_CHUNK * 3 + 7);
    server.pages = [{ records: first, purge: [], cursor: 'c1', more: false }];
    await pullChanges(deps(server));
    expect(await db().requests.count()).toBe(first.length);

    // A row IndexedDB refuses (its id is no valid key) in the last chunk of the next page.
    const second = requests(WRITE_CHUNK * 3);
    const bad = { ...second.at(-1)!, id: { not: 'a key' } } as unknown as Request;
    server.pages = [
      { records: [...second.slice(0, -1), bad], purge: [], cursor: 'c2', more: false },
    ];
    await expect(pullChanges(deps(server))).rejects.toThrow();
    expect(await db().requests.count()).toBe(first.length);
    expect(await db().requests.get(second[0]!.id)).toBeUndefined();
    expect((await db().meta.get('sync'))?.value).toMatchObject({ cursor: 'c1' });
  });

  it('never overwrites a pending local edit: rebases it onto the pulled version', async () => {
    const mine = makeRequest({ requesterId: IDS.member, createdBy: IDS.member });
    await store([mine]);
    expect((await updateRequest(mine.id, { title: 'My new title' })).ok).toBe(true);
    const server = new FakeServer();
    const theirs = { ...mine, details: 'Their new details', rev: '2-b' };
    server.pages = [{ records: [theirs], purge: [], cursor: 'c1', more: false }];
    await pullChanges(deps(server));
    expect(await db().requests.get(mine.id)).toMatchObject({
      title: 'My new title',
      details: 'Their new details',
      rev: '2-b',
    });
    expect(await db().outbox.count()).toBe(1);
  });

  it('a pending assignment to someone who has left since no longer shows over the pulled version', async () => {
    // Signed in as a coordinator who assigned a request to a helper, offline.
    await db()
      .memberships.where('[groupId+userId]')
      .equals([IDS.group, IDS.member])
      .modify({ role: 'coordinator' });
    const helper = makeMembership({ id: newId(), userId: IDS.helper, displayName: 'Bea' });
    const request = makeRequest({ rev: '1-a' });
    await store([helper, request]);
    expect(await transitionRequest(request.id, 'assign', { assigneeId: IDS.helper })).toMatchObject(
      { ok: true, record: { status: 'claimed' } },
    );
    // Meanwhile the helper left, and someone edited the request.
    await store([{ ...helper, status: 'removed', rev: '2-b' }]);
    const server = new FakeServer();
    const theirs = { ...request, details: 'Their new details', rev: '2-b' };
    server.pages = [{ records: [theirs], purge: [], cursor: 'c1', more: false }];
    await pullChanges(deps(server));
    // The server's version shows; the push that follows gets the change refused and said.
    expect(await db().requests.get(request.id)).toMatchObject({
      status: 'open',
      assigneeId: null,
      details: 'Their new details',
    });
    expect(await db().outbox.count()).toBe(1);
  });

  it('replaces a record whole, so a private part the member may no longer see is gone', async () => {
    const request = makeRequest({ assigneeId: IDS.member, status: 'claimed' });
    await store([request]);
    const redacted: Request = { ...request, assigneeId: null, status: 'open', rev: '3-c' };
    delete redacted.private;
    const server = new FakeServer();
    server.pages = [{ records: [redacted], purge: [], cursor: 'c1', more: false }];
    await pullChanges(deps(server));
    const row = await db().requests.get(request.id);
    expect(row?.private).toBeUndefined();
    expect(row?.status).toBe('open');
  });

  it('purges a lost group: its records go, its unsynced changes become notices, My Groups forgets it', async () => {
    const other = IDS.otherGroup;
    const kept = makeRequest();
    const lost = makeRequest({
      id: newId(),
      groupId: other,
      requesterId: IDS.member,
      createdBy: IDS.member,
    });
    await store([
      kept,
      makeGroup({ id: other, groupId: other, name: 'Lost group' }),
      makeMembership({ id: newId(), groupId: other, userId: IDS.member }),
      lost,
      makeLog({ id: newId(), groupId: other, parentId: lost.id }),
    ]);
    // What `/me` said at sign-in: both groups, the lost one as coordinator.
    await setMeta('memberships', {
      memberships: [
        { groupId: IDS.group, groupName: 'Kept group', role: 'member', status: 'active' },
        { groupId: other, groupName: 'Lost group', role: 'coordinator', status: 'active' },
      ],
      fetchedAt: '2026-11-22T03:00:00.000Z',
    });
    expect((await appendLog(lost.id, { kind: 'note', text: 'Dropped off the bags' })).ok).toBe(
      true,
    );
    expect((await listMyGroups()).map((g) => g.groupId)).toContain(other);
    const server = new FakeServer();
    server.pages = [{ records: [], purge: [other], cursor: 'c1', more: false }];
    await pullChanges(deps(server));
    const database = db();
    for (const table of ['memberships', 'requests', 'logs'] as const) {
      expect(await database[table].where('groupId').equals(other).count()).toBe(0);
    }
    expect(await database.groups.get(other)).toBeUndefined();
    expect(await database.groups.get(IDS.group)).toBeDefined();
    expect(await database.requests.get(kept.id)).toBeDefined();
    expect(await database.outbox.count()).toBe(0);
    const notices = await database.notices.toArray();
    expect(notices).toEqual([
      expect.objectContaining({ code: GROUP_LOST, groupId: other, read: false }),
    ]);
    expect(notices[0]!.message).toContain('Lost group');
    expect(notices[0]!.message).toContain('Dropped off the bags');
    expect(notices[0]).toMatchObject({ values: { text: 'Dropped off the bags' } });
    // The group is gone from what `/me` said too: not listed, no role to act with offline.
    expect((await getMeta('memberships'))?.memberships.map((m) => m.groupId)).toEqual([IDS.group]);
    expect((await listMyGroups()).map((g) => g.groupId)).toEqual([IDS.group]);
    expect((await actorIn(other))?.actor.membership).toBeNull();
  });

  it('restarts a group: server copies go and the page refills them, waiting changes and conflicts stay', async () => {
    // As a coordinator this phone held a neighbour's address and a member's phone number.
    const theirs = makeRequest({ id: newId(), title: 'Their errand' });
    const mine = makeRequest({ id: newId(), requesterId: IDS.member, createdBy: IDS.member });
    const colleague = makeMembership({
      id: newId(),
      userId: IDS.helper,
      displayName: 'Bea',
      private: { phone: '+1 555 0142' },
    });
    await store([theirs, mine, colleague]);
    expect((await updateRequest(mine.id, { title: 'My edit' })).ok).toBe(true);
    const made = await appendLog(mine.id, { kind: 'note', text: 'Made here, not synced' });
    expect(made.ok).toBe(true);
    const conflict = { recordId: theirs.id, type: 'request' as const, groupId: IDS.group };
    await db().conflicts.bulkAdd([
      { ...conflict, field: 'title', yours: 'A', theirs: 'B', createdAt: NOW },
      { ...conflict, field: 'private', yours: {}, theirs: theirs.private, createdAt: NOW },
    ]);
    expect(JSON.stringify(await db().outbox.toArray())).toContain('12 Main St');

    // Demoted: the group comes again from the start, redacted; this page holds one record.
    const redacted: Request = { ...theirs, rev: '2-r' };
    delete redacted.private;
    const server = new FakeServer();
    server.pages = [
      { records: [redacted], purge: [], restart: [IDS.group], cursor: 'c1', more: true },
      offline,
    ];
    await pullChanges(deps(server));
    // Between pages: what was not sent again yet is gone, not left with its private parts.
    expect(JSON.stringify(await db().memberships.toArray())).not.toContain('+1 555 0142');
    expect(await db().requests.get(mine.id)).toBeUndefined();
    expect((await db().outbox.toArray()).every((e) => e.base === undefined)).toBe(true);
    server.pages = [{ records: [{ ...mine, rev: '2-m' }], purge: [], cursor: 'c2', more: false }];
    await pullChanges(deps(server));

    expect(await db().memberships.get(colleague.id)).toBeUndefined();
    expect((await db().requests.get(theirs.id))?.private).toBeUndefined();
    const refilled = await db().requests.get(mine.id);
    expect({ title: refilled?.title, rev: refilled?.rev }).toEqual({
      title: 'My edit',
      rev: '2-m',
    });
    expect(await db().logs.get(made.ok ? made.record.id : '')).toBeDefined();
    expect(await db().groups.get(IDS.group)).toBeDefined();
    const outbox = await db().outbox.toArray();
    expect(outbox.map((e) => e.mutation.op).sort()).toEqual(['append', 'update']);
    // The edit's base is the version sent again (to roll back to if it is refused).
    expect(outbox.find((e) => e.mutation.op === 'update')?.base?.rev).toBe('2-m');
    expect((await db().conflicts.toArray()).map((c) => c.field)).toEqual(['title']);
    expect(await db().notices.count()).toBe(0);
  });
});
