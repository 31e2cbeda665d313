import { describe, expect, it } from 'vitest';
import type { AnyRecord } from '../../src/lib/domain';
import type { Mutation, MutationResult } from '../../src/lib/protocol';
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

/** Values that differ between two equal worlds (server time, revs) are left out. */
const VOLATILE = new Set(['rev', 'createdAt', 'updatedAt', 'at', 'neededBy']);

/** A result or record with every id replaced by its role in the world, for comparison. */
function normalize(value: unknown, names: Map<string, string>): unknown {
  if (typeof value === 'string') return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => normalize(v, names));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !VOLATILE.has(key))
        .map(([key, v]) => [key, normalize(v, names)]),
    );
  }
  return value;
}

/**
 * Two groups the member belongs to, one they do not, a few stored records, and a push's
 * worth of mutations touching all of them: creates, a create then edits of the same record,
 * a claim then a log on it, release and claim again, conflicts, every kind of rejection,
 * an edit of the member's own membership between the others, and a repeated mid.
 */
async function world() {
  const home = await createGroup(server, { claiming: 'anyone' });
  const coordinator = home.coordinator;
  const second = await createGroup(server, {}, coordinator);
  const foreign = await createGroup(server);
  const member = await addMember(server, home, 'Member');
  const code = await coordinator.client.post<{ invite: { code: string } }>(
    `/api/v1/groups/${second.id}/invites`,
    {},
  );
  const joined = await member.client.post<{ membership: { id: string } }>('/api/v1/join', {
    code: code.body.invite.code,
  });
  expect(joined.status, joined.text).toBe(200);

  const open = requestRecord(home.id, coordinator.id, { title: 'Open one' });
  const other = requestRecord(home.id, coordinator.id, { title: 'Other one' });
  const away = requestRecord(second.id, coordinator.id, { title: 'Away one' });
  const foreignRequest = requestRecord(foreign.id, foreign.coordinator.id);
  const ownOffer = offerRecord(home.id, member.id, { title: 'My offer' });
  await push(coordinator.client, [createOf(open), createOf(other)]);
  await push(coordinator.client, [createOf(away)]);
  await push(foreign.coordinator.client, [createOf(foreignRequest)]);
  await push(member.client, [createOf(ownOffer)]);

  const fresh = requestRecord(home.id, member.id, { title: 'Fresh' });
  const doomed = offerRecord(home.id, member.id, { title: 'Doomed' });
  const inSecond = offerRecord(second.id, member.id, { title: 'Second offer' });
  const first = createOf(fresh);
  const mutations: Mutation[] = [
    first,
    updateOf(fresh, { title: 'Fresh, edited' }, { title: 'Fresh' }),
    updateOf(fresh, { details: 'More words' }, { details: fresh.details }),
    transitionOf(open, 'open', 'claimed'),
    appendOf(logRecord(open, member.id, { text: 'On my way' })),
    createOf(inSecond),
    updateOf(other, { title: 'Not mine' }, { title: 'Other one' }),
    updateOf(ownOffer, { title: 'My offer, edited' }, { title: 'My offer' }),
    updateOf(ownOffer, { title: 'Someone else saw' }, { title: 'Something older' }),
    transitionOf(other, 'open', 'done'),
    updateOf(
      { id: member.membershipId, groupId: home.id, type: 'membership' },
      { skills: ['driving'] },
      { skills: [] },
    ),
    archiveOf(other),
    createOf(requestRecord(foreign.id, member.id)),
    updateOf(foreignRequest, { title: 'x' }, { title: foreignRequest.title }),
    updateOf({ ...open, id: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }, { title: 'x' }, { title: 'y' }),
    createOf({ ...requestRecord(home.id, member.id), id: other.id }),
    createOf(doomed),
    archiveOf(doomed),
    transitionOf(open, 'claimed', 'open'),
    transitionOf(open, 'open', 'claimed'),
    updateOf(away, { title: 'Away, edited' }, { title: 'Away one' }),
    first,
  ];
  const names = new Map<string, string>([
    [home.id, 'home'],
    [second.id, 'second'],
    [foreign.id, 'foreign'],
    [coordinator.id, 'coordinator'],
    [foreign.coordinator.id, 'foreignCoordinator'],
    [member.id, 'member'],
    [member.membershipId, 'membership'],
    [joined.body.membership.id, 'secondMembership'],
  ]);
  for (const [i, m] of mutations.entries()) {
    names.set(m.mid, `mid${mutations.indexOf(m) === i ? i : mutations.indexOf(m)}`);
    if (!names.has(m.id)) names.set(m.id, `record${i}`);
    if (m.op === 'transition') names.set(m.logId, `log${i}`);
  }
  const stored = async () => {
    const records = (await pullAll(member.client)).records;
    return records
      .filter((r: AnyRecord) => r.type !== 'membership' || r.userId === member.id)
      .map((r) => normalize(r, names) as Record<string, unknown>)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  };
  return { member, mutations, names, stored };
}

describe('a push applied in bulk', () => {
  it('gives many mutations across records and groups the results and effects they get one by one', async () => {
    const together = await world();
    const apart = await world();

    const bulk = await push(together.member.client, together.mutations);
    const single: MutationResult[] = [];
    for (const mutation of apart.mutations) {
      single.push(...(await push(apart.member.client, [mutation])));
    }

    expect(bulk.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'rejected',
      'applied',
      'merged',
      'rejected',
      'applied',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'applied',
      'applied',
      'applied',
      'applied',
      'rejected',
      'applied',
    ]);
    expect(normalize(bulk, together.names)).toEqual(normalize(single, apart.names));
    expect(bulk.at(-1)).toEqual(bulk[0]);
    expect(await together.stored()).toEqual(await apart.stored());

    // Every write got its own revision, in order: the edits of one record build on each other.
    const revs = bulk.slice(0, 3).map((r) => (r.status === 'rejected' ? '' : r.record.rev));
    expect(revs.map((rev) => Number(rev?.split('-')[0]))).toEqual([1, 2, 3]);
  });

  it('applies a create and then an update of the same record in one push', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group);
    const request = requestRecord(group.id, member.id, { title: 'Before' });
    const results = await push(member.client, [
      createOf(request),
      updateOf(request, { title: 'After' }, { title: 'Before' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const [created, updated] = results;
    if (created?.status !== 'applied' || updated?.status !== 'applied') throw new Error('rejected');
    expect(created.record).toMatchObject({ id: request.id, title: 'Before' });
    expect(updated.record).toMatchObject({ id: request.id, title: 'After' });
    expect(updated.record.rev).not.toBe(created.record.rev);

    const { records } = await pullAll(member.client);
    expect(records.find((r) => r.id === request.id)).toMatchObject({
      title: 'After',
      rev: updated.record.rev,
    });
  });

  it('gives exactly one winner when two pushes of many mutations claim the same request at once', async () => {
    const group = await createGroup(server, { claiming: 'anyone' });
    const alice = await addMember(server, group, 'Alice');
    const bob = await addMember(server, group, 'Bob');
    const rounds = 10;
    const requests = Array.from({ length: rounds }, () =>
      requestRecord(group.id, group.coordinator.id),
    );
    await push(group.coordinator.client, requests.map(createOf));
    const aliceOffer = offerRecord(group.id, alice.id, { title: 'Alice 0' });
    const bobOffer = offerRecord(group.id, bob.id, { title: 'Bob 0' });
    await push(alice.client, [createOf(aliceOffer)]);
    await push(bob.client, [createOf(bobOffer)]);

    const batchOf = (
      user: typeof alice,
      offer: AnyRecord,
      request: AnyRecord,
      round: number,
    ): Mutation[] => [
      createOf(requestRecord(group.id, user.id)),
      updateOf(offer, { title: `${user.name} ${round + 1}` }, { title: `${user.name} ${round}` }),
      transitionOf(request, 'open', 'claimed'),
      createOf(offerRecord(group.id, user.id)),
    ];
    for (const [round, request] of requests.entries()) {
      const [a, b] = await Promise.all([
        push(alice.client, batchOf(alice, aliceOffer, request, round)),
        push(bob.client, batchOf(bob, bobOffer, request, round)),
      ]);
      const claims = [a[2], b[2]];
      expect(claims.filter((r) => r?.status === 'applied')).toHaveLength(1);
      expect(claims.filter((r) => r?.status === 'rejected')).toHaveLength(1);
      expect(claims.find((r) => r?.status === 'rejected')).toMatchObject({
        code: 'already_claimed',
      });
      // Everything else in both pushes applied, whatever happened to the claim.
      for (const result of [a[0], a[1], a[3], b[0], b[1], b[3]]) {
        expect(result?.status).toBe('applied');
      }
    }
    const { records } = await pullAll(alice.client);
    for (const request of requests) {
      const logs = records.filter((r) => r.type === 'log' && r.parentId === request.id);
      expect(logs).toHaveLength(1);
      expect(records.find((r) => r.id === request.id)).toMatchObject({ status: 'claimed' });
    }
  });

  it('keeps the order of a push longer than one write segment: later edits see earlier creates', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group);
    const requests = Array.from({ length: 260 }, (_, i) =>
      requestRecord(group.id, member.id, { title: `Request ${i}` }),
    );
    // Edits of records created in the segment being written and in the one being decided,
    // and a log on one of them, between and after the creates.
    const edited = [0, 99, 100, 150, 259];
    const mutations: Mutation[] = [
      ...requests.slice(0, 180).map(createOf),
      ...edited
        .filter((i) => i < 180)
        .map((i) => updateOf(requests[i]!, { title: `Edited ${i}` }, { title: `Request ${i}` })),
      ...requests.slice(180).map(createOf),
      updateOf(requests[259]!, { title: 'Edited 259' }, { title: 'Request 259' }),
      appendOf(logRecord(requests[100]!, member.id, { text: 'On it' })),
    ];
    const results = await push(member.client, mutations);
    expect(results.filter((r) => r.status !== 'applied')).toEqual([]);

    const { records } = await pullAll(member.client);
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const [i, request] of requests.entries()) {
      const stored = byId.get(request.id);
      const wanted = edited.includes(i) ? `Edited ${i}` : `Request ${i}`;
      expect(stored).toMatchObject({ title: wanted, rev: expect.stringMatching(/^[12]-/) });
    }
    expect(records.filter((r) => r.type === 'log')).toHaveLength(1);
  });
});
