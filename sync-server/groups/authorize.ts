import type { FastifyRequest } from 'fastify';
import {
  can,
  isActiveMember,
  isId,
  type Action,
  type Actor,
  type Group,
} from '../../src/lib/domain';
import { requireSession, type Session } from '../auth/sessions';
import type { ServerContext } from '../context';
import { ApiError, forbidden, notFound } from '../http/api-error';
import { actorOf, getMember } from '../store/members';
import type { MemberDoc } from '../store/system-docs';
import { loadGroup } from './group-records';

export interface GroupAccess {
  session: Session;
  actor: Actor;
  member: MemberDoc | undefined;
  group: Group;
}

/**
 * The caller's standing in `groupId`, with `action` on the group record checked by the
 * domain's `can`. Non-members learn nothing: an unknown group and a group they are not in
 * both answer 404.
 */
export async function authorizeGroup(
  context: ServerContext,
  request: FastifyRequest,
  groupId: string,
  action: Action,
): Promise<GroupAccess> {
  const session = await requireSession(context, request);
  if (!isId(groupId)) throw notFound('No such group.');
  const member = await getMember(context, session.userId, groupId);
  const actor = actorOf(session.userId, member);
  if (!member || !isActiveMember(actor)) throw notFound('No such group.');
  const group = await loadGroup(context, groupId);
  if (!group) throw notFound('No such group.');
  if (!can(actor, action, group)) throw forbidden('Only coordinators of this group can do that.');
  return { session, actor, member, group };
}

export function assertId(value: string, what: string): void {
  if (!isId(value)) throw new ApiError('not_found', `No such ${what}.`);
}
