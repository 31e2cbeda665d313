import 'fake-indexeddb/auto';
import { liveQuery as dexieLiveQuery } from 'dexie';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { newId, type Log, type Offer } from '../../../src/lib/domain';
import type { Mutation } from '../../../src/lib/protocol';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import { setMeta } from '../../../src/lib/db/meta';
import { listConflictGroups } from '../../../src/lib/sync/inbox-views';
import {
  countByStatus,
  getGroup,
  getRequestDetail,
  listBoard,
  listMembers,
  listMyGroups,
  listMyTasks,
  listOffers,
  liveQuery as appLiveQuery,
  memberNames,
  outboxCount,
} from '../../../src/lib/services';
import {
  freshDb,
  makeGroup,
  makeMembership,
  makeRequest,
  makeTask,
  signedInMember,
  T0,
} from './fixtures';

/**
 * Every query a page wraps in `live(...)` must re-emit after a write to any table it reads:
 * a querier that loses Dexie's observation context part-way (an awaited non-Dexie promise)
 * would keep showing stale data until the page is reloaded.
 */

interface Watch<T> {
  /** Resolves with the first emission (current or future) that passes `test`. */
  until(test: (value: T) => boolean, label?: string): Promise<T>;
  stop(): void;
}

const subscriptions: { unsubscribe(): void }[] = [];

/**
 * Pages use the app's `liveQuery` (src/lib/db/live.ts); the queries must also stay live
 * under Dexie's own with a plain arrow querier, so they don't depend on that wrapper.
 */
const MODES = [
  ["the app's liveQuery", appLiveQuery],
  ["Dexie's liveQuery with a plain querier", dexieLiveQuery],
] as const;
let liveQuery: typeof appLiveQuery = appLiveQuery;

function watch<T>(query: () => Promise<T>): Watch<T> {
  const values: T[] = [];
  let waiters: { test: (v: T) => boolean; resolve: (v: T) => void }[] = [];
  let failure: unknown = null;
  const subscription = liveQuery(query).subscribe({
    next: (value) => {
      values.push(value);
      waiters = waiters.filter((w) => {
        if (!w.test(value)) return true;
        w.resolve(value);
        return false;
      });
    },
    error: (e: unknown) => {
      failure = e;
    },
  });
  subscriptions.push(subscription);
  return {
    until(test, label = 'an emission that passes the test') {
      if (failure) return Promise.reject(failure as Error);
      const last = values[values.length - 1];
      if (values.length && test(last as T)) return Promise.resolve(last as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no new emission: expected ${label}`)),
          1500,
        );
        waiters.push({
          test,
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
        });
      });
    },
    stop: () => subscription.unsubscribe(),
  };
}

/** An outbox entry for a record, written straight to the table (as a local write would). */
async function queue(database: NeighborlyDB, recordId: string, groupId: string): Promise<number> {
  const mutation = {
    mid: newId(),
    op: 'archive',
    type: 'request',
    id: recordId,
    groupId,
    at: T0,
  } as Mutation;
  return (await database.outbox.add({
    mid: mutation.mid,
    mutation,
    recordId,
    groupId,
    createdAt: T0,
    attempts: 0,
  })) as number;
}

let database: NeighborlyDB;
beforeEach(() => {
  database = freshDb();
});
afterEach(() => {
  for (const s of subscriptions.splice(0)) s.unsubscribe();
});

describe.each(MODES)('with %s', (_mode, implementation) => {
  beforeEach(() => {
    liveQuery = implementation;
  });

  describe('my groups stays live', () => {
    it('shows a group I join, a renamed group, a /me summary and a removal without a reload', async () => {
      const ctx = await signedInMember(database);
      const groups = watch(() => listMyGroups());
      await groups.until((v) => v.length === 1, 'my first group');

      const second = makeGroup({ name: 'Pantry' });
      await database.groups.put(toRow(second));
      await database.memberships.put(toRow(makeMembership(second, ctx.userId)));
      await groups.until((v) => v.some((g) => g.groupId === second.id), 'the joined group');

      await database.groups.update(ctx.group.id, { name: 'Aardvark Lane' });
      await groups.until((v) => v[0]?.name === 'Aardvark Lane', 'the new name');

      const summaryOnly = newId();
      await setMeta('memberships', {
        memberships: [
          { groupId: summaryOnly, groupName: 'Zinnia', role: 'member', status: 'pending' },
        ],
        fetchedAt: T0,
      });
      await groups.until((v) => v.some((g) => g.groupId === summaryOnly), 'the /me summary');

      await database.memberships.update(ctx.membership.id, { status: 'removed' });
      await groups.until((v) => !v.some((g) => g.groupId === ctx.group.id), 'the removal');
    });

    it('fills in after sign-in (session written while the page is open)', async () => {
      const userId = newId();
      const group = makeGroup({ name: 'Elm' });
      await database.groups.put(toRow(group));
      await database.memberships.put(toRow(makeMembership(group, userId)));
      const groups = watch(() => listMyGroups());
      await groups.until((v) => v.length === 0, 'nothing before sign-in');
      await setMeta('session', { user: { id: userId, name: 'Ana', login: 'ana' }, signedInAt: T0 });
      await groups.until((v) => v.length === 1, 'my group after sign-in');
    });
  });

  describe('a group view stays live', () => {
    it('follows the group record, my membership and the /me summary', async () => {
      const ctx = await signedInMember(database);
      const view = watch(() => getGroup(ctx.group.id));
      await view.until((v) => v?.coordinator === false, 'member view');

      await database.groups.update(ctx.group.id, { name: 'Renamed' });
      await view.until((v) => v?.group.name === 'Renamed', 'the new name');

      await database.memberships.update(ctx.membership.id, { role: 'coordinator' });
      await view.until((v) => v?.coordinator === true, 'coordinator after a role change');

      // Before its membership record is pulled, the /me summary decides the role.
      await database.memberships.delete(ctx.membership.id);
      await view.until((v) => v?.membership === null && v.actor?.membership === null, 'no role');
      await setMeta('memberships', {
        memberships: [
          { groupId: ctx.group.id, groupName: 'Renamed', role: 'coordinator', status: 'active' },
        ],
        fetchedAt: T0,
      });
      await view.until((v) => v?.coordinator === true, 'coordinator from the summary');
    });

    it('appears when the group record arrives', async () => {
      const ctx = await signedInMember(database);
      const later = makeGroup({ name: 'Later' });
      const view = watch(() => getGroup(later.id));
      await view.until((v) => v === null, 'not on the device yet');
      await database.groups.put(toRow(later));
      await database.memberships.put(toRow(makeMembership(later, ctx.userId)));
      await view.until((v) => v?.group.name === 'Later' && v.membership !== null, 'the group');
    });
  });

  describe('members stay live', () => {
    it('shows a new member, an approval, a removal and a name change', async () => {
      const ctx = await signedInMember(database, 'coordinator');
      const members = watch(() => listMembers(ctx.group.id));
      await members.until((v) => v.length === 1, 'just me');

      const joining = makeMembership(ctx.group, newId(), 'member', { status: 'pending' });
      await database.memberships.put(toRow(joining));
      await members.until((v) => v[0]?.id === joining.id && v[0].status === 'pending', 'pending');

      await database.memberships.update(joining.id, { status: 'active' });
      await members.until((v) => v.find((m) => m.id === joining.id)?.status === 'active', 'active');

      await database.memberships.update(joining.id, { displayName: 'Bea' });
      await members.until((v) => v.some((m) => m.displayName === 'Bea'), 'the new name');

      await database.memberships.update(joining.id, { status: 'removed' });
      await members.until((v) => v.length === 1, 'the removal');
    });

    it('lets a member who is made coordinator see pending members', async () => {
      const ctx = await signedInMember(database, 'member');
      await database.memberships.put(
        toRow(makeMembership(ctx.group, newId(), 'member', { status: 'pending' })),
      );
      const members = watch(() => listMembers(ctx.group.id));
      await members.until((v) => v.length === 1, 'active members only');
      await database.memberships.update(ctx.membership.id, { role: 'coordinator' });
      await members.until((v) => v.length === 2, 'pending members too');
    });

    it('keeps member names current', async () => {
      const ctx = await signedInMember(database);
      const names = watch(() => memberNames(ctx.group.id));
      await names.until((v) => v.size === 1, 'my name');
      await database.memberships.update(ctx.membership.id, { displayName: 'Carmen' });
      await names.until((v) => v.get(ctx.userId) === 'Carmen', 'the new name');
    });
  });

  describe('my tasks stay live', () => {
    it('follows claims, tasks, group names and pending changes', async () => {
      const ctx = await signedInMember(database);
      const tasks = watch(() => listMyTasks('2026-03-04'));
      const all = (v: Awaited<ReturnType<typeof listMyTasks>>) => [
        ...v.today,
        ...v.upcoming,
        ...v.done,
      ];
      await tasks.until((v) => all(v).length === 0, 'nothing yet');

      const request = makeRequest(ctx.group, { status: 'claimed', assigneeId: ctx.userId });
      await database.requests.put(toRow(request));
      await tasks.until((v) => v.upcoming[0]?.record.id === request.id, 'the claim');

      const task = makeTask(ctx.group, { status: 'claimed', assigneeId: ctx.userId, due: T0 });
      await database.tasks.put(toRow(task));
      await tasks.until((v) => v.today[0]?.record.id === task.id, 'the task');

      await database.groups.update(ctx.group.id, { name: 'Renamed' });
      await tasks.until((v) => v.today[0]?.groupName === 'Renamed', 'the new group name');

      const seq = await queue(database, request.id, ctx.group.id);
      await tasks.until((v) => v.upcoming[0]?.pending === true, 'pending');
      await database.outbox.delete(seq);
      await tasks.until((v) => v.upcoming[0]?.pending === false, 'synced');

      await database.requests.update(request.id, { status: 'done' });
      await tasks.until((v) => v.done[0]?.record.id === request.id, 'done');
    });

    it('fills in after sign-in', async () => {
      const userId = newId();
      const group = makeGroup();
      await database.groups.put(toRow(group));
      await database.requests.put(
        toRow(makeRequest(group, { status: 'claimed', assigneeId: userId })),
      );
      const tasks = watch(() => listMyTasks('2026-03-04'));
      await tasks.until((v) => v.upcoming.length === 0, 'nothing before sign-in');
      await setMeta('session', { user: { id: userId, name: 'Ana', login: 'ana' }, signedInAt: T0 });
      await tasks.until((v) => v.upcoming.length === 1, 'my claim after sign-in');
    });
  });

  describe('the needs board stays live', () => {
    it('shows new and changed requests, counts and pending changes', async () => {
      const ctx = await signedInMember(database);
      const board = watch(() => listBoard(ctx.group.id, {}, { limit: 50 }, ctx.userId));
      const counts = watch(() => countByStatus(ctx.group.id));
      await board.until((v) => v.items.length === 0, 'an empty board');

      const request = makeRequest(ctx.group, { title: 'Soup' });
      await database.requests.put(toRow(request));
      await board.until((v) => v.items[0]?.title === 'Soup', 'the new request');
      await counts.until((v) => v.open === 1, 'one open');

      await database.requests.put(toRow({ ...request, status: 'claimed', assigneeId: ctx.userId }));
      await board.until((v) => v.items[0]?.status === 'claimed', 'the claim');
      await counts.until((v) => v.open === 0 && v.claimed === 1, 'one claimed');

      await queue(database, request.id, ctx.group.id);
      await board.until((v) => v.items[0]?.pending === true, 'pending');
    });

    it('keeps a filtered board (mine, search) live', async () => {
      const ctx = await signedInMember(database);
      const mine = watch(() => listBoard(ctx.group.id, { mine: true }, {}, ctx.userId));
      const search = watch(() => listBoard(ctx.group.id, { text: 'soup' }, {}, ctx.userId));
      await mine.until((v) => v.items.length === 0, 'none of mine');
      await search.until((v) => v.items.length === 0, 'no soup');
      await database.requests.put(
        toRow(makeRequest(ctx.group, { title: 'Soup run', requesterId: ctx.userId })),
      );
      await mine.until((v) => v.items.length === 1, 'my request');
      await search.until((v) => v.items.length === 1, 'the soup');
    });
  });

  describe('offers stay live', () => {
    it('shows new offers, new matching requests and pending changes', async () => {
      const ctx = await signedInMember(database);
      const offers = watch(() => listOffers(ctx.group.id, { matchLimit: 5 }));
      await offers.until((v) => v.length === 0, 'no offers');

      const offer: Offer = {
        id: newId(),
        type: 'offer',
        groupId: ctx.group.id,
        createdAt: T0,
        createdBy: ctx.userId,
        updatedAt: T0,
        archived: false,
        category: 'groceries',
        title: 'Car on weekends',
        details: '',
        neighborhood: 'North',
        availability: 'weekends',
        status: 'available',
      };
      await database.offers.put(toRow(offer));
      await offers.until((v) => v.length === 1 && v[0]?.matchCount === 0, 'the offer');

      await database.requests.put(toRow(makeRequest(ctx.group, { category: 'groceries' })));
      await offers.until((v) => v[0]?.matchCount === 1, 'a match');

      await queue(database, offer.id, ctx.group.id);
      await offers.until((v) => v[0]?.pending === true, 'pending');

      await database.offers.update(offer.id, { status: 'closed' });
      await offers.until((v) => v.length === 0, 'closed offers hidden');
    });
  });

  describe('a request detail stays live', () => {
    it('follows the request, its log, names, my role, the group and pending changes', async () => {
      const ctx = await signedInMember(database);
      const request = makeRequest(ctx.group, { requesterId: newId() });
      await database.requests.put(toRow(request));
      const detail = watch(() => getRequestDetail(request.id));
      await detail.until((v) => v?.actions.includes('claim') === true, 'claimable');

      await database.requests.update(request.id, { title: 'Changed' });
      await detail.until((v) => v?.request.title === 'Changed', 'the new title');

      const log: Log = {
        id: newId(),
        type: 'log',
        groupId: ctx.group.id,
        createdAt: T0,
        createdBy: ctx.userId,
        updatedAt: T0,
        archived: false,
        parentId: request.id,
        kind: 'note',
        text: 'On my way',
        minutes: null,
        amount: null,
        at: T0,
      };
      await database.logs.put(toRow(log));
      await detail.until((v) => v?.timeline[0]?.text === 'On my way', 'the log entry');

      await database.memberships.update(ctx.membership.id, { displayName: 'Dana' });
      await detail.until((v) => v?.names[ctx.userId] === 'Dana', 'the author name');

      await database.groups.update(ctx.group.id, { claiming: 'coordinators_assign' });
      await detail.until((v) => v?.actions.includes('claim') === false, 'no claim by members');

      await database.memberships.update(ctx.membership.id, { role: 'coordinator' });
      await detail.until((v) => v?.actions.includes('assign') === true, 'coordinator actions');

      await queue(database, request.id, ctx.group.id);
      await detail.until((v) => v?.pending === true, 'pending');
    });
  });

  describe('sync counters stay live', () => {
    it('counts changes waiting and conflicts', async () => {
      const ctx = await signedInMember(database);
      const waiting = watch(() => outboxCount());
      const conflicts = watch(() => listConflictGroups());
      await waiting.until((v) => v === 0, 'nothing waiting');
      await conflicts.until((v) => v.length === 0, 'no conflicts');
      await queue(database, newId(), ctx.group.id);
      await waiting.until((v) => v === 1, 'one waiting');
      const request = makeRequest(ctx.group);
      await database.requests.put(toRow(request));
      await database.conflicts.add({
        recordId: request.id,
        type: 'request',
        groupId: ctx.group.id,
        field: 'title',
        yours: 'a',
        theirs: 'b',
        createdAt: T0,
      });
      await conflicts.until((v) => v.length === 1, 'one conflict');
    });
  });
});
