import { newId, type Group, type GroupSettings, type Membership, type Role } from '../domain';
import { db } from '../db/database';
import { toRow } from '../db/local-fields';
import { getMeta, setMeta } from '../db/meta';
import type { CreateInviteBody, Invite, InvitePreview, JoinResponse } from '../protocol';
import { api } from '../sync/api-client';
import { storeMembership } from './account';
import { nowIso } from './clock';
import { apiFailure } from './from-api';
import type { ServiceResult } from './result';

async function rememberSummary(
  groupId: string,
  groupName: string,
  membership: Membership,
): Promise<void> {
  const meta = await getMeta('memberships');
  const others = (meta?.memberships ?? []).filter((m) => m.groupId !== groupId);
  const summary = { groupId, groupName, role: membership.role, status: membership.status };
  await setMeta('memberships', { memberships: [...others, summary], fetchedAt: nowIso() });
}

/**
 * Online only. Start a group with these settings (use `defaultGroupSettings(name)` for good
 * defaults); I become its coordinator. Stores the group and my membership locally at once.
 */
export async function createGroup(
  settings: GroupSettings,
  displayName?: string,
): Promise<ServiceResult<{ group: Group; membership: Membership }>> {
  const res = await api.createGroup({
    id: newId(),
    ...settings,
    ...(displayName ? { displayName } : {}),
  });
  if (!res.ok) return apiFailure(res);
  const { group, membership } = res.data;
  const database = db();
  await database.transaction('rw', database.groups, database.memberships, async () => {
    await database.groups.put(toRow(group));
    await database.memberships.put(toRow(membership));
  });
  await rememberSummary(group.id, group.name, membership);
  return { ok: true, record: res.data };
}

/** Online only. What an invite code leads to (group card and join policy), before joining. */
export async function previewInvite(code: string): Promise<ServiceResult<InvitePreview>> {
  const res = await api.previewInvite(code);
  return res.ok ? { ok: true, record: res.data } : apiFailure(res);
}

/**
 * Online only. Join with an invite code; the membership is `active` or `pending` (approval)
 * per the group's policy. Stores my membership; the group's records arrive with the next pull.
 * `groupName` (from `previewInvite`) names the group in My Groups until then.
 */
export async function joinByCode(
  code: string,
  options: { displayName?: string; groupName?: string } = {},
): Promise<ServiceResult<JoinResponse>> {
  const res = await api.join({
    code,
    ...(options.displayName ? { displayName: options.displayName } : {}),
  });
  if (!res.ok) return apiFailure(res);
  await storeMembership(res.data.membership);
  await rememberSummary(res.data.groupId, options.groupName ?? '', res.data.membership);
  return { ok: true, record: res.data };
}

/** Online only (coordinators). The group's invite codes. */
export async function listInvites(groupId: string): Promise<ServiceResult<Invite[]>> {
  const res = await api.listInvites(groupId);
  return res.ok ? { ok: true, record: res.data.invites } : apiFailure(res);
}

/** Online only (coordinators). A new invite code, optionally expiring or limited in uses. */
export async function createInvite(
  groupId: string,
  body: CreateInviteBody = {},
): Promise<ServiceResult<Invite>> {
  const res = await api.createInvite(groupId, body);
  return res.ok ? { ok: true, record: res.data.invite } : apiFailure(res);
}

/** Online only (coordinators). Revoke an invite code. */
export async function revokeInvite(groupId: string, code: string): Promise<ServiceResult<null>> {
  const res = await api.revokeInvite(groupId, code);
  return res.ok ? { ok: true, record: null } : apiFailure(res);
}

/** Online only (coordinators). Approve a pending member; stores the returned membership. */
export async function approveMember(
  groupId: string,
  userId: string,
): Promise<ServiceResult<Membership>> {
  const res = await api.approveMember(groupId, userId);
  if (!res.ok) return apiFailure(res);
  await storeMembership(res.data.membership);
  return { ok: true, record: res.data.membership };
}

/** Online only (coordinators). Remove a member (the server refuses the last coordinator). */
export async function removeMember(
  groupId: string,
  userId: string,
): Promise<ServiceResult<Membership>> {
  const res = await api.removeMember(groupId, userId);
  if (!res.ok) return apiFailure(res);
  await storeMembership(res.data.membership);
  return { ok: true, record: res.data.membership };
}

/** Online only (coordinators). Make a member a coordinator or back a member. */
export async function changeRole(
  groupId: string,
  userId: string,
  role: Role,
): Promise<ServiceResult<Membership>> {
  const res = await api.changeRole(groupId, userId, { role });
  if (!res.ok) return apiFailure(res);
  await storeMembership(res.data.membership);
  return { ok: true, record: res.data.membership };
}
