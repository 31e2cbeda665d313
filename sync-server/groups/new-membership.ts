import type { Membership, MembershipStatus, Role } from '../../src/lib/domain';

/**
 * The membership record of someone entering a group (its creator, a joiner): their own
 * record, made by them, with an empty profile they fill in later.
 */
export function newMembership(input: {
  id: string;
  groupId: string;
  userId: string;
  displayName: string;
  role: Role;
  status: MembershipStatus;
  now: string;
}): Membership {
  return {
    id: input.id,
    type: 'membership',
    groupId: input.groupId,
    createdAt: input.now,
    createdBy: input.userId,
    updatedAt: input.now,
    archived: false,
    userId: input.userId,
    displayName: input.displayName,
    role: input.role,
    status: input.status,
    neighborhoods: [],
    languages: [],
    skills: [],
  };
}
