import type { FastifyInstance } from 'fastify';
import { newId, type Group } from '../../src/lib/domain';
import { createGroupSchema, type CreateGroupResponse } from '../../src/lib/protocol';
import { loadUser } from '../auth/auth-routes';
import { requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { ensureGroupDatabase } from '../couch/design-docs';
import { ConflictError } from '../couch/errors';
import { ApiError, unauthorized } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import { memberEntry, writeMemberIndex } from '../store/members';
import { docIds, type GroupDoc } from '../store/system-docs';
import { loadGroup, loadMembership, putIfAbsent, writeGroupRegistry } from './group-records';
import { newMembership } from './new-membership';

/**
 * POST /groups: the creator becomes its coordinator. Every step is idempotent, so a client
 * that lost the answer (or a server that died half-way) retries into the same result:
 * registry entry (the lock on the id) → database + design docs → group record → the
 * creator's membership record → memberships index.
 */
export function groupRoutes(context: ServerContext) {
  return async (api: FastifyInstance): Promise<void> => {
    api.post('/groups', async (request, reply) => {
      const session = await requireSession(context, request);
      const body = parseInput(createGroupSchema, request.body);
      const user = await loadUser(context, session.userId);
      if (!user) throw unauthorized();
      const now = new Date().toISOString();
      const { id, displayName, ...settings } = body;

      const registryId = docIds.group(id);
      let registry = await context.couch.get<GroupDoc>(context.names.system, registryId);
      if (!registry) {
        const fresh: GroupDoc = {
          _id: registryId,
          kind: 'group',
          groupId: id,
          name: settings.name,
          listed: false,
          joinPolicy: settings.joinPolicy,
          card: {
            id,
            name: settings.name,
            description: '',
            area: '',
            neighborhoods: [],
            languages: [],
            contactLinks: [],
          },
          createdBy: user.id,
          createdAt: now,
          creatorMembershipId: newId(),
        };
        try {
          await context.couch.put(context.names.system, fresh);
          registry = fresh;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          registry = await context.couch.get<GroupDoc>(context.names.system, registryId);
        }
      }
      if (!registry || registry.createdBy !== user.id || !registry.creatorMembershipId) {
        throw new ApiError('invalid', 'A group with this id already exists.', { status: 409 });
      }

      const db = context.names.group(id);
      await ensureGroupDatabase(context.couch, db);

      let group = await loadGroup(context, id);
      if (!group) {
        const record: Group = {
          id,
          type: 'group',
          groupId: id,
          createdAt: registry.createdAt,
          createdBy: user.id,
          updatedAt: now,
          archived: false,
          ...settings,
        };
        group = await putIfAbsent(context, id, record);
      }

      let membership = await loadMembership(context, id, registry.creatorMembershipId);
      membership ??= await putIfAbsent(
        context,
        id,
        newMembership({
          id: registry.creatorMembershipId,
          groupId: id,
          userId: user.id,
          displayName: displayName?.trim() || user.name,
          role: 'coordinator',
          status: 'active',
          now,
        }),
      );

      // Only when absent: a retried creation must not undo what happened since (a demotion).
      const entry = memberEntry(membership, group.name);
      await writeMemberIndex(context, entry, (stored) => (stored ? undefined : entry));
      await writeGroupRegistry(context, group);
      context.changes.userChanged(user.id);
      const response: CreateGroupResponse = { group, membership };
      return reply.code(201).send(response);
    });
  };
}
