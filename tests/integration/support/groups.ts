import { expect } from 'vitest';
import {
  defaultGroupSettings,
  newId,
  type Group,
  type GroupSettings,
  type Membership,
} from '../../../src/lib/domain';
import type { TestServer } from './test-server';
import { signUp, type SignedInUser } from './users';

export interface TestGroup {
  id: string;
  group: Group;
  coordinator: SignedInUser;
}

/** A new group made by `coordinator` (a fresh account when not given). */
export async function createGroup(
  server: TestServer,
  settings: Partial<GroupSettings> = {},
  coordinator?: SignedInUser,
): Promise<TestGroup> {
  const owner = coordinator ?? (await signUp(server, 'Coordinator'));
  const id = newId();
  const response = await owner.client.post<{ group: Group; membership: Membership }>(
    '/api/v1/groups',
    {
      id,
      ...defaultGroupSettings('Test Group'),
      ...settings,
    },
  );
  expect(response.status, response.text).toBe(201);
  return { id, group: response.body.group, coordinator: owner };
}

/** Makes an invite as the group's coordinator and returns its code. */
export async function inviteCode(
  group: TestGroup,
  body: Record<string, unknown> = {},
): Promise<string> {
  const response = await group.coordinator.client.post<{ invite: { code: string } }>(
    `/api/v1/groups/${group.id}/invites`,
    body,
  );
  expect(response.status, response.text).toBe(201);
  return response.body.invite.code;
}

/** A new account that joined `group` by code (approved when the group needs approval). */
export async function addMember(
  server: TestServer,
  group: TestGroup,
  name = 'Member',
  role: 'member' | 'coordinator' = 'member',
): Promise<SignedInUser & { membershipId: string }> {
  const user = await signUp(server, name);
  const code = await inviteCode(group);
  const joined = await user.client.post<{ membership: Membership }>('/api/v1/join', { code });
  expect(joined.status, joined.text).toBe(200);
  if (joined.body.membership.status === 'pending') {
    const approved = await group.coordinator.client.post(
      `/api/v1/groups/${group.id}/members/${user.id}/approve`,
    );
    expect(approved.status, approved.text).toBe(200);
  }
  if (role === 'coordinator') {
    const promoted = await group.coordinator.client.post(
      `/api/v1/groups/${group.id}/members/${user.id}/role`,
      {
        role: 'coordinator',
      },
    );
    expect(promoted.status, promoted.text).toBe(200);
  }
  return { ...user, membershipId: joined.body.membership.id };
}
