import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  hasNoCoordinator,
  isActiveCoordinator,
  isActiveMember,
  wouldLeaveNoCoordinator,
  type Membership,
  type MembershipStatus,
  type Role,
} from '../../src/lib/domain';
import { changeRoleSchema } from '../../src/lib/protocol';
import { requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { ApiError, notFound } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import { actorOf, changeStanding, getMember, listMembersOfGroup } from '../store/members';
import type { MemberDoc } from '../store/system-docs';
import { assertId, authorizeGroup } from './authorize';
import { mirrorStanding } from './group-records';

const lastCoordinator = () =>
  new ApiError(
    'last_coordinator',
    'A group needs at least one coordinator: make someone else coordinator first.',
  );

const changedMeanwhile = () =>
  new ApiError(
    'illegal_transition',
    'Someone else changed this member at the same moment; reload the members and try again.',
  );

/**
 * Approve, change role, remove (or leave). The memberships index is written first, so a
 * removal or demotion takes effect at the caller's very next request on every server; then
 * the group's membership record, which reaches members through pull. Every change applies
 * only to the standing it was decided on: of a promotion and a removal racing, one wins and
 * the other is told (409), never a removed member made active again.
 */
export function memberRoutes(context: ServerContext) {
  async function target(groupId: string, userId: string): Promise<MemberDoc> {
    assertId(userId, 'member');
    const member = await getMember(context, userId, groupId);
    if (!member) throw notFound('No such member in this group.');
    return member;
  }

  /** Applies `change` to the standing `member` was read in; answers the record and what was before. */
  async function apply(
    groupId: string,
    member: MemberDoc,
    change: { role?: Role; status?: MembershipStatus },
  ): Promise<{ membership: Membership; before: MemberDoc }> {
    const result = await changeStanding(context, member, change);
    if (!result.ok) {
      if (!result.stored) throw notFound('No such member in this group.');
      throw changedMeanwhile();
    }
    const membership = await mirrorStanding(context, groupId, member);
    if (!membership) throw notFound('No such member in this group.');
    context.changes.groupChanged(groupId);
    context.changes.userChanged(member.userId);
    return { membership, before: result.before };
  }

  /**
   * Demotes or removes `member`, keeping at least one active coordinator even when two
   * coordinators step down at the same moment: the rule is checked before and again after
   * the write, and a write that left the group without coordinators is undone.
   */
  async function stepDown(
    groupId: string,
    member: MemberDoc,
    change: { role?: Role; status?: MembershipStatus },
  ): Promise<Membership> {
    const members = (await listMembersOfGroup(context, groupId)).map((m) =>
      m.userId === member.userId ? member : m,
    );
    if (wouldLeaveNoCoordinator(members, { userId: member.userId, ...change })) {
      throw lastCoordinator();
    }
    const { membership, before } = await apply(groupId, member, change);
    if (
      isActiveCoordinator(before) &&
      hasNoCoordinator(await listMembersOfGroup(context, groupId))
    ) {
      const now = await target(groupId, member.userId);
      await apply(groupId, now, { role: before.role, status: before.status });
      throw lastCoordinator();
    }
    return membership;
  }

  function params(request: FastifyRequest) {
    return request.params as { groupId: string; userId: string };
  }

  return async (api: FastifyInstance): Promise<void> => {
    api.post('/groups/:groupId/members/:userId/approve', async (request) => {
      const { groupId, userId } = params(request);
      await authorizeGroup(context, request, groupId, 'manage_members');
      const member = await target(groupId, userId);
      if (member.status === 'removed') throw notFound('This person is no longer in the group.');
      return { membership: (await apply(groupId, member, { status: 'active' })).membership };
    });

    api.post('/groups/:groupId/members/:userId/role', async (request) => {
      const { groupId, userId } = params(request);
      await authorizeGroup(context, request, groupId, 'manage_members');
      const { role } = parseInput(changeRoleSchema, request.body);
      const member = await target(groupId, userId);
      if (!isActiveMember(actorOf(userId, member))) {
        throw new ApiError('invalid', 'Only active members can change role.', { status: 409 });
      }
      if (role === 'member') return { membership: await stepDown(groupId, member, { role }) };
      return { membership: (await apply(groupId, member, { role })).membership };
    });

    // Answers with the removed membership (like approve and role), so the app can store
    // it at once instead of waiting for the next pull.
    api.delete('/groups/:groupId/members/:userId', async (request) => {
      const { groupId, userId } = params(request);
      const session = await requireSession(context, request);
      if (userId !== session.userId) {
        await authorizeGroup(context, request, groupId, 'manage_members');
      }
      const member = await target(groupId, userId);
      // Removing again is allowed: it finishes a removal whose record write failed before.
      return { membership: await stepDown(groupId, member, { status: 'removed' }) };
    });
  };
}
