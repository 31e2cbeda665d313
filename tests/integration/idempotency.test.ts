import { describe, expect, it } from 'vitest';
import { addMember, createGroup } from './support/groups';
import {
  appendOf,
  archiveOf,
  createOf,
  logRecord,
  offerRecord,
  pullAll,
  push,
  requestRecord,
  transitionOf,
  updateOf,
} from './support/sync';
import { useTestServer } from './support/test-server';

const server = useTestServer();

/** Strips the volatile bits (none expected) so results can be compared as JSON. */
const same = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('push idempotency by mid', () => {
  it('gives the same push, replayed three times, one effect and the same results', async () => {
    const group = await createGroup(server);
    const requester = await addMember(server, group, 'Requester');
    const helper = await addMember(server, group, 'Helper');
    const request = requestRecord(group.id, requester.id);
    const offer = offerRecord(group.id, requester.id);
    await push(requester.client, [createOf(request), createOf(offer)]);

    const batch = [
      createOf(requestRecord(group.id, helper.id, { title: 'Second request' })),
      transitionOf(request, 'open', 'claimed'),
      appendOf(logRecord(request, helper.id)),
      updateOf(
        { id: helper.membershipId, groupId: group.id, type: 'membership' },
        { skills: ['driving'] },
        { skills: [] },
      ),
    ];
    const first = await push(helper.client, batch);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const second = await push(helper.client, batch);
    const third = await push(helper.client, batch);
    expect(same(second)).toEqual(same(first));
    expect(same(third)).toEqual(same(first));

    const { records } = await pullAll(requester.client);
    expect(
      records.filter((r) => r.type === 'request' && r.title === 'Second request'),
    ).toHaveLength(1);
    // One claim → one status log; one appended note.
    const logs = records.filter((r) => r.type === 'log' && r.parentId === request.id);
    expect(logs.filter((l) => l.type === 'log' && l.kind === 'status')).toHaveLength(1);
    expect(logs.filter((l) => l.type === 'log' && l.kind === 'note')).toHaveLength(1);
    const stored = records.find((r) => r.id === request.id);
    expect(stored?.rev).toBe(first[1]?.status === 'applied' ? first[1].record.rev : 'x');
  });

  it('answers a repeated mid with its first result even when the repeat would now fail', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group, 'Member');
    const offer = offerRecord(group.id, member.id);
    await push(member.client, [createOf(offer)]);
    const archive = archiveOf(offer);
    const [first] = await push(member.client, [archive]);
    expect(first?.status).toBe('applied');
    // The same mid in a later push, after the member lost the right to archive: same answer.
    await group.coordinator.client.delete(`/api/v1/groups/${group.id}/members/${member.id}`);
    const [again] = await push(member.client, [archive]);
    expect(same(again)).toEqual(same(first));
  });

  it('keeps mids apart per user', async () => {
    const group = await createGroup(server);
    const a = await addMember(server, group, 'A');
    const b = await addMember(server, group, 'B');
    const mutation = createOf(requestRecord(group.id, a.id));
    const [byA] = await push(a.client, [mutation]);
    expect(byA?.status).toBe('applied');
    // B reusing A's mid is B's own mutation: judged on its own (B may not post as A).
    const [byB] = await push(b.client, [mutation]);
    expect(byB).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('stays idempotent across a restart of the server between a push and its replay', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group, 'Member');
    const request = requestRecord(group.id, member.id);
    const batch = [
      createOf(request),
      updateOf(request, { title: 'Renamed' }, { title: request.title }),
    ];
    const first = await push(member.client, batch);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);

    await server.restart();

    const replay = await push(member.client, batch);
    expect(same(replay)).toEqual(same(first));
    const { records } = await pullAll(member.client);
    const stored = records.filter((r) => r.id === request.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ title: 'Renamed' });
  });

  it('answers a replayed create with what the create got, after others changed the record', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group, 'Member');
    const request = requestRecord(group.id, member.id, { title: 'As typed' });
    const create = createOf(request);
    const [first] = await push(member.client, [create]);
    expect(first?.status).toBe('applied');
    // Two later changes by two people: the first of them keeps the creation aside.
    await push(member.client, [updateOf(request, { title: 'Mine' }, { title: 'As typed' })]);
    await push(group.coordinator.client, [
      updateOf(request, { details: 'More' }, { details: request.details }),
    ]);
    await server.restart();

    const [again] = await push(member.client, [create]);
    expect(same(again)).toEqual(same(first));
    const { records } = await pullAll(member.client);
    expect(records.filter((r) => r.id === request.id)).toEqual([
      expect.objectContaining({ title: 'Mine', details: 'More' }),
    ]);
  });

  it('answers a replayed append with its first result and stores the entry once', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group, 'Member');
    const request = requestRecord(group.id, member.id);
    await push(member.client, [createOf(request)]);
    const append = appendOf(logRecord(request, member.id, { text: 'Dropped off' }));
    const [first] = await push(member.client, [append]);
    const [again] = await push(member.client, [append]);
    expect(first?.status).toBe('applied');
    expect(same(again)).toEqual(same(first));
    const { records } = await pullAll(member.client);
    expect(records.filter((r) => r.type === 'log' && r.parentId === request.id)).toHaveLength(1);
  });

  it("refuses another member's create replayed with the same id and mid: a conflict, not their record", async () => {
    const group = await createGroup(server);
    const owner = await addMember(server, group, 'Owner');
    const other = await addMember(server, group, 'Other');
    const request = requestRecord(group.id, owner.id, {
      private: { address: '7 Secret Lane', phone: '+1 555 0100', accessNotes: '' },
    });
    const create = createOf(request);
    expect((await push(owner.client, [create]))[0]?.status).toBe('applied');
    // The same id and mid, with a record the other member may post themselves.
    const copy = { ...create, record: { ...request, createdBy: other.id, requesterId: other.id } };
    const [answer] = await push(other.client, [copy]);
    expect(answer).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(JSON.stringify(answer)).not.toContain('Secret Lane');
  });
});
