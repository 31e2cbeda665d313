import * as v from 'valibot';
import { LIMITS } from './limits';
import { baseEntries } from './record-base';
import { idSchema, languageTag, list, requiredText, text } from './validation';

export const ROLES = ['coordinator', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const MEMBERSHIP_STATUSES = ['pending', 'active', 'removed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const memberPrivateSchema = v.strictObject({
  phone: v.optional(text(LIMITS.phone)),
  email: v.optional(text(LIMITS.email)),
});

export const membershipSchema = v.strictObject({
  ...baseEntries,
  type: v.literal('membership', 'invalid_choice'),
  userId: idSchema,
  displayName: requiredText(LIMITS.name),
  role: v.picklist(ROLES, 'invalid_choice'),
  status: v.picklist(MEMBERSHIP_STATUSES, 'invalid_choice'),
  neighborhoods: list(requiredText(LIMITS.neighborhood), LIMITS.neighborhoods),
  languages: list(languageTag, LIMITS.languages),
  skills: list(requiredText(LIMITS.skill), LIMITS.skills),
  /** Only coordinators and the member themself see this. */
  private: v.optional(memberPrivateSchema),
});
export type Membership = v.InferOutput<typeof membershipSchema>;

/** Fields a member may edit on their own membership (profile); role and status are not. */
export const MEMBER_PROFILE_FIELDS = [
  'displayName',
  'neighborhoods',
  'languages',
  'skills',
  'private',
] as const;
