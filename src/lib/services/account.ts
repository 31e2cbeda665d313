import type { Membership } from '../domain';
import { db } from '../db/database';
import { toRow } from '../db/local-fields';
import { getMeta, setMeta } from '../db/meta';
import { RECORD_TABLES } from '../db/tables';
import type { MeResponse, SignInBody, SignUpBody, User } from '../protocol';
import { api } from '../sync/api-client';
import { nowIso } from './clock';
import { apiFailure } from './from-api';
import type { ServiceResult } from './result';

/**
 * Online only. Create an account and sign in; stores the profile in `meta.session` so the
 * app opens offline afterwards. Offline: `{ ok: false, code: 'offline' }`.
 */
export async function signUp(body: SignUpBody): Promise<ServiceResult<User>> {
  const res = await api.signUp(body);
  if (!res.ok) return apiFailure(res);
  await startSession(res.data.user);
  return { ok: true, record: res.data.user };
}

/**
 * Online only. Sign in; stores the profile in `meta.session`. Signing in again as the same
 * user (after an expired session) keeps every local change waiting to sync; signing in as
 * someone else first clears the previous user's data from this device.
 */
export async function signIn(body: SignInBody): Promise<ServiceResult<User>> {
  const res = await api.signIn(body);
  if (!res.ok) return apiFailure(res);
  await startSession(res.data.user);
  return { ok: true, record: res.data.user };
}

async function startSession(user: User): Promise<void> {
  const previous = await getMeta('session');
  if (previous && previous.user.id !== user.id) await clearLocalData();
  await setMeta('session', { user, signedInAt: nowIso() });
  // Best effort: My Groups works before the first pull when this succeeds.
  await refreshMe();
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
