import type { FastifyInstance } from 'fastify';
import { newId, type Group, type Membership } from '../../src/lib/domain';
import { createGroupSchema, type CreateGroupResponse } from '../../src/lib/protocol';
import { loadUser } from '../auth/auth-routes';
import { requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { ensureGroupDatabase } from '../couch/design-docs';
import { ConflictError } from '../couch/errors';
import { ApiError, unauthorized } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import { writeMemberIndex } from '../store/members';
import { docToRecord, getRecord, putRecord } from '../store/record-docs';
import { docIds, type GroupDoc } from '../store/system-docs';
import { loadGroup, loadMembership, writeGroupRegistry } from './group-records';

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
        group = (await putIfAbsent(context, db, record)) as Group;
      }

      let membership = await loadMembership(context, id, registry.creatorMembershipId);
      if (!membership) {
        const record: Membership = {
          id: registry.creatorMembershipId,
          type: 'membership',
          groupId: id,
          createdAt: now,
          createdBy: user.id,
          updatedAt: now,
          archived: false,
          userId: user.id,
          displayName: displayName?.trim() || user.name,
          role: 'coordinator',
          status: 'active',
          neighborhoods: [],
          languages: [],
          skills: [],
        };
        membership = (await putIfAbsent(context, db, record)) as Membership;
      }

      await writeMemberIndex(context, membership, group.name);
      await writeGroupRegistry(context, group);
      context.changes.userChanged(user.id);
      const response: CreateGroupResponse = { group, membership };
      return reply.code(201).send(response);
    });
  };
}

async function putIfAbsent(context: ServerContext, db: string, record: Group | Membership) {
  try {
    return await putRecord(context.couch, db, record, undefined);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const stored = await getRecord(context.couch, db, record.id);
    if (!stored) throw error;
    return docToRecord(stored);
  }
}
