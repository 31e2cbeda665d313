import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { directoryCard, newId, type Membership } from '../../src/lib/domain';
import {
  createInviteSchema,
  inviteCodeSchema,
  joinSchema,
  type Invite,
  type InvitePreview,
  type JoinResponse,
} from '../../src/lib/protocol';
import { loadUser } from '../auth/auth-routes';
import { requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { ConflictError } from '../couch/errors';
import { ApiError, notFound, unauthorized } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import { getMember, writeMemberIndex } from '../store/members';
import { putRecord } from '../store/record-docs';
import { docIds, type InviteDoc } from '../store/system-docs';
import { authorizeGroup } from './authorize';
import { loadGroup, updateMembership } from './group-records';
import { newInviteCode } from './invite-codes';

function toInvite(doc: InviteDoc): Invite {
  return {
    code: doc.code,
    groupId: doc.groupId,
    expiresAt: doc.expiresAt,
    maxUses: doc.maxUses,
    uses: doc.uses,
    createdAt: doc.createdAt,
    createdBy: doc.createdBy,
    revoked: doc.revoked,
  };
}

function usable(doc: InviteDoc | undefined, now = Date.now()): doc is InviteDoc {
  if (!doc || doc.revoked) return false;
  if (doc.expiresAt && Date.parse(doc.expiresAt) <= now) return false;
  return doc.maxUses === null || doc.uses < doc.maxUses;
}

const invalidInvite = () =>
  new ApiError('invite_invalid', 'This invite code is unknown, expired, used up or revoked.');

function normalizeCode(raw: string): string | undefined {
  const parsed = v.safeParse(inviteCodeSchema, raw);
  return parsed.success ? parsed.output : undefined;
}

export function inviteRoutes(context: ServerContext) {
  const system = context.names.system;

  async function loadInvite(code: string | undefined): Promise<InviteDoc | undefined> {
    if (!code) return undefined;
    return context.couch.get<InviteDoc>(system, docIds.invite(code));
  }

  return async (api: FastifyInstance): Promise<void> => {
    api.post('/groups/:groupId/invites', async (request, reply) => {
      const { groupId } = request.params as { groupId: string };
      const access = await authorizeGroup(context, request, groupId, 'manage_invites');
      const body = parseInput(createInviteSchema, request.body);
      if (body.expiresAt && Date.parse(body.expiresAt) <= Date.now()) {
        throw new ApiError('invalid', 'The expiry must be in the future.', {
          fields: [{ path: 'expiresAt', code: 'out_of_range' }],
        });
      }
      for (let attempt = 0; ; attempt += 1) {
        const doc: InviteDoc = {
          _id: '',
          kind: 'invite',
          code: newInviteCode(),
          groupId,
          createdBy: access.session.userId,
          createdAt: new Date().toISOString(),
          expiresAt: body.expiresAt ?? null,
          maxUses: body.maxUses ?? null,
          uses: 0,
          revoked: false,
        };
        doc._id = docIds.invite(doc.code);
        try {
          await context.couch.put(system, doc);
          return reply.code(201).send({ invite: toInvite(doc) });
        } catch (error) {
          // A code collision (rare): draw another.
          if (!(error instanceof ConflictError) || attempt >= 5) throw error;
        }
      }
    });

    api.get('/groups/:groupId/invites', async (request) => {
      const { groupId } = request.params as { groupId: string };
      await authorizeGroup(context, request, groupId, 'manage_invites');
      const rows = await context.couch.view<InviteDoc>(system, 'nb', 'invites_by_group', {
        key: groupId,
        include_docs: true,
      });
      const invites = rows.flatMap((row) => (row.doc ? [toInvite(row.doc)] : []));
      invites.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { invites };
    });

    api.delete('/groups/:groupId/invites/:code', async (request, reply) => {
      const { groupId, code } = request.params as { groupId: string; code: string };
      await authorizeGroup(context, request, groupId, 'manage_invites');
      for (let attempt = 0; ; attempt += 1) {
        const doc = await loadInvite(normalizeCode(code));
        if (!doc || doc.groupId !== groupId) throw notFound('No such invite.');
        if (doc.revoked) return reply.code(204).send();
        try {
          await context.couch.put(system, { ...doc, revoked: true });
          return reply.code(204).send();
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= 10) throw error;
        }
      }
    });

    api.get('/invites/:code', async (request): Promise<InvitePreview> => {
      await requireSession(context, request);
      const { code } = request.params as { code: string };
      const doc = await loadInvite(normalizeCode(code));
      if (!usable(doc)) throw invalidInvite();
      const group = await loadGroup(context, doc.groupId);
      if (!group || group.archived) throw invalidInvite();
      return { group: directoryCard(group), joinPolicy: group.joinPolicy };
    });

    api.post('/join', async (request): Promise<JoinResponse> => {
      const session = await requireSession(context, request);
      const body = parseInput(joinSchema, request.body);
      const user = await loadUser(context, session.userId);
      if (!user) throw unauthorized();

      const first = await loadInvite(body.code);
      if (!usable(first)) throw invalidInvite();
      const groupId = first.groupId;
      const group = await loadGroup(context, groupId);
      if (!group || group.archived) throw invalidInvite();
      const existing = await getMember(context, user.id, groupId);
      if (existing && existing.status !== 'removed') {
        throw new ApiError(
          'already_member',
          'You are already in this group (or waiting for approval).',
        );
      }

      // Count the use under the invite's `_rev` lock, so maxUses holds under concurrency.
      for (let attempt = 0; ; attempt += 1) {
        const doc = await loadInvite(body.code);
        if (!usable(doc)) throw invalidInvite();
        try {
          await context.couch.put(system, { ...doc, uses: doc.uses + 1 });
          break;
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= 20) throw error;
        }
      }

      const status = group.joinPolicy === 'approval' ? 'pending' : 'active';
      const displayName = body.displayName?.trim() || user.name;
      let membership: Membership | undefined;
      if (existing) {
        // Re-joining after removal: the same membership record comes back to life.
        membership = await updateMembership(context, groupId, existing.membershipId, (current) => ({
          ...current,
          role: 'member',
          status,
          displayName,
        }));
      }
      if (!membership) {
        const now = new Date().toISOString();
        membership = (await putRecord(
          context.couch,
          context.names.group(groupId),
          {
            id: newId(),
            type: 'membership',
            groupId,
            createdAt: now,
            createdBy: user.id,
            updatedAt: now,
            archived: false,
            userId: user.id,
            displayName,
            role: 'member',
            status,
            neighborhoods: [],
            languages: [],
            skills: [],
          },
          undefined,
        )) as Membership;
      }
      await writeMemberIndex(context, membership, group.name);
      context.changes.groupChanged(groupId);
      context.changes.userChanged(user.id);
      return { groupId, membership };
    });
  };
}
