import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isId } from '../../src/lib/domain';
import { SESSION_COOKIE } from '../../src/lib/protocol';
import type { ServerContext } from '../context';
import { ConflictError } from '../couch/errors';
import { unauthorized } from '../http/api-error';
import { appOrigin } from '../http/origin';
import { docIds, prefixRange, type SessionDoc } from '../store/system-docs';

/*
 * Sessions: the cookie holds `<userId>.<token>` with 256 random bits of token; the database
 * holds only sha256(token), in a document whose id names the user, so "sign out everywhere"
 * is one `_all_docs` range. A new token at every sign-in; fixed expiry; deleting the document
 * revokes the session on every sync-server at its next request.
 */
export interface Session {
  userId: string;
  docId: string;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createSession(context: ServerContext, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const doc: SessionDoc = {
    _id: docIds.session(userId, hashToken(token)),
    kind: 'session',
    userId,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + context.config.sessionTtlHours * 3_600_000).toISOString(),
  };
  await context.couch.put(context.names.system, doc);
  return `${userId}.${token}`;
}

function parseCookie(value: string | undefined): { userId: string; token: string } | undefined {
  if (!value || value.length > 200) return undefined;
  const dot = value.indexOf('.');
  const userId = value.slice(0, dot);
  const token = value.slice(dot + 1);
  if (dot < 0 || !isId(userId) || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return { userId, token };
}

/** The request's valid session, or undefined (no cookie, unknown, revoked or expired). */
export async function readSession(
  context: ServerContext,
  request: FastifyRequest,
): Promise<Session | undefined> {
  const parsed = parseCookie(request.cookies[SESSION_COOKIE]);
  if (!parsed) return undefined;
  const docId = docIds.session(parsed.userId, hashToken(parsed.token));
  const doc = await context.couch.get<SessionDoc>(context.names.system, docId);
  if (!doc || doc.userId !== parsed.userId) return undefined;
  if (Date.parse(doc.expiresAt) <= Date.now()) {
    await deleteDoc(context, doc).catch(() => undefined);
    return undefined;
  }
  return { userId: doc.userId, docId };
}

/** The signed-in user's session, or 401 `unauthorized`. */
export async function requireSession(
  context: ServerContext,
  request: FastifyRequest,
): Promise<Session> {
  const session = await readSession(context, request);
  if (!session) throw unauthorized();
  return session;
}

async function deleteDoc(
  context: ServerContext,
  doc: { _id: string; _rev?: string },
): Promise<void> {
  try {
    await context.couch.put(context.names.system, { _id: doc._id, _rev: doc._rev, _deleted: true });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

export async function revokeSession(context: ServerContext, docId: string): Promise<void> {
  const doc = await context.couch.get<SessionDoc>(context.names.system, docId);
  if (doc) await deleteDoc(context, doc);
}

export async function revokeAllSessions(context: ServerContext, userId: string): Promise<void> {
  const docs = await context.couch.allDocs<SessionDoc>(
    context.names.system,
    prefixRange(docIds.sessionsOf(userId)),
  );
  if (docs.length === 0) return;
  await context.couch.bulk(
    context.names.system,
    docs.map((doc) => ({ _id: doc._id, _rev: doc._rev, _deleted: true })),
  );
}

function secureCookie(context: ServerContext, request: FastifyRequest): boolean {
  return appOrigin(request, context.config.publicOrigin).startsWith('https:');
}

export function setSessionCookie(
  context: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
): void {
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: secureCookie(context, request),
    maxAge: context.config.sessionTtlHours * 3600,
  });
}

export function clearSessionCookie(
  context: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: secureCookie(context, request),
  });
}
