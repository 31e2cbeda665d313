import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyRecord, Request } from '../../src/lib/domain';
import type { PullResponse } from '../../src/lib/protocol';
import { addMember, createGroup, type TestGroup } from './support/groups';
import { createOf, offerRecord, pullAll, push, requestRecord } from './support/sync';
import { useTestServer } from './support/test-server';
import type { SignedInUser } from './support/users';

const server = useTestServer();

const TOTAL = 2000;

function ids(records: AnyRecord[]): string[] {
  return records.map((r) => r.id);
}

describe('pull', () => {
  let group: TestGroup;
  let author: SignedInUser & { membershipId: string };
  const created = new Set<string>();

  beforeAll(async () => {
    group = await createGroup(server);
    author = await addMember(server, group, 'Author');
    for (let batch = 0; batch < TOTAL / 500; batch += 1) {
      const records = Array.from({ length: 500 }, (_, i) =>
        i % 2 === 0
          ? requestRecord(group.id, author.id, { title: `Request ${batch}-${i}` })
          : offerRecord(group.id, author.id, { title: `Offer ${batch}-${i}` }),
      );
      const results = await push(author.client, records.map(createOf));
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      for (const record of records) created.add(record.id);
    }
  }, 120_000);

  it(`pages over ${TOTAL}+ records with none missed and none duplicated, including writes made mid-way`, async () => {
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    let more = true;
    const late: string[] = [];
    while (more) {
      const query = new URLSearchParams({ limit: '150' });
      if (cursor) query.set('cursor', cursor);
      const response = await author.client.get<{
        records: AnyRecord[];
        cursor: string;
        more: boolean;
      }>(`/api/v1/sync/pull?${query}`);
      expect(response.status).toBe(200);
      expect(response.body.records.length).toBeLessThanOrEqual(150);
      seen.push(...ids(response.body.records));
      cursor = response.body.cursor;
      more = response.body.more;
      pages += 1;
      if (pages === 5) {
        // Someone writes while the first sync is still paging: it must arrive too.
        const extra = Array.from({ length: 20 }, () => requestRecord(group.id, author.id));
        await push(author.client, extra.map(createOf));
        late.push(...extra.map((r) => r.id));
      }
    }
    expect(pages).toBeGreaterThan(TOTAL / 150);
    const unique = new Set(seen);
    expect(unique.size).toBe(seen.length);
    for (const id of [...created, ...late]) expect(unique.has(id)).toBe(true);

    // Caught up: the next pull is empty and keeps the cursor usable.
    const idle = await pullAll(author.client, cursor);
    expect(idle.records).toEqual([]);
  });

  it('gives a new member the whole history of the group', async () => {
    const newcomer = await addMember(server, group, 'Newcomer');
    const { records, pages } = await pullAll(newcomer.client, '', 1000);
    expect(pages).toBeGreaterThan(1);
    const got = new Set(ids(records));
    for (const id of created) expect(got.has(id)).toBe(true);
    // Redacted for a plain member: no private parts of other people's requests.
    const requests = records.filter((r): r is Request => r.type === 'request');
    expect(requests.every((r) => r.requesterId !== newcomer.id && !('private' in r))).toBe(true);
  });

  it('starts a group the caller joins later from the beginning, beside groups already synced', async () => {
    const member = await addMember(server, group, 'Two groups');
    const first = await pullAll(member.client, '', 5000);
    const other = await createGroup(server, { name: 'Other' });
    const offer = offerRecord(other.id, other.coordinator.id);
    await push(other.coordinator.client, [createOf(offer)]);
    const code = await other.coordinator.client.post<{ invite: { code: string } }>(
      `/api/v1/groups/${other.id}/invites`,
      {},
    );
    await member.client.post('/api/v1/join', { code: code.body.invite.code });
    const next = await pullAll(member.client, first.cursor);
    expect(ids(next.records)).toContain(offer.id);
    expect(next.records.every((r) => r.groupId === other.id)).toBe(true);
  });

  it('purges a group after removal, and restarts it without private parts after a demotion', async () => {
    /** Like pullAll, also collecting `restart`. */
    const pullWithRestarts = async (client: SignedInUser['client'], cursor: string) => {
      const records: AnyRecord[] = [];
      const purge: string[] = [];
      const restart: string[] = [];
      for (let current = cursor; ;) {
        const response = await client.get<PullResponse>(
          `/api/v1/sync/pull?cursor=${current}&limit=1000`,
        );
        expect(response.status, response.text).toBe(200);
        records.push(...response.body.records);
        purge.push(...response.body.purge);
        restart.push(...(response.body.restart ?? []));
        current = response.body.cursor;
        if (!response.body.more) return { records, purge, restart, cursor: current };
      }
    };
    const g = await createGroup(server);
    const requester = await addMember(server, g, 'Requester');
    const deputy = await addMember(server, g, 'Deputy', 'coordinator');
    const request = requestRecord(g.id, requester.id);
    await push(requester.client, [createOf(request)]);

    const asCoordinator = await pullAll(deputy.client);
    const seenPrivate = asCoordinator.records.find((r) => r.id === request.id) as Request;
    expect(seenPrivate.private).toBeDefined();

    const demoted = await g.coordinator.client.post(
      `/api/v1/groups/${g.id}/members/${deputy.id}/role`,
      { role: 'member' },
    );
    expect(demoted.status, demoted.text).toBe(200);
    const afterDemotion = await pullWithRestarts(deputy.client, asCoordinator.cursor);
    // Still a member: not a loss (that would drop waiting changes and conflicts), a restart.
    expect(afterDemotion.purge).toEqual([]);
    expect(afterDemotion.restart).toEqual([g.id]);
    const refilled = afterDemotion.records.find((r) => r.id === request.id) as Request;
    expect(refilled).toBeDefined();
    expect('private' in refilled).toBe(false);
    // The whole group came again: every record the coordinator had seen.
    for (const record of asCoordinator.records.filter((r) => r.groupId === g.id)) {
      expect(ids(afterDemotion.records)).toContain(record.id);
    }
    // Restarted once: the next pull neither restarts nor resends it.
    const settled = await pullWithRestarts(deputy.client, afterDemotion.cursor);
    expect(settled.restart).toEqual([]);
    expect(settled.records).toEqual([]);

    // A promotion sends the group again with the private parts, without a restart.
    await g.coordinator.client.post(`/api/v1/groups/${g.id}/members/${deputy.id}/role`, {
      role: 'coordinator',
    });
    const promoted = await pullWithRestarts(deputy.client, afterDemotion.cursor);
    expect(promoted.restart).toEqual([]);
    expect((promoted.records.find((r) => r.id === request.id) as Request).private).toBeDefined();
    await g.coordinator.client.post(`/api/v1/groups/${g.id}/members/${deputy.id}/role`, {
      role: 'member',
    });

    await g.coordinator.client.delete(`/api/v1/groups/${g.id}/members/${deputy.id}`);
    const afterRemoval = await pullAll(deputy.client, afterDemotion.cursor);
    expect(afterRemoval.purge).toEqual([g.id]);
    expect(afterRemoval.records).toEqual([]);
    // Purged groups leave the cursor: the next pull does not repeat the purge.
    const quiet = await pullAll(deputy.client, afterRemoval.cursor);
    expect(quiet.purge).toEqual([]);
  });

  it('rejects a cursor it did not make', async () => {
    const response = await author.client.get<{ error: { code: string } }>(
      '/api/v1/sync/pull?cursor=bm90LWEtY3Vyc29y',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid');
  });
});
