import { describe, expect, it } from 'vitest';
import type { Membership } from '../../src/lib/domain';
import { addMember, createGroup, inviteCode, type TestGroup } from './support/groups';
import { pullAll, push, updateOf } from './support/sync';
import { useTestServer } from './support/test-server';
import { signUp, type SignedInUser } from './support/users';

const server = useTestServer();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ErrorBody {
  error: { code: string; message: string };
}
interface Me {
  memberships: Array<{ groupId: string; groupName: string; role: string; status: string }>;
}

async function standingIn(user: SignedInUser, groupId: string) {
  const me = await user.client.get<Me>('/api/v1/me');
  expect(me.status).toBe(200);
  return me.body.memberships.find((m) => m.groupId === groupId);
}

/** The membership records of `group` as its coordinator pulls them. */
async function membershipRecords(group: TestGroup): Promise<Membership[]> {
  const { records } = await pullAll(group.coordinator.client);
  return records.filter((r): r is Membership => r.type === 'membership' && r.groupId === group.id);
}

describe('memberships under concurrent changes', () => {
  it('a group renamed again and again while its members are removed never brings them back', async () => {
    for (let round = 0; round < 3; round += 1) {
      const group = await createGroup(server, { name: `Name ${round}.0` });
      const members = await Promise.all(
        ['A', 'B', 'C', 'D'].map((name) => addMember(server, group, `${name}${round}`)),
      );
      let name = group.group.name;
      const renames = (async () => {
        for (let i = 1; i <= 8; i += 1) {
          const next = `Name ${round}.${i}`;
          const [result] = await push(group.coordinator.client, [
            updateOf(group.group, { name: next }, { name }),
          ]);
          expect(result?.status).toBe('applied');
          name = next;
        }
      })();
      const removals = members.map(async (member, i) => {
        await sleep(20 + i * 25);
        return group.coordinator.client.delete(`/api/v1/groups/${group.id}/members/${member.id}`);
      });
      const [, ...removed] = await Promise.all([renames, ...removals]);
      expect(removed.map((r) => r.status)).toEqual([200, 200, 200, 200]);

      for (const member of members) {
        expect(await standingIn(member, group.id), `round ${round}`).toBeUndefined();
        const pulled = await member.client.get(`/api/v1/sync/pull`);
        expect(pulled.status).toBe(200);
        expect(pulled.text).not.toContain(group.id);
      }
      expect(await standingIn(group.coordinator, group.id)).toMatchObject({
        groupName: name,
        role: 'coordinator',
        status: 'active',
      });
      const records = await membershipRecords(group);
      for (const member of members) {
        expect(records.find((r) => r.userId === member.id)?.status).toBe('removed');
      }
    }
  });

  it('promotions racing a removal never make the removed member active again', async () => {
    const group = await createGroup(server);
    for (let round = 0; round < 6; round += 1) {
      const member = await addMember(server, group, `Raced ${round}`);
      const promote = async (delay: number) => {
        await sleep(delay);
        return group.coordinator.client.post<ErrorBody>(
          `/api/v1/groups/${group.id}/members/${member.id}/role`,
          { role: 'coordinator' },
        );
      };
      const [removed, ...promotions] = await Promise.all([
        group.coordinator.client.delete<ErrorBody>(
          `/api/v1/groups/${group.id}/members/${member.id}`,
        ),
        ...[0, 2, 4, 6, 8, 10].map(promote),
      ]);
      expect(removed.status).toBe(200);
      // A promotion either came first (then the removal removed a coordinator), or found
      // the member changed and was told so, or found them removed already.
      for (const promoted of promotions) {
        expect([200, 404, 409]).toContain(promoted.status);
        if (promoted.status === 409)
          expect(promoted.body.error.code).toMatch(/illegal_transition|invalid/);
      }
      expect(await standingIn(member, group.id), `round ${round}`).toBeUndefined();
      const record = (await membershipRecords(group)).find((r) => r.userId === member.id);
      expect(record?.status, `round ${round}`).toBe('removed');
    }
  });

  it('five joins at once by one person with one code make one membership and one use', async () => {
    const group = await createGroup(server);
    const code = await inviteCode(group, { maxUses: 10 });
    const joiner = await signUp(server, 'Eager');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        joiner.client.post<ErrorBody>('/api/v1/join', { code, displayName: 'Eager' }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.error.code).toBe('already_member');
    }
    const records = (await membershipRecords(group)).filter((r) => r.userId === joiner.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'active', role: 'member' });
    const invites = await group.coordinator.client.get<{
      invites: Array<{ code: string; uses: number }>;
    }>(`/api/v1/groups/${group.id}/invites`);
    expect(invites.body.invites.find((i) => i.code === code)?.uses).toBe(1);
    expect(await standingIn(joiner, group.id)).toMatchObject({ status: 'active' });
  });

  it('a join refused for a used-up code leaves the joiner free to join with another', async () => {
    const group = await createGroup(server);
    const once = await inviteCode(group, { maxUses: 1 });
    await addMember(server, group, 'First');
    const first = await signUp(server, 'Late');
    expect((await first.client.post('/api/v1/join', { code: once })).status).toBe(200);
    const late = await signUp(server, 'Later');
    const refused = await late.client.post<ErrorBody>('/api/v1/join', { code: once });
    expect(refused.body.error.code).toBe('invite_invalid');
    const fresh = await inviteCode(group);
    const joined = await late.client.post<{ membership: Membership }>('/api/v1/join', {
      code: fresh,
    });
    expect(joined.status, joined.text).toBe(200);
    expect(joined.body.membership.status).toBe('active');
  });

  it('someone removed and invited again gets their old membership record back', async () => {
    const group = await createGroup(server, { joinPolicy: 'approval' });
    const member = await addMember(server, group, 'Returning');
    const removed = await group.coordinator.client.delete(
      `/api/v1/groups/${group.id}/members/${member.id}`,
    );
    expect(removed.status).toBe(200);
    const code = await inviteCode(group);
    const back = await member.client.post<{ membership: Membership }>('/api/v1/join', { code });
    expect(back.status, back.text).toBe(200);
    expect(back.body.membership).toMatchObject({
      id: member.membershipId,
      status: 'pending',
      role: 'member',
    });
    const records = (await membershipRecords(group)).filter((r) => r.userId === member.id);
    expect(records.map((r) => r.id)).toEqual([member.membershipId]);
  });
});
