import type { MembershipStatus, Role } from './membership';

/**
 * Who is acting, as the rules see them: a signed-in user and their membership in the
 * record's group (null when they are not a member at all).
 */
export interface Actor {
  userId: string;
  membership: { role: Role; status: MembershipStatus } | null;
}

export function isActiveMember(actor: Actor): boolean {
  return actor.membership?.status === 'active';
}

export function isCoordinator(actor: Actor): boolean {
  return actor.membership?.status === 'active' && actor.membership.role === 'coordinator';
}
