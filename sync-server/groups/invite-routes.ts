import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { directoryCard, initialMembershipStatus } from '../../src/lib/domain';
import {
  createInviteSchema,
  inviteCodeSchema,
  joinSchema,
  type Invite,
  type InvitePreview,
  type JoinResponse,
} from '../../src/lib/protocol';
import { loadUser } from '../auth/auth-routes';
import { beginAttempt, FailureLimiter } from '../auth/rate-limit';
import { requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { ConflictError } from '../couch/errors';
import { ApiError, notFound, unauthorized } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import { docIds, type InviteDoc } from '../store/system-docs';
import { authorizeGroup } from './authorize';
import { loadGroup, putIfAbsent, updateMembership } from './group-records';
import { newInviteCode } from './invite-codes';
import { completeReservation, releaseReservation, reserveMembership } from './join-reservation';
import { newMembership } from './new-membership';

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

const alreadyMember = () =>
  new ApiError('already_member', 'You are already in this group (or waiting for approval).');

const invalidInvite = () =>
  new ApiError('invite_invalid', 'This invite code is unknown, expired, used up or revoked.');

function normalizeCode(raw: string): string | undefined {
  const parsed = v.safeParse(inviteCodeSchema, raw);
  return parsed.success ? parsed.output : undefined;
}

export interface InviteGuessLimits {
  /** Wrong invite codes allowed per user in 15 minutes. */
  perUser: number;
  /** Wrong invite codes allowed per client IP in 15 minutes. */
  perIp: number;
}

export const DEFAULT_INVITE_GUESS_LIMITS: InviteGuessLimits = { perUser: 10, perIp: 30 };
const GUESS_WINDOW_MS = 15 * 60_000;

export function inviteRoutes(
  context: ServerContext,
  limits: InviteGuessLimits = DEFAULT_INVITE_GUESS_LIMITS,
) {
  const system = context.names.system;

  async function loadInvite(code: string | undefined): Promise<InviteDoc | undefined> {
    if (!code) return undefined;
    return context.couch.get<InviteDoc>(system, docIds.invite(code));
  }

  const byUser = new FailureLimiter(limits.perUser, GUESS_WINDOW_MS);
  const byIp = new FailureLimiter(limits.perIp, GUESS_WINDOW_MS);

  /**
   * Runs `look` as one guess at an invite code: counted before the code is looked up (so
   * parallel guesses cannot slip under the limit) and taken back unless it was wrong.
   */
  async function guessing<T>(
    request: FastifyRequest,
    userId: string,
    look: () => Promise<T>,
  ): Promise<T> {
    const attempt = beginAttempt([
      [byIp, `ip:${request.ip}`],
      [byUser, `user:${userId}`],
    ]);
    if (!('undo' in attempt)) {
      throw new ApiError(
        'rate_limited',
        'Too many wrong invite codes. Wait a little and try again.',
        {
          headers: { 'retry-after': String(attempt.wait) },
        },
      );
    }
    try {
      const result = await look();
      attempt.undo();
      return result;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'invite_invalid')) attempt.undo();
      throw error;
    }
  }

  /** Counts one use under the invite's `_rev` lock, so maxUses holds under concurrency. */
  async function countUse(code: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const doc = await loadInvite(code);
      if (!usable(doc)) throw invalidInvite();
      try {
        await context.couch.put(system, { ...doc, uses: doc.uses + 1 });
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 20) throw error;
      }
    }
  }

  /**
   * Joining by code: the caller's index entry is reserved first (see join-reservation.ts),
   * then the use counted, then the membership record written, then the entry completed.
   */
  async function join(
    userId: string,
    body: v.InferOutput<typeof joinSchema>,
  ): Promise<JoinResponse> {
    const user = await loadUser(context, userId);
    if (!user) throw unauthorized();
    const invite = await loadInvite(body.code);
    if (!usable(invite)) throw invalidInvite();
    const groupId = invite.groupId;
    const group = await loadGroup(context, groupId);
    if (!group || group.archived) throw invalidInvite();

    const reservation = await reserveMembership(context, { userId, groupId }, group.name);
    if (!reservation) throw alreadyMember();
    try {
      await countUse(body.code);
    } catch (error) {
      await releaseReservation(context, reservation).catch(() => undefined);
      throw error;
    }

    const status = initialMembershipStatus(group);
    const displayName = body.displayName?.trim() || user.name;
    // Re-joining after removal (or finishing a join that died): the same record comes back.
    let membership = await updateMembership(
      context,
      groupId,
      reservation.membershipId,
      (current) => ({ ...current, role: 'member', status, displayName }),
    );
    membership ??= await putIfAbsent(
      context,
      groupId,
      newMembership({
        id: reservation.membershipId,
        groupId,
        userId,
        displayName,
        role: 'member',
        status,
        now: new Date().toISOString(),
      }),
    );
    if (!(await completeReservation(context, reservation, status))) throw alreadyMember();
    context.changes.groupChanged(groupId);
    context.changes.userChanged(userId);
    return { groupId, membership };
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
      const session = await requireSession(context, request);
      const { code } = request.params as { code: string };
      return guessing(request, session.userId, async () => {
        const doc = await loadInvite(normalizeCode(code));
        if (!usable(doc)) throw invalidInvite();
        const group = await loadGroup(context, doc.groupId);
        if (!group || group.archived) throw invalidInvite();
        return { group: directoryCard(group), joinPolicy: group.joinPolicy };
      });
    });

    api.post('/join', async (request): Promise<JoinResponse> => {
      const session = await requireSession(context, request);
      const body = parseInput(joinSchema, request.body);
      return guessing(request, session.userId, () => join(session.userId, body));
    });
  };
}
