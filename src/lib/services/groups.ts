import {
  MEMBER_PROFILE_FIELDS,
  groupSettingsEntries,
  type Group,
  type GroupSettings,
  type Membership,
} from '../domain';
import { db } from '../db/database';
import { sessionUser } from './actor';
import { fail, type ServiceResult } from './result';
import { updateRecord } from './update-record';

const SETTINGS_FIELDS = Object.keys(groupSettingsEntries);

/**
 * Coordinators: change the group's settings (an `update` of the group record, changed
 * fields only). Offline: applied locally at once, pushed later.
 */
export function updateGroupSettings(
  groupId: string,
  values: Partial<GroupSettings>,
): Promise<ServiceResult<Group>> {
  return updateRecord('group', groupId, values, SETTINGS_FIELDS);
}

export type ProfileValues = Partial<Pick<Membership, (typeof MEMBER_PROFILE_FIELDS)[number]>>;

/**
 * Change my profile in one group (display name, neighbourhoods, languages, skills, private
 * contact): an `update` of my membership record. Needs that record synced (not_found before
 * the first pull). Offline: applied at once, pushed later.
 */
export async function updateMyProfile(
  groupId: string,
  values: ProfileValues,
): Promise<ServiceResult<Membership>> {
  const user = await sessionUser();
  if (!user) return fail('unauthenticated');
  const mine = await db().memberships.where('[groupId+userId]').equals([groupId, user.id]).first();
  if (!mine) return fail('not_found');
  return updateRecord('membership', mine.id, values, MEMBER_PROFILE_FIELDS);
}
