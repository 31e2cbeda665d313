import { describe, expect, it } from 'vitest';
import { defaultGroupSettings, newId } from '../../src/lib/domain';
import { TestClient } from './support/http-client';
import { addMember, createGroup, inviteCode } from './support/groups';
import { useTestServer } from './support/test-server';
import { signUp } from './support/users';

const server = useTestServer();

interface ErrorBody {
  error: { code: string; message: string };
}
interface Me {
  memberships: Array<{ groupId: string; groupName: string; role: string; status: string }>;
}

describe('groups, invites and members', () => {
  it('makes the creator an active coordinator and lists the group in /me', async () => {
    const group = await createGroup(server, { name: 'Crown Heights Mutual Aid' });
    expect(group.group).toMatchObject({
      id: group.id,
      type: 'group',
      name: 'Crown Heights Mutual Aid',
    });
    const me = await group.coordinator.client.get<Me>('/api/v1/me');
    expect(me.body.memberships).toEqual([
      {
        groupId: group.id,
        groupName: 'Crown Heights Mutual Aid',
        role: 'coordinator',
        status: 'active',
      },
    ]);
  });

  it('answers a retried group creation with the same group, and refuses the id to others', async () => {
    const owner = await signUp(server);
    const id = newId();
    const body = { id, ...defaultGroupSettings('Retry Group') };
    const first = await owner.client.post<{ membership: { id: string } }>('/api/v1/groups', body);
    const again = await owner.client.post<{ membership: { id: string } }>('/api/v1/groups', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.membership.id).toBe(first.body.membership.id);
    const other = await signUp(server);
    const stolen = await other.client.post<ErrorBody>('/api/v1/groups', body);
    expect(stolen.status).toBe(409);
  });

  it('creates, lists and revokes invites (coordinators only) with short typeable codes', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group);
    const code = await inviteCode(group, { maxUses: 2 });
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

    const list = await group.coordinator.client.get<{ invites: Array<{ code: string }> }>(
      `/api/v1/groups/${group.id}/invites`,
    );
    expect(list.body.invites.map((i) => i.code)).toContain(code);

    expect((await member.client.post(`/api/v1/groups/${group.id}/invites`, {})).status).toBe(403);
    expect((await member.client.get(`/api/v1/groups/${group.id}/invites`)).status).toBe(403);

    expect(
      (await group.coordinator.client.delete(`/api/v1/groups/${group.id}/invites/${code}`)).status,
    ).toBe(204);
    const joiner = await signUp(server);
    const join = await joiner.client.post<ErrorBody>('/api/v1/join', { code });
    expect(join.status).toBe(404);
    expect(join.body.error.code).toBe('invite_invalid');
  });

  it('previews an invite and joins by code, lower-case and spaced as typed', async () => {
    const group = await createGroup(server, { name: 'Previewed', description: 'Hello' });
    const code = await inviteCode(group);
    const joiner = await signUp(server, 'Joiner');
    const preview = await joiner.client.get<{ group: { name: string }; joinPolicy: string }>(
      `/api/v1/invites/${code.toLowerCase()}`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ group: { name: 'Previewed' }, joinPolicy: 'code' });
    const joined = await joiner.client.post<{
      groupId: string;
      membership: { status: string; role: string };
    }>('/api/v1/join', { code: ` ${code.toLowerCase()} `, displayName: 'J.' });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({
      groupId: group.id,
      membership: { status: 'active', role: 'member' },
    });
    const again = await joiner.client.post<ErrorBody>('/api/v1/join', { code });
    expect(again.body.error.code).toBe('already_member');
  });

  it('enforces maxUses and expiry', async () => {
    const group = await createGroup(server);
    const once = await inviteCode(group, { maxUses: 1 });
    const a = await signUp(server);
    const b = await signUp(server);
    expect((await a.client.post('/api/v1/join', { code: once })).status).toBe(200);
    expect((await b.client.post('/api/v1/join', { code: once })).status).toBe(404);
    const past = await group.coordinator.client.post<ErrorBody>(
      `/api/v1/groups/${group.id}/invites`,
      {
        expiresAt: '2020-01-01T00:00:00.000Z',
      },
    );
    expect(past.status).toBe(400);
  });

  it('puts joiners of an approval group in pending until a coordinator approves', async () => {
    const group = await createGroup(server, { joinPolicy: 'approval' });
    const code = await inviteCode(group);
    const joiner = await signUp(server);
    const joined = await joiner.client.post<{ membership: { status: string } }>('/api/v1/join', {
      code,
    });
    expect(joined.body.membership.status).toBe('pending');
    const pendingMe = await joiner.client.get<Me>('/api/v1/me');
    expect(pendingMe.body.memberships[0]).toMatchObject({ groupId: group.id, status: 'pending' });

    const approved = await group.coordinator.client.post<{ membership: { status: string } }>(
      `/api/v1/groups/${group.id}/members/${joiner.id}/approve`,
    );
    expect(approved.status).toBe(200);
    expect(approved.body.membership.status).toBe('active');
  });

  it('keeps the last coordinator from leaving or being demoted', async () => {
    const group = await createGroup(server);
    const self = group.coordinator.id;
    const demote = await group.coordinator.client.post<ErrorBody>(
      `/api/v1/groups/${group.id}/members/${self}/role`,
      { role: 'member' },
    );
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('last_coordinator');
    const leave = await group.coordinator.client.delete<ErrorBody>(
      `/api/v1/groups/${group.id}/members/${self}`,
    );
    expect(leave.body.error.code).toBe('last_coordinator');

    const second = await addMember(server, group, 'Second', 'coordinator');
    const left = await group.coordinator.client.delete<{
      membership: { userId: string; status: string };
    }>(`/api/v1/groups/${group.id}/members/${self}`);
    expect(left.status).toBe(200);
    expect(left.body.membership).toMatchObject({ userId: self, status: 'removed' });
    const stillLast = await second.client.delete<ErrorBody>(
      `/api/v1/groups/${group.id}/members/${second.id}`,
    );
    expect(stillLast.body.error.code).toBe('last_coordinator');
  });

  it('keeps a coordinator when the last two coordinators leave at the same moment', async () => {
    const group = await createGroup(server);
    const second = await addMember(server, group, 'Second', 'coordinator');
    const [a, b] = await Promise.all([
      group.coordinator.client.delete<ErrorBody>(
        `/api/v1/groups/${group.id}/members/${group.coordinator.id}`,
      ),
      second.client.delete<ErrorBody>(`/api/v1/groups/${group.id}/members/${second.id}`),
    ]);
    expect([a.status, b.status]).toContain(409);
    const left = [a, b].filter((r) => r.status === 200).length;
    const coordinators = (
      await Promise.all([group.coordinator, second].map((u) => u.client.get<Me>('/api/v1/me')))
    ).filter((me) =>
      me.body.memberships.some((m) => m.role === 'coordinator' && m.status === 'active'),
    );
    expect(coordinators.length).toBeGreaterThanOrEqual(1);
    expect(coordinators.length).toBe(2 - left);
  });

  it('lets members leave, and refuses members changing roles or removing others', async () => {
    const group = await createGroup(server);
    const a = await addMember(server, group, 'A');
    const b = await addMember(server, group, 'B');
    const promote = await a.client.post<ErrorBody>(
      `/api/v1/groups/${group.id}/members/${a.id}/role`,
      {
        role: 'coordinator',
      },
    );
    expect(promote.status).toBe(403);
    expect((await a.client.delete(`/api/v1/groups/${group.id}/members/${b.id}`)).status).toBe(403);
    const leave = await a.client.delete<{ membership: { userId: string; status: string } }>(
      `/api/v1/groups/${group.id}/members/${a.id}`,
    );
    expect(leave.status).toBe(200);
    expect(leave.body.membership).toMatchObject({ userId: a.id, status: 'removed' });
    const me = await a.client.get<Me>('/api/v1/me');
    expect(me.body.memberships).toEqual([]);
  });

  it('lists only listed groups in the public directory, with card fields only', async () => {
    const tag = `zz${Math.random().toString(36).slice(2, 8)}`;
    const listed = await createGroup(server, {
      name: `Listed ${tag}`,
      listed: true,
      area: 'Brooklyn',
      neighborhoods: ['Crown Heights'],
      description: 'Groceries and rides',
    });
    await createGroup(server, { name: `Hidden ${tag}`, listed: false });
    const anonymous = new TestClient(() => server.url);
    const found = await anonymous.get<{ groups: Array<Record<string, unknown>> }>(
      `/api/v1/directory?q=${tag}`,
    );
    expect(found.status).toBe(200);
    expect(found.body.groups).toEqual([
      {
        id: listed.id,
        name: `Listed ${tag}`,
        description: 'Groceries and rides',
        area: 'Brooklyn',
        neighborhoods: ['Crown Heights'],
        languages: ['en'],
        contactLinks: [],
      },
    ]);
    const near = await anonymous.get<{ groups: Array<{ id: string }> }>(
      `/api/v1/directory?q=${tag}&near=crown`,
    );
    expect(near.body.groups.map((g) => g.id)).toEqual([listed.id]);
    const far = await anonymous.get<{ groups: unknown[] }>(
      `/api/v1/directory?q=${tag}&near=queens`,
    );
    expect(far.body.groups).toEqual([]);
    expect((await anonymous.get('/api/v1/directory?bogus=1')).status).toBe(400);
  });
});
