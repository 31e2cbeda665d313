import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/domain';
import { setMeta } from '../../../src/lib/db/meta';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import {
  exportMyData,
  listMembers,
  listMyGroups,
  listMyTasks,
  setClock,
  suggestOpenRequests,
  today,
} from '../../../src/lib/services';
import {
  freshDb,
  makeGroup,
  makeMembership,
  makeRequest,
  makeTask,
  signedInMember,
} from './fixtures';

let database: NeighborlyDB;
beforeEach(() => {
  database = freshDb();
});
afterEach(() => setClock(null));

describe('my tasks', () => {
  it('groups what I hold across groups into today (and overdue), upcoming (and undated) and done', async () => {
    setClock(() => new Date(2026, 2, 4, 9, 30));
    const ctx = await signedInMember(database);
    const second = makeGroup({ name: 'Pantry' });
    await database.groups.put(toRow(second));
    const mine = { assigneeId: ctx.userId };
    const overdue = makeRequest(ctx.group, { ...mine, status: 'claimed', neededBy: '2026-03-01' });
    const dueToday = makeTask(second, { ...mine, status: 'claimed', due: '2026-03-04' });
    const later = makeRequest(ctx.group, {
      ...mine,
      status: 'in_progress',
      neededBy: '2026-03-09',
    });
    const undated = makeTask(second, { ...mine, status: 'claimed', due: null });
    const finished = makeRequest(ctx.group, { ...mine, status: 'done', neededBy: '2026-03-04' });
    const someoneElses = makeRequest(ctx.group, { status: 'claimed', assigneeId: newId() });
    await database.requests.bulkPut([overdue, later, finished, someoneElses].map((r) => toRow(r)));
    await database.tasks.bulkPut([dueToday, undated].map((t) => toRow(t)));

    expect(today()).toBe('2026-03-04');
    const tasks = await listMyTasks(today());
    expect(tasks.today.map((i) => i.record.id)).toEqual([overdue.id, dueToday.id]);
    expect(tasks.upcoming.map((i) => i.record.id)).toEqual([later.id, undated.id]);
    expect(tasks.done.map((i) => i.record.id)).toEqual([finished.id]);
    expect(tasks.today[1]).toMatchObject({ kind: 'task', groupName: 'Pantry', pending: false });
  });
});

describe('my groups and members', () => {
  it('lists my groups from membership records and from /me summaries not yet pulled', async () => {
    const ctx = await signedInMember(database, 'coordinator');
    const notPulled = newId();
    await setMeta('memberships', {
      memberships: [
        { groupId: ctx.group.id, groupName: 'Old name', role: 'coordinator', status: 'active' },
        { groupId: notPulled, groupName: 'Allotment', role: 'member', status: 'pending' },
        { groupId: newId(), groupName: 'Gone', role: 'member', status: 'removed' },
      ],
      fetchedAt: '2026-03-01T00:00:00.000Z',
    });
    const groups = await listMyGroups();
    expect(groups.map((g) => [g.name, g.role, g.status, g.group !== null])).toEqual([
      ['Allotment', 'member', 'pending', false],
      [ctx.group.name, 'coordinator', 'active', true],
    ]);
  });

  it('shows coordinators pending members first; members see active members only', async () => {
    const ctx = await signedInMember(database, 'coordinator');
    const pending = makeMembership(ctx.group, newId(), 'member', {
      status: 'pending',
      displayName: 'Zed',
    });
    const active = makeMembership(ctx.group, newId(), 'member', { displayName: 'Bea' });
    const removed = makeMembership(ctx.group, newId(), 'member', { status: 'removed' });
    await database.memberships.bulkPut([pending, active, removed].map((m) => toRow(m)));
    const forCoordinator = await listMembers(ctx.group.id);
    expect(forCoordinator.map((m) => m.id)).toEqual([pending.id, ctx.membership.id, active.id]);

    await database.memberships.put(toRow({ ...ctx.membership, role: 'member' }));
    const forMember = await listMembers(ctx.group.id);
    expect(forMember.map((m) => m.displayName)).toEqual(['Bea', ctx.membership.displayName]);
  });
});

describe('suggestions after a lost claim', () => {
  it('offers open requests of the same category first, then others, never the lost one', async () => {
    const ctx = await signedInMember(database);
    const lost = makeRequest(ctx.group, {
      category: 'pharmacy',
      status: 'claimed',
      assigneeId: newId(),
    });
    const pharmacy = makeRequest(ctx.group, { category: 'pharmacy', urgency: 'flexible' });
    const urgentGroceries = makeRequest(ctx.group, { category: 'groceries', urgency: 'urgent' });
    const done = makeRequest(ctx.group, { category: 'pharmacy', status: 'done' });
    await database.requests.bulkPut([lost, pharmacy, urgentGroceries, done].map((r) => toRow(r)));
    const ids = (
      await suggestOpenRequests(ctx.group.id, { category: 'pharmacy', excludeId: lost.id })
    ).map((r) => r.id);
    expect(ids).toEqual([pharmacy.id, urgentGroceries.id]);
  });
});

describe('export', () => {
  it('exports every record without local fields and marks changes not yet synced', async () => {
    const ctx = await signedInMember(database);
    const request = makeRequest(ctx.group);
    await database.requests.put(toRow(request));
    await database.outbox.add({
      mid: 'MID0000000001',
      mutation: {
        mid: 'MID0000000001',
        op: 'archive',
        type: 'request',
        id: request.id,
        groupId: ctx.group.id,
        at: '2026-03-02T00:00:00.000Z',
      },
      recordId: request.id,
      groupId: ctx.group.id,
      createdAt: '2026-03-02T00:00:00.000Z',
      attempts: 3,
      lastError: 'offline',
    });
    const data = await exportMyData('2026-03-02T12:00:00.000Z');
    expect(data.user?.id).toBe(ctx.userId);
    expect(data.requests).toEqual([request]);
    expect(data.groups).toEqual([ctx.group]);
    expect(data.notYetSynced).toEqual([
      {
        createdAt: '2026-03-02T00:00:00.000Z',
        mutation: expect.objectContaining({ op: 'archive' }),
      },
    ]);
    expect(JSON.stringify(data)).not.toMatch(/"_\w+":|attempts|lastError/);
  });
});
