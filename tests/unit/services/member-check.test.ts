import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/domain';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import { createTask, setClock, transitionRequest } from '../../../src/lib/services';
import { freshDb, makeMembership, makeRequest, signedInMember } from '../db/fixtures';

/*
 * Work goes only to active members (docs/decisions.md). The server refuses an assignment to
 * anyone else as `invalid` with `{ path: 'assigneeId', code: 'not_a_member' }`; the phone,
 * offline, judges it by its own membership records and refuses it the same way, so nothing
 * is queued that the server would only send back.
 */
const SERVER_REFUSAL = {
  ok: false,
  code: 'invalid',
  errors: [{ path: 'assigneeId', code: 'not_a_member' }],
};

let database: NeighborlyDB;
beforeEach(() => {
  database = freshDb();
  setClock(() => new Date('2026-03-02T12:00:00.000Z'));
});
afterEach(() => setClock(null));

async function coordinatorWithOpenRequest() {
  const ctx = await signedInMember(database, 'coordinator');
  const request = makeRequest(ctx.group, { status: 'open' });
  await database.requests.put(toRow(request));
  return { ...ctx, request };
}

describe('an assignment offline is judged by the memberships on the phone', () => {
  it('assigning a request to someone the phone knows as no member is refused like the server would', async () => {
    const { request } = await coordinatorWithOpenRequest();
    const stranger = newId();
    expect(await transitionRequest(request.id, 'assign', { assigneeId: stranger })).toEqual(
      SERVER_REFUSAL,
    );
    expect(await database.outbox.count()).toBe(0);
    expect((await database.requests.get(request.id))?.status).toBe('open');
  });

  it('assigning a request to someone who left the group is refused, and nothing is queued', async () => {
    const { group, request } = await coordinatorWithOpenRequest();
    const former = makeMembership(group, newId(), 'member', { status: 'removed' });
    await database.memberships.put(toRow(former));
    expect(await transitionRequest(request.id, 'assign', { assigneeId: former.userId })).toEqual(
      SERVER_REFUSAL,
    );
    expect(await database.outbox.count()).toBe(0);
  });

  it('assigning to a member still waiting for approval is refused', async () => {
    const { group, request } = await coordinatorWithOpenRequest();
    const waiting = makeMembership(group, newId(), 'member', { status: 'pending' });
    await database.memberships.put(toRow(waiting));
    expect(await transitionRequest(request.id, 'assign', { assigneeId: waiting.userId })).toEqual(
      SERVER_REFUSAL,
    );
  });

  it('assigning to an active member goes ahead and is queued', async () => {
    const { group, request } = await coordinatorWithOpenRequest();
    const helper = makeMembership(group, newId());
    await database.memberships.put(toRow(helper));
    expect(
      await transitionRequest(request.id, 'assign', { assigneeId: helper.userId }),
    ).toMatchObject({ ok: true, record: { status: 'claimed', assigneeId: helper.userId } });
    expect(await database.outbox.count()).toBe(1);
  });

  it('a task made for someone who is no member is refused; made for a member, it is stored', async () => {
    const { group } = await signedInMember(database, 'coordinator');
    expect(await createTask(group.id, { title: 'Pantry shift', assigneeId: newId() })).toEqual(
      SERVER_REFUSAL,
    );
    expect(await database.tasks.count()).toBe(0);

    const helper = makeMembership(group, newId());
    await database.memberships.put(toRow(helper));
    expect(
      await createTask(group.id, { title: 'Pantry shift', assigneeId: helper.userId }),
    ).toMatchObject({ ok: true, record: { assigneeId: helper.userId } });
  });
});
