import type { Membership } from '../domain';
import { db } from '../db/database';
import { toRow } from '../db/local-fields';
import { getMeta, setMeta } from '../db/meta';
import { RECORD_TABLES } from '../db/tables';
import * as v from 'valibot';
import {
  loginSchema,
  type MeResponse,
  type SignInBody,
  type SignUpBody,
  type User,
} from '../protocol';
import { api } from '../sync/api-client';
import { nowIso } from './clock';
import { apiFailure } from './from-api';
import type { ServiceResult } from './result';

/**
 * Signing in (or up) as another account clears the device, and this device still holds
 * changes of the account signed in before that have not synced: they would be deleted.
 * Answered instead of signing in, so the page can ask first; call again with
 * `{ discardUnsynced: true }` once the person agreed.
 */
export interface UnsyncedChanges {
  ok: false;
  code: 'unsynced_changes';
  /** Changes waiting in the outbox. */
  count: number;
  /** Whose they are: the name of the account signed in on this device before. */
  userName: string;
}

export type SessionResult = ServiceResult<User> | UnsyncedChanges;

export interface SessionOptions {
  /** The person agreed to delete another account's unsynced changes from this device. */
  discardUnsynced?: boolean;
}

/**
 * Online only. Create an account and sign in; stores the profile in `meta.session` so the
 * app opens offline afterwards. Offline: `{ ok: false, code: 'offline' }`. A new account is
 * always someone else: with another account's changes waiting, asks first (UnsyncedChanges).
 */
export async function signUp(
  body: SignUpBody,
  options: SessionOptions = {},
): Promise<SessionResult> {
  const waiting = options.discardUnsynced ? null : await unsyncedOfAnother(null);
  if (waiting) return waiting;
  const res = await api.signUp(body);
  if (!res.ok) return apiFailure(res);
  return startSession(res.data.user, options);
}

/**
 * Online only. Sign in; stores the profile in `meta.session`. Signing in again as the same
 * user (after an expired session) keeps every local change waiting to sync; signing in as
 * someone else clears the previous user's data from this device — after asking, when some of
 * it has not synced (UnsyncedChanges).
 *
 * The question comes before the server is asked, judged by the login: once the server
 * answers, the session cookie is the new account's, and a sync running meanwhile would push
 * the previous account's changes as the new one. Should the server still name another user
 * for the same login, the new session is ended again and the same question is answered.
 */
export async function signIn(
  body: SignInBody,
  options: SessionOptions = {},
): Promise<SessionResult> {
  const waiting = options.discardUnsynced ? null : await unsyncedOfAnother(body.login);
  if (waiting) return waiting;
  const res = await api.signIn(body);
  if (!res.ok) return apiFailure(res);
  return startSession(res.data.user, options);
}

/**
 * The question to ask before signing in as `login` (null: a new account), or null when there
 * is nothing to lose: nobody was signed in, nothing waits, or it is the same login.
 */
async function unsyncedOfAnother(login: string | null): Promise<UnsyncedChanges | null> {
  const previous = await getMeta('session');
  if (!previous) return null;
  if (login !== null && sameLogin(previous.user.login, login)) return null;
  const count = await db().outbox.count();
  if (count === 0) return null;
  return { ok: false, code: 'unsynced_changes', count, userName: previous.user.name };
}

/** Logins as the server compares them (trimmed, lower case: the protocol's loginSchema). */
function sameLogin(a: string, b: string): boolean {
  const normal = (login: string) => {
    const parsed = v.safeParse(loginSchema, login);
    return parsed.success ? parsed.output : login.trim().toLowerCase();
  };
  return normal(a) === normal(b);
}

async function startSession(user: User, options: SessionOptions): Promise<SessionResult> {
  const previous = await getMeta('session');
  if (previous && previous.user.id !== user.id) {
    const count = options.discardUnsynced ? 0 : await db().outbox.count();
    if (count > 0) {
      await api.signOut();
      return { ok: false, code: 'unsynced_changes', count, userName: previous.user.name };
    }
    await clearLocalData();
  }
  await setMeta('session', { user, signedInAt: nowIso() });
  // Best effort: My Groups works before the first pull when this succeeds.
  await refreshMe();
  return { ok: true, record: user };
}

/**
 * Sign out: tells the server when online (ignored when offline) and deletes every local
 * table, including changes not yet synced. The UI warns first when `outboxCount()` > 0.
 */
export async function signOut(): Promise<ServiceResult<null>> {
  await api.signOut();
  await clearLocalData();
  return { ok: true, record: null };
}

/** Empty every table of this device's database (the schema stays). */
export async function clearLocalData(): Promise<void> {
  const database = db();
  const names = [...RECORD_TABLES, 'outbox', 'conflicts', 'notices', 'meta'];
  await database.transaction('rw', names, async (tx) => {
    await Promise.all(names.map((name) => tx.table(name).clear()));
  });
}

/**
 * Online. `GET /me`: refresh my profile and membership summaries (stored in meta so My
 * Groups lists groups before their records are pulled). Offline: returns `offline` and keeps
 * what was stored; 401: `unauthorized` (the session expired; local data stays).
 */
export async function refreshMe(): Promise<ServiceResult<MeResponse>> {
  const res = await api.me();
  if (!res.ok) return apiFailure(res);
  const session = await getMeta('session');
  await setMeta('session', { user: res.data.user, signedInAt: session?.signedInAt ?? nowIso() });
  await setMeta('memberships', { memberships: res.data.memberships, fetchedAt: nowIso() });
  return { ok: true, record: res.data };
}

/** Store a membership the server returned (unless a local edit of it is still pending). */
export async function storeMembership(membership: Membership): Promise<void> {
  const database = db();
  await database.transaction('rw', database.memberships, database.outbox, async () => {
    const pending = await database.outbox.where('recordId').equals(membership.id).count();
    if (pending === 0) await database.memberships.put(toRow(membership));
  });
}
