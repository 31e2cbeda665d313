import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, type Request } from '../../../src/lib/domain';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import {
  createRequest,
  getRequestDetail,
  listBoard,
  outboxCount,
  setClock,
  transitionRequest,
  updateRequest,
  type RequestDraft,
} from '../../../src/lib/services';
import { freshDb, makeMembership, makeRequest, signedInMember } from '../db/fixtures';

const NOW = '2026-03-02T12:00:00.000Z';
let database: NeighborlyDB;

beforeEach(() => {
  database = freshDb();
  setClock(() => new Date(NOW));
});
afterEach(() => setClock(null));

const draft: RequestDraft = {
  category: 'groceries',
  title: 'Milk and bread',
  details: 'Semi-skimmed, please',
  neighborhood: 'North',
  urgency: 'soon',
  neededBy: '',
  contactless: true,
};

async function outbox() {
  return database.outbox.orderBy('seq').toArray();
}

describe('createRequest', () => {
  it('stores the request and its create mutation together, in wire form', async () => {
    const { userId, group } = await signedInMember(database);
    const result = await createRequest(group.id, draft);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      status: 'open',
      requesterId: userId,
      createdBy: userId,
      neededBy: null,
      createdAt: NOW,
    });
    const row = await database.requests.get(result.record.id);
    expect(row?._state).toBe('open');
    const [entry, ...rest] = await outbox();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      recordId: result.record.id,
      groupId: group.id,
      attempts: 0,
      mutation: { op: 'create', type: 'request', id: result.record.id, at: NOW },
    });
    expect(entry?.mid).toBe(entry?.mutation.mid);
    const sent = (entry?.mutation as { record: Record<string, unknown> }).record;
    expect(Object.keys(sent).some((k) => k.startsWith('_'))).toBe(false);
  });

  it('starts a member’s request as new when the group approves requests first', async () => {
    const { group } = await signedInMember(database, 'member', { requestsNeedApproval: true });
    const result = await createRequest(group.id, draft);
    expect(result.ok && result.record.status).toBe('new');
  });

  it('lets a coordinator enter a request for a neighbour, with a private part', async () => {
    const { group } = await signedInMember(database, 'coordinator');
    const result = await createRequest(group.id, {
      ...draft,
      onBehalfOf: 'Mrs Lee',
      private: { address: '4 Elm Street', phone: '', accessNotes: '' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      requesterId: null,
      onBehalfOf: 'Mrs Lee',
      private: { address: '4 Elm Street' },
    });
    expect(result.record.private).toEqual({ address: '4 Elm Street' });
  });

  it('refuses a member entering a request for a neighbour, and writes nothing', async () => {
    const { group } = await signedInMember(database, 'member');
    const result = await createRequest(group.id, { ...draft, onBehalfOf: 'Mrs Lee' });
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await database.requests.count()).toBe(0);
    expect(await outboxCount()).toBe(0);
  });

  it('returns the domain’s field errors for the form and writes nothing', async () => {
    const { group } = await signedInMember(database);
    const result = await createRequest(group.id, { ...draft, title: '  ', neededBy: '2026-13-45' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid');
    expect(result.errors?.map((e) => e.path)).toContain('title');
    expect(await database.requests.count()).toBe(0);
  });

  it('writes neither the request nor anything else when the outbox write fails', async () => {
    const { group } = await signedInMember(database);
    database.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    const result = await createRequest(group.id, draft);
    expect(result).toMatchObject({ ok: false, code: 'internal' });
    expect(await database.requests.count()).toBe(0);
    expect(await database.outbox.count()).toBe(0);
  });

  it('says so when nobody is signed in', async () => {
    const result = await createRequest(newId(), draft);
    expect(result).toMatchObject({ ok: false, code: 'unauthenticated' });
  });
});

describe('transitionRequest', () => {
  async function openRequest(overrides: Partial<Request> = {}) {
    const ctx = await signedInMember(database);
    const request = makeRequest(ctx.group, overrides);
    await database.requests.put(toRow(request));
    return { ...ctx, request };
  }

  it('claims at once offline and shows the request as pending until the outbox is drained', async () => {
    const { userId, group, request } = await openRequest();
    const result = await transitionRequest(request.id, 'claim');
    expect(result).toMatchObject({ ok: true, record: { status: 'claimed', assigneeId: userId } });

    const detail = await getRequestDetail(request.id);
    expect(detail?.request).toMatchObject({ status: 'claimed', assigneeId: userId });
    expect(detail?.pending).toBe(true);
    expect(detail?.actions).toEqual(expect.arrayContaining(['release', 'start', 'complete']));
    const board = await listBoard(group.id, { statuses: ['claimed'] }, {}, userId);
    expect(board.items).toMatchObject([{ id: request.id, pending: true }]);

    const [entry] = await outbox();
    expect(entry?.mutation).toMatchObject({
      op: 'transition',
      from: 'open',
      to: 'claimed',
      id: request.id,
    });
    const logId = (entry?.mutation as { logId: string }).logId;
    expect(detail?.timeline).toMatchObject([
      {
        id: logId,
        kind: 'status',
        pending: false,
        transition: { from: 'open', to: 'claimed', action: 'claim' },
      },
    ]);

    // The sync engine removes the entry once the server confirmed it.
    await database.outbox.clear();
    expect((await getRequestDetail(request.id))?.pending).toBe(false);
  });

  it('refuses to claim my own request and queues nothing', async () => {
    const ctx = await signedInMember(database);
    const mine = makeRequest(ctx.group, { requesterId: ctx.userId, createdBy: ctx.userId });
    await database.requests.put(toRow(mine));
    expect(await transitionRequest(mine.id, 'claim')).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await outboxCount()).toBe(0);
  });

  it('reports who holds a request someone else already claimed', async () => {
    const holder = newId();
    const { request } = await openRequest({ status: 'claimed', assigneeId: holder });
    expect(await transitionRequest(request.id, 'claim')).toMatchObject({
      ok: false,
      code: 'already_claimed',
      holderId: holder,
    });
  });

  it('needs a reason to cancel, and stores it with the note in the status log', async () => {
    const ctx = await signedInMember(database);
    const mine = makeRequest(ctx.group, { requesterId: ctx.userId, createdBy: ctx.userId });
    await database.requests.put(toRow(mine));
    expect(await transitionRequest(mine.id, 'cancel')).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    const done = await transitionRequest(mine.id, 'cancel', {
      closeReason: 'withdrawn',
      closeNote: 'Sorted by family',
    });
    expect(done).toMatchObject({
      ok: true,
      record: { status: 'cancelled', closeReason: 'withdrawn' },
    });
    const detail = await getRequestDetail(mine.id);
    expect(detail?.timeline[0]).toMatchObject({ kind: 'status', text: 'Sorted by family' });
    expect((await outbox())[0]?.mutation).toMatchObject({
      closeReason: 'withdrawn',
      closeNote: 'Sorted by family',
    });
  });

  it('lets a coordinator approve and assign', async () => {
    const ctx = await signedInMember(database, 'coordinator');
    const helper = makeMembership(ctx.group, newId());
    await database.memberships.put(toRow(helper));
    const request = makeRequest(ctx.group, { status: 'new' });
    await database.requests.put(toRow(request));
    expect(await transitionRequest(request.id, 'approve')).toMatchObject({
      ok: true,
      record: { status: 'open' },
    });
    expect(
      await transitionRequest(request.id, 'assign', { assigneeId: helper.userId }),
    ).toMatchObject({ ok: true, record: { status: 'claimed', assigneeId: helper.userId } });
    const detail = await getRequestDetail(request.id);
    expect(detail?.timeline.map((l) => l.transition?.action)).toEqual(['approve', 'assign']);
    expect(detail?.names[helper.userId]).toBe(helper.displayName);
    expect(await outboxCount()).toBe(2);
  });
});

describe('updateRequest', () => {
  it('sends only the changed fields, each with the stored value it replaces', async () => {
    const ctx = await signedInMember(database);
    const mine = makeRequest(ctx.group, {
      requesterId: ctx.userId,
      createdBy: ctx.userId,
      title: 'Old title',
      urgency: 'flexible',
      neededBy: '2026-03-09',
    });
    await database.requests.put(toRow(mine));
    const result = await updateRequest(mine.id, {
      category: mine.category,
      title: 'New title',
      details: mine.details,
      neighborhood: mine.neighborhood,
      urgency: 'urgent',
      neededBy: '',
      contactless: mine.contactless,
      private: { address: '', phone: '', accessNotes: '' },
    });
    expect(result).toMatchObject({
      ok: true,
      record: { title: 'New title', urgency: 'urgent', neededBy: null, updatedAt: NOW },
    });
    const [entry] = await outbox();
    expect(entry?.mutation).toMatchObject({
      op: 'update',
      set: { title: 'New title', urgency: 'urgent', neededBy: null },
      from: { title: 'Old title', urgency: 'flexible', neededBy: '2026-03-09' },
    });
    expect(Object.keys((entry?.mutation as { set: object }).set).sort()).toEqual([
      'neededBy',
      'title',
      'urgency',
    ]);
    const row = await database.requests.get(mine.id);
    expect(row?._rank).toBe(0);
    expect(row?.title).toBe('New title');
    const found = await listBoard(ctx.group.id, { text: 'new' });
    expect(found.items.map((r) => r.id)).toEqual([mine.id]);
  });

  it('queues nothing when nothing changed', async () => {
    const ctx = await signedInMember(database);
    const mine = makeRequest(ctx.group, { requesterId: ctx.userId, createdBy: ctx.userId });
    await database.requests.put(toRow(mine));
    const result = await updateRequest(mine.id, { title: mine.title, neededBy: '' });
    expect(result).toMatchObject({ ok: true, record: { id: mine.id, updatedAt: mine.updatedAt } });
    expect(await outboxCount()).toBe(0);
  });

  it('adds a private part to a request that had none (from = null)', async () => {
    const ctx = await signedInMember(database);
    const mine = makeRequest(ctx.group, { requesterId: ctx.userId, createdBy: ctx.userId });
    await database.requests.put(toRow(mine));
    const result = await updateRequest(mine.id, { private: { phone: '555 0101' } });
    expect(result).toMatchObject({ ok: true, record: { private: { phone: '555 0101' } } });
    expect((await outbox())[0]?.mutation).toMatchObject({
      set: { private: { phone: '555 0101' } },
      from: { private: null },
    });
  });

  it('refuses someone else’s request for a member', async () => {
    const ctx = await signedInMember(database);
    const theirs = makeRequest(ctx.group);
    await database.requests.put(toRow(theirs));
    expect(await updateRequest(theirs.id, { title: 'Mine now' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await outboxCount()).toBe(0);
  });
});
