import { isCoordinator } from './actor';
import type { Group } from './group';
import type { MembershipStatus, Role } from './membership';

/** Who someone is in a group, as the membership rules see them. */
export interface MemberStanding {
  userId: string;
  role: Role;
  status: MembershipStatus;
}

/** A change of one member's role and/or status (leave, removal, demotion, approval). */
export interface StandingChange {
  userId: string;
  role?: Role;
  status?: MembershipStatus;
}

/** Joining by code makes a member at once, unless the group wants to approve newcomers. */
export function initialMembershipStatus(group: Pick<Group, 'joinPolicy'>): MembershipStatus {
  return group.joinPolicy === 'approval' ? 'pending' : 'active';
}

export function isActiveCoordinator(member: Pick<MemberStanding, 'role' | 'status'>): boolean {
  return isCoordinator({ userId: '', membership: { role: member.role, status: member.status } });
}

/**
 * A group keeps at least one active coordinator: true when `change` would take away the
 * last one (the last coordinator leaving, being removed or demoted). A group that has no
 * coordinator already is not blocked by changes of other people.
 */
export function wouldLeaveNoCoordinator(
  members: readonly MemberStanding[],
  change: StandingChange,
): boolean {
  const target = members.find((m) => m.userId === change.userId);
  if (!target || !isActiveCoordinator(target)) return false;
  const after = { role: change.role ?? target.role, status: change.status ?? target.status };
  if (isActiveCoordinator(after)) return false;
  return !members.some((m) => m.userId !== change.userId && isActiveCoordinator(m));
}

/** True when no one can coordinate the group any more (checked again after a write). */
export function hasNoCoordinator(
  members: readonly Pick<MemberStanding, 'role' | 'status'>[],
): boolean {
  return !members.some(isActiveCoordinator);
}
