import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, type Actor, type Role } from '../../../src/lib/domain';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import {
  getRequestDetail,
  helpOffersOf,
  offerHelp,
  outboxCount,
  setClock,
  withdrawHelpOffer,
} from '../../../src/lib/services';
import { freshDb, makeMembership, makeRequest, signedInMember } from '../db/fixtures';

const NOW = '2026-03-02T12:00:00.000Z';
let database: NeighborlyDB;

beforeEach(() => {
  database = freshDb();
  setClock(() => new Date(NOW));
});
afterEach(() => setClock(null));

/** Me, signed in as `role` in a group where coordinators assign, and an open request. */
async function setUp(
  role: Role = 'member',
  claiming: 'anyone' | 'coordinators_assign' = 'coordinators_assign',
) {
  const ctx = await signedInMember(database, role, { claiming });
  const request = makeRequest(ctx.group);
  await database.requests.put(toRow(request));
  const actor: Actor = { userId: ctx.userId, membership: { role, status: 'active' } };
  return { ...ctx, request, actor };
}

describe('offerHelp', () => {
  it('writes the offer with its append in the outbox, in one local write', async () => {
    const { userId, request } = await setUp();
    const result = await offerHelp(request.id, '  I can go Tuesday after 5 ');
    expect(result).toMatchObject({
      ok: true,
      record: {
        type: 'log',
        kind: 'offer',
        parentId: request.id,
        createdBy: userId,
        text: 'I can go Tuesday after 5',
        at: NOW,
      },
    });
    if (!result.ok) return;
    const entries = await database.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      recordId: result.record.id,
      mutation: { op: 'append', type: 'log', id: result.record.id, record: { kind: 'offer' } },
    });
    expect(await database.logs.get(result.record.id)).toBeTruthy();
  });

  it('shows my offer as pending, no second "I can help", and nothing for me to assign', async () => {
    const { request, actor } = await setUp();
    const before = await getRequestDetail(request.id);
    expect(helpOffersOf(before!, actor)).toMatchObject({ canOffer: true, mine: null });
    await offerHelp(request.id);
    const after = helpOffersOf((await getRequestDetail(request.id))!, actor);
    expect(after).toMatchObject({
      canOffer: false,
      canWithdraw: true,
      mine: { userId: actor.userId, text: '', pending: true },
      toAssign: [],
    });
  });

  it('is refused where I may simply claim, and writes nothing', async () => {
    const { request, actor } = await setUp('member', 'anyone');
    expect(helpOffersOf((await getRequestDetail(request.id))!, actor).canOffer).toBe(false);
    expect(await offerHelp(request.id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await database.logs.count()).toBe(0);
    expect(await outboxCount()).toBe(0);
  });

  it('keeps a note that is too long out, and says which field', async () => {
    const { request } = await setUp();
    const result = await offerHelp(request.id, 'x'.repeat(281));
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'text', code: 'too_long' }],
    });
    expect(await outboxCount()).toBe(0);
  });
});

describe('withdrawHelpOffer', () => {
  it('takes my offer back with a second entry, both queued in order', async () => {
    const { request, actor } = await setUp();
    await offerHelp(request.id, 'Monday');
    setClock(() => new Date('2026-03-02T12:05:00.000Z'));
    expect(await withdrawHelpOffer(request.id)).toMatchObject({
      ok: true,
      record: { kind: 'offer_withdrawn' },
    });
    const kinds = (await database.outbox.orderBy('seq').toArray()).map((e) =>
      e.mutation.op === 'append' ? e.mutation.record.kind : e.mutation.op,
    );
    expect(kinds).toEqual(['offer', 'offer_withdrawn']);
    const view = helpOffersOf((await getRequestDetail(request.id))!, actor);
    expect(view).toMatchObject({ canOffer: true, mine: null, canWithdraw: false });
  });
});

describe('helpOffersOf, for a coordinator', () => {
  it("lists members' standing offers with their notes, to assign with one tap", async () => {
    const { group, request, actor } = await setUp('coordinator');
    const helper = newId();
    await database.memberships.put(toRow(makeMembership(group, helper, 'member')));
    await database.logs.put(
      toRow({
        id: newId(),
        type: 'log',
        groupId: group.id,
        createdAt: NOW,
        createdBy: helper,
        updatedAt: NOW,
        archived: false,
        parentId: request.id,
        kind: 'offer',
        text: 'After 5',
        minutes: null,
        amount: null,
        at: NOW,
      }),
    );
    const detail = (await getRequestDetail(request.id))!;
    expect(helpOffersOf(detail, actor)).toMatchObject({
      canOffer: false,
      mine: null,
      toAssign: [{ userId: helper, text: 'After 5', at: NOW, pending: false }],
    });
    expect(detail.names[helper]).toBe(`User ${helper.slice(-4)}`);
  });
});
