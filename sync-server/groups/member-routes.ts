import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Membership, MembershipStatus, Role } from '../../src/lib/domain';
import { changeRoleSchema } from '../../src/lib/protocol';
import { requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { ApiError, notFound } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import { activeCoordinators, getMember, writeMemberIndex } from '../store/members';
import type { MemberDoc } from '../store/system-docs';
import { assertId, authorizeGroup } from './authorize';
import { loadGroup, updateMembership } from './group-records';

const lastCoordinator = () =>
  new ApiError(
    'last_coordinator',
    'A group needs at least one coordinator: make someone else coordinator first.',
  );

/**
 * Approve, change role, remove (or leave). The memberships index is written first, so a
 * removal or demotion takes effect at the caller's very next request on every server; then
 * the group's membership record, which reaches members through pull.
 */
export function memberRoutes(context: ServerContext) {
  async function target(groupId: string, userId: string): Promise<MemberDoc> {
    assertId(userId, 'member');
    const member = await getMember(context, userId, groupId);
    if (!member) throw notFound('No such member in this group.');
    return member;
  }

  async function apply(
    groupId: string,
    member: MemberDoc,
    change: { role?: Role; status?: MembershipStatus },
  ): Promise<Membership> {
    const group = await loadGroup(context, groupId);
    if (!group) throw notFound('No such group.');
    const wanted = { role: change.role ?? member.role, status: change.status ?? member.status };
    await writeMemberIndex(
      context,
      { id: member.membershipId, groupId, userId: member.userId, ...wanted } as Membership,
      group.name,
    );
    const membership = await updateMembership(context, groupId, member.membershipId, (current) => ({
      ...current,
      ...wanted,
    }));
    if (!membership) throw notFound('No such member in this group.');
    context.changes.groupChanged(groupId);
    context.changes.userChanged(member.userId);
    return membership;
  }

  /**
   * Demotes or removes `member`, keeping at least one active coordinator even when two
   * coordinators step down at the same moment: the check runs before and again after the
   * write, and a write that left the group without coordinators is undone.
   */
  async function stepDown(
    groupId: string,
    member: MemberDoc,
    change: { role?: Role; status?: MembershipStatus },
  ): Promise<Membership> {
    await assertNotLastCoordinator(groupId, member);
    const membership = await apply(groupId, member, change);
    if (member.role === 'coordinator' && member.status === 'active') {
      if ((await activeCoordinators(context, groupId)).length === 0) {
        const now = await target(groupId, member.userId);
        await apply(groupId, now, { role: 'coordinator', status: 'active' });
        throw lastCoordinator();
      }
    }
    return membership;
  }

  async function assertNotLastCoordinator(groupId: string, member: MemberDoc): Promise<void> {
    if (member.role !== 'coordinator' || member.status !== 'active') return;
    const coordinators = await activeCoordinators(context, groupId);
    if (coordinators.every((c) => c.userId === member.userId)) throw lastCoordinator();
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
      return { membership: await apply(groupId, member, { status: 'active' }) };
    });

    api.post('/groups/:groupId/members/:userId/role', async (request) => {
      const { groupId, userId } = params(request);
      await authorizeGroup(context, request, groupId, 'manage_members');
      const { role } = parseInput(changeRoleSchema, request.body);
      const member = await target(groupId, userId);
      if (member.status !== 'active') {
        throw new ApiError('invalid', 'Only active members can change role.', { status: 409 });
      }
      if (role === 'member') return { membership: await stepDown(groupId, member, { role }) };
      return { membership: await apply(groupId, member, { role }) };
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
