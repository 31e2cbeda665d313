import { describe, expect, it } from 'vitest';
import { addMember, createGroup } from './support/groups';
import { createOf, pullAll, push, requestRecord, transitionOf } from './support/sync';
import { useTestServer } from './support/test-server';

const server = useTestServer();

const ROUNDS = 50;

describe('concurrent claims', () => {
  it(`gives exactly one winner in each of ${ROUNDS} rounds of two simultaneous claims`, async () => {
    const group = await createGroup(server);
    const requester = await addMember(server, group, 'Requester');
    const alice = await addMember(server, group, 'Alice');
    const bob = await addMember(server, group, 'Bob');

    const requests = Array.from({ length: ROUNDS }, () => requestRecord(group.id, requester.id));
    const created = await push(requester.client, requests.map(createOf));
    expect(created.every((r) => r.status === 'applied')).toBe(true);

    const winners: string[] = [];
    for (const request of requests) {
      const [a, b] = await Promise.all([
        push(alice.client, [transitionOf(request, 'open', 'claimed')]),
        push(bob.client, [transitionOf(request, 'open', 'claimed')]),
      ]);
      const results = [a[0], b[0]];
      const applied = results.filter((r) => r?.status === 'applied');
      const lost = results.filter((r) => r?.status === 'rejected');
      expect(applied).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ code: 'already_claimed' });
      const winner = a[0]?.status === 'applied' ? alice : bob;
      if (lost[0]?.status === 'rejected') {
        expect(lost[0].holder?.userId).toBe(winner.id);
        expect(lost[0].holder?.displayName).toBe(winner === alice ? 'Alice' : 'Bob');
      }
      winners.push(winner.id);
    }

    // The stored state agrees with the answers, and each claim logged exactly once.
    const { records } = await pullAll(requester.client);
    for (const [i, request] of requests.entries()) {
      const stored = records.find((r) => r.id === request.id);
      expect(stored).toMatchObject({ status: 'claimed', assigneeId: winners[i] });
      const logs = records.filter((r) => r.type === 'log' && r.parentId === request.id);
      expect(logs).toHaveLength(1);
    }
  });
});
