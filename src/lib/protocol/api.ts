import * as v from 'valibot';
import {
  LIMITS,
  ROLES,
  groupSettingsEntries,
  idSchema,
  requiredText,
  text,
  timestamp,
  type DirectoryCard,
  type Group,
  type MembershipStatus,
  type Membership,
  type Role,
} from '../domain';

/** Sign-up and sign-in names: an email or a username. */
export const loginSchema = v.pipe(
  v.string('invalid_type'),
  v.trim(),
  v.toLowerCase(),
  v.minLength(3, 'too_short'),
  v.maxLength(LIMITS.email, 'too_long'),
  v.regex(/^[a-z0-9._%+@-]+$/, 'invalid_format'),
);

export const passwordSchema = v.pipe(
  v.string('invalid_type'),
  v.minLength(8, 'too_short'),
  v.maxLength(200, 'too_long'),
);

export const signUpSchema = v.strictObject({
  name: requiredText(LIMITS.name),
  login: loginSchema,
  password: passwordSchema,
});
export type SignUpBody = v.InferInput<typeof signUpSchema>;

export const signInSchema = v.strictObject({
  login: loginSchema,
  password: v.pipe(v.string('invalid_type'), v.maxLength(200, 'too_long')),
});
export type SignInBody = v.InferInput<typeof signInSchema>;

export interface User {
  id: string;
  name: string;
  login: string;
}

export interface MembershipSummary {
  groupId: string;
  groupName: string;
  role: Role;
  status: MembershipStatus;
}

export interface MeResponse {
  user: User;
  memberships: MembershipSummary[];
}

/** `POST /groups`: the id is made on the device, so the app can link to it at once. */
export const createGroupSchema = v.strictObject({
  id: idSchema,
  ...groupSettingsEntries,
  /** The creator's display name in the new group (defaults to their account name). */
  displayName: v.optional(requiredText(LIMITS.name)),
});
export type CreateGroupBody = v.InferInput<typeof createGroupSchema>;

export interface CreateGroupResponse {
  group: Group;
  membership: Membership;
}

export const createInviteSchema = v.strictObject({
  expiresAt: v.optional(v.nullable(timestamp)),
  maxUses: v.optional(
    v.nullable(
      v.pipe(
        v.number('invalid_type'),
        v.integer('invalid_format'),
        v.minValue(1, 'out_of_range'),
        v.maxValue(10_000, 'out_of_range'),
      ),
    ),
  ),
});
export type CreateInviteBody = v.InferInput<typeof createInviteSchema>;

export interface Invite {
  code: string;
  groupId: string;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  createdAt: string;
  createdBy: string;
  revoked: boolean;
}

export const inviteCodeSchema = v.pipe(
  v.string('invalid_type'),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^[A-Z0-9]{4,16}$/, 'invalid_format'),
);

export const joinSchema = v.strictObject({
  code: inviteCodeSchema,
  displayName: v.optional(requiredText(LIMITS.name)),
});
export type JoinBody = v.InferInput<typeof joinSchema>;

export interface InvitePreview {
  group: DirectoryCard;
  joinPolicy: Group['joinPolicy'];
}

export interface JoinResponse {
  groupId: string;
  membership: Membership;
}

export const changeRoleSchema = v.strictObject({ role: v.picklist(ROLES, 'invalid_choice') });
export type ChangeRoleBody = v.InferInput<typeof changeRoleSchema>;

export const directoryQuerySchema = v.strictObject({
  q: v.optional(text(100)),
  near: v.optional(text(100)),
});

export interface DirectoryResponse {
  groups: DirectoryCard[];
}
