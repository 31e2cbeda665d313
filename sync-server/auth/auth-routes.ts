import type { FastifyInstance } from 'fastify';
import { newId } from '../../src/lib/domain';
import {
  signInSchema,
  signUpSchema,
  type MeResponse,
  type MembershipSummary,
  type User,
} from '../../src/lib/protocol';
import type { ServerContext } from '../context';
import { ConflictError } from '../couch/errors';
import { ApiError } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import {
  docIds,
  prefixRange,
  type LoginDoc,
  type MemberDoc,
  type UserDoc,
} from '../store/system-docs';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { beginAttempt, FailureLimiter } from './rate-limit';
import {
  clearSessionCookie,
  createSession,
  readSession,
  requireSession,
  revokeAllSessions,
  revokeSession,
  setSessionCookie,
} from './sessions';

const WINDOW_MS = 15 * 60_000;

export interface AuthLimits {
  /** Failed sign-ins allowed per account in 15 minutes. */
  perAccount: number;
  /** Failed sign-ins allowed per client IP in 15 minutes. */
  perIp: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = { perAccount: 5, perIp: 30 };

const rateLimited = (wait: number) =>
  new ApiError('rate_limited', 'Too many failed sign-ins. Wait a little and try again.', {
    headers: { 'retry-after': String(wait) },
  });

function publicUser(doc: UserDoc): User {
  return { id: doc.id, name: doc.name, login: doc.login };
}

export async function loadUser(
  context: ServerContext,
  userId: string,
): Promise<UserDoc | undefined> {
  return context.couch.get<UserDoc>(context.names.system, docIds.user(userId));
}

/** Memberships of a user from the system index (removed ones left out). */
export async function membershipSummaries(
  context: ServerContext,
  userId: string,
): Promise<MembershipSummary[]> {
  const docs = await context.couch.allDocs<MemberDoc>(
    context.names.system,
    prefixRange(docIds.membersOf(userId)),
  );
  return docs
    .filter((doc) => doc.status !== 'removed')
    .map((doc) => ({
      groupId: doc.groupId,
      groupName: doc.groupName,
      role: doc.role,
      status: doc.status,
    }));
}

export function authRoutes(context: ServerContext, limits: AuthLimits = DEFAULT_AUTH_LIMITS) {
  const byAccount = new FailureLimiter(limits.perAccount, WINDOW_MS);
  const byIp = new FailureLimiter(limits.perIp, WINDOW_MS);
  const system = context.names.system;

  return async (api: FastifyInstance): Promise<void> => {
    api.post('/auth/signup', async (request, reply) => {
      const body = parseInput(signUpSchema, request.body);
      const now = new Date().toISOString();
      const user: UserDoc = {
        _id: docIds.user(newId()),
        kind: 'user',
        id: '',
        name: body.name.trim(),
        login: body.login,
        passwordHash: await hashPassword(body.password),
        createdAt: now,
      };
      user.id = user._id.slice('user:'.length);
      // The user first, then the unique login pointing at it: a failure between the two
      // leaves an unreachable user document, never a login without an account.
      await context.couch.put(system, user);
      try {
        await context.couch.put(system, {
          _id: docIds.login(body.login),
          kind: 'login',
          userId: user.id,
        });
      } catch (error) {
        if (error instanceof ConflictError) {
          throw new ApiError('login_taken', 'That login is already taken. Choose another one.');
        }
        throw error;
      }
      setSessionCookie(context, request, reply, await createSession(context, user.id));
      return reply.code(201).send({ user: publicUser(user) });
    });

    api.post('/auth/signin', async (request, reply) => {
      const body = parseInput(signInSchema, request.body);
      const accountKey = `login:${body.login}`;
      // Counted before the password is checked (and taken back if it was right), so a burst
      // of parallel guesses gets no more wrong answers than the limit.
      const attempt = beginAttempt([
        [byIp, `ip:${request.ip}`],
        [byAccount, accountKey],
      ]);
      if (!('undo' in attempt)) throw rateLimited(attempt.wait);
      let user: UserDoc | undefined;
      let ok = false;
      try {
        const login = await context.couch.get<LoginDoc>(system, docIds.login(body.login));
        user = login ? await loadUser(context, login.userId) : undefined;
        ok = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash()));
      } catch (error) {
        attempt.undo();
        throw error;
      }
      if (!user || !ok) {
        throw new ApiError('bad_credentials', 'That login and password do not match.');
      }
      attempt.undo();
      byAccount.reset(accountKey);
      setSessionCookie(context, request, reply, await createSession(context, user.id));
      return { user: publicUser(user) };
    });

    api.post('/auth/signout', async (request, reply) => {
      const session = await readSession(context, request);
      if (session) await revokeSession(context, session.docId);
      clearSessionCookie(context, request, reply);
      return reply.code(204).send();
    });

    api.post('/auth/signout-everywhere', async (request, reply) => {
      const session = await requireSession(context, request);
      await revokeAllSessions(context, session.userId);
      clearSessionCookie(context, request, reply);
      return reply.code(204).send();
    });

    api.get('/me', async (request): Promise<MeResponse> => {
      const session = await requireSession(context, request);
      const user = await loadUser(context, session.userId);
      if (!user) throw new ApiError('unauthorized', 'This account no longer exists.');
      return { user: publicUser(user), memberships: await membershipSummaries(context, user.id) };
    });
  };
}
