import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/domain';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import {
  appendLog,
  archiveRecord,
  createOffer,
  createTask,
  getRequestDetail,
  listBoard,
  listGroupTasks,
  listOffers,
  outboxCount,
  setClock,
  setOfferStatus,
  transitionTask,
  updateGroupSettings,
  updateMyProfile,
  updateOffer,
  updateTask,
} from '../../../src/lib/services';
import { freshDb, makeRequest, signedInMember } from '../db/fixtures';

const NOW = '2026-03-02T12:00:00.000Z';
let database: NeighborlyDB;

beforeEach(() => {
  database = freshDb();
  setClock(() => new Date(NOW));
});
afterEach(() => setClock(null));

describe('appendLog', () => {
  it('logs time, expense and delivery on a request I hold, each queued as an append', async () => {
    const ctx = await signedInMember(database);
    const request = makeRequest(ctx.group, { status: 'claimed', assigneeId: ctx.userId });
    await database.requests.put(toRow(request));
    expect(await appendLog(request.id, { kind: 'time', minutes: 45 })).toMatchObject({
      ok: true,
      record: { kind: 'time', minutes: 45, parentId: request.id, createdBy: ctx.userId },
    });
    expect(
      await appendLog(request.id, { kind: 'expense', amount: 12.5, text: 'Milk' }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await appendLog(request.id, { kind: 'delivered', at: '2026-03-02T11:30:00.000Z' }),
    ).toMatchObject({ ok: true });
    const detail = await getRequestDetail(request.id);
    expect(detail?.timeline.map((l) => l.kind)).toEqual(['delivered', 'time', 'expense']);
    expect(detail?.timeline.every((l) => l.pending)).toBe(true);
    const ops = (await database.outbox.orderBy('seq').toArray()).map((e) => e.mutation.op);
    expect(ops).toEqual(['append', 'append', 'append']);
  });

  it('returns the domain’s error for a note without text', async () => {
    const ctx = await signedInMember(database);
    const request = makeRequest(ctx.group, { status: 'claimed', assigneeId: ctx.userId });
    await database.requests.put(toRow(request));
    const result = await appendLog(request.id, { kind: 'note', text: ' ' });
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    expect(!result.ok && result.errors?.map((e) => e.code)).toContain('text_required');
    expect(await database.logs.count()).toBe(0);
  });

  it('refuses a member who neither asked nor helps', async () => {
    const ctx = await signedInMember(database);
    const request = makeRequest(ctx.group);
    await database.requests.put(toRow(request));
    expect(await appendLog(request.id, { kind: 'note', text: 'Hi' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});

describe('archiveRecord', () => {
  it('hides my archived request from the board and queues the archive', async () => {
    const ctx = await signedInMember(database);
    const mine = makeRequest(ctx.group, { requesterId: ctx.userId, createdBy: ctx.userId });
    await database.requests.put(toRow(mine));
    expect(await archiveRecord('request', mine.id)).toMatchObject({
      ok: true,
      record: { archived: true },
    });
    expect((await listBoard(ctx.group.id)).items).toEqual([]);
    expect((await database.outbox.toArray())[0]?.mutation).toMatchObject({ op: 'archive' });
  });
});

describe('offers', () => {
  it('creates, pauses and closes an offer with updates of its status', async () => {
    const ctx = await signedInMember(database);
    const created = await createOffer(ctx.group.id, {
      category: 'groceries',
      title: 'I can shop on Saturdays',
      neighborhood: 'North',
    });
    expect(created).toMatchObject({ ok: true, record: { status: 'available' } });
    if (!created.ok) return;
    expect(await setOfferStatus(created.record.id, 'paused')).toMatchObject({
      ok: true,
      record: { status: 'paused' },
    });
    expect(await updateOffer(created.record.id, { status: 'closed' })).toMatchObject({
      ok: true,
      record: { status: 'closed' },
    });
    const muts = (await database.outbox.orderBy('seq').toArray()).map((e) => e.mutation);
    expect(muts.slice(1)).toMatchObject([
      { op: 'update', set: { status: 'paused' }, from: { status: 'available' } },
      { op: 'update', set: { status: 'closed' }, from: { status: 'paused' } },
    ]);
    expect(await listOffers(ctx.group.id)).toEqual([]);
    expect(await listOffers(ctx.group.id, { statuses: ['closed'] })).toHaveLength(1);
  });

  it('lists for each offer the open requests of its category nearby, most urgent first', async () => {
    const ctx = await signedInMember(database);
    const offer = await createOffer(ctx.group.id, {
      category: 'groceries',
      title: 'Shopping',
      neighborhood: 'north ',
    });
    const r = (o: Parameters<typeof makeRequest>[1]) => makeRequest(ctx.group, o);
    const urgentNorth = r({ urgency: 'urgent', neighborhood: 'North' });
    const flexibleAnywhere = r({ urgency: 'flexible', neighborhood: '' });
    const soonNorth = r({ urgency: 'soon', neighborhood: 'North' });
    const south = r({ neighborhood: 'South' });
    const pharmacy = r({ category: 'pharmacy' });
    const claimed = r({ status: 'claimed', assigneeId: newId() });
    const archived = r({ archived: true });
    await database.requests.bulkPut(
      [urgentNorth, flexibleAnywhere, soonNorth, south, pharmacy, claimed, archived].map((x) =>
        toRow(x),
      ),
    );
    const [item] = await listOffers(ctx.group.id, { matchLimit: 2 });
    expect(item?.offer.id).toBe(offer.ok && offer.record.id);
    expect(item?.pending).toBe(true);
    expect(item?.matchCount).toBe(3);
    expect(item?.matches.map((m) => m.id)).toEqual([urgentNorth.id, soonNorth.id]);
  });
});

describe('tasks', () => {
  it('lets a coordinator create a task and a member claim it, with a status log', async () => {
    const coordinator = await signedInMember(database, 'coordinator');
    const created = await createTask(coordinator.group.id, { title: 'Pantry shift', due: '' });
    expect(created).toMatchObject({ ok: true, record: { status: 'open', due: null } });
    expect(await transitionTask(created.ok ? created.record.id : '', 'claim')).toMatchObject({
      ok: true,
      record: { status: 'claimed', assigneeId: coordinator.userId },
    });
    expect(await database.logs.count()).toBe(1);
  });

  it('lists a group’s tasks by due day, undated last, with pending marks', async () => {
    const ctx = await signedInMember(database, 'coordinator');
    const late = await createTask(ctx.group.id, { title: 'Late', due: '2026-03-09' });
    const undated = await createTask(ctx.group.id, { title: 'Whenever' });
    const soon = await createTask(ctx.group.id, { title: 'Soon', due: '2026-03-03' });
    const ids = [soon, late, undated].map((r) => (r.ok ? r.record.id : ''));
    const tasks = await listGroupTasks(ctx.group.id);
    expect(tasks.map((t) => t.id)).toEqual(ids);
    expect(tasks.every((t) => t.pending)).toBe(true);
    expect(await listGroupTasks(ctx.group.id, ['done'])).toEqual([]);
  });

  it('edits a task’s due day and checklist, sending only what changed', async () => {
    const ctx = await signedInMember(database, 'coordinator');
    const created = await createTask(ctx.group.id, { title: 'Pantry shift', due: '2026-03-05' });
    const id = created.ok ? created.record.id : '';
    const result = await updateTask(id, {
      title: 'Pantry shift',
      due: '',
      checklist: [{ text: 'Keys', done: false }],
    });
    expect(result).toMatchObject({
      ok: true,
      record: { due: null, checklist: [{ text: 'Keys' }] },
    });
    const last = (await database.outbox.orderBy('seq').last())?.mutation;
    expect(last).toMatchObject({
      op: 'update',
      set: { due: null, checklist: [{ text: 'Keys', done: false }] },
      from: { due: '2026-03-05', checklist: [] },
    });
    expect(Object.keys((last as { set: object }).set).sort()).toEqual(['checklist', 'due']);
  });

  it('refuses task creation to a plain member', async () => {
    const ctx = await signedInMember(database);
    expect(await createTask(ctx.group.id, { title: 'Pantry shift' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});

describe('group settings and profile', () => {
  it('updates the group record for a coordinator, only changed settings', async () => {
    const ctx = await signedInMember(database, 'coordinator');
    const result = await updateGroupSettings(ctx.group.id, {
      name: ctx.group.name,
      requestsNeedApproval: true,
    });
    expect(result).toMatchObject({ ok: true, record: { requestsNeedApproval: true } });
    expect((await database.outbox.toArray())[0]?.mutation).toMatchObject({
      op: 'update',
      type: 'group',
      set: { requestsNeedApproval: true },
      from: { requestsNeedApproval: false },
    });
  });

  it('refuses settings changes to a member', async () => {
    const ctx = await signedInMember(database);
    expect(await updateGroupSettings(ctx.group.id, { name: 'Mine' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await outboxCount()).toBe(0);
  });

  it('updates my own membership profile', async () => {
    const ctx = await signedInMember(database);
    const result = await updateMyProfile(ctx.group.id, {
      displayName: 'Ana M.',
      skills: ['driving'],
    });
    expect(result).toMatchObject({
      ok: true,
      record: { id: ctx.membership.id, displayName: 'Ana M.', skills: ['driving'] },
    });
  });
});
