import { getMeta } from '../db/meta';
import { api } from '../sync/api-client';
import { clearLocalData } from './account';
import { apiFailure } from './from-api';
import type { ServiceResult } from './result';

/**
 * Kept in localStorage, not IndexedDB: signing out empties the database, and this note must
 * outlive that until the server has been told.
 */
const PENDING = 'neighborly:signout-pending';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Sign out on this device (as `signOut` does), and when the server could not be told
 * (offline, or it did not answer) remember to end its session at the next connection
 * (`sendPendingSignOut`), so the session cookie left behind does not stay valid.
 */
export async function signOutHere(): Promise<ServiceResult<null>> {
  const res = await api.signOut();
  if (!res.ok && res.status !== 401) storage()?.setItem(PENDING, '1');
  await clearLocalData();
  return { ok: true, record: null };
}

/**
 * Online only. End every session of my account (other phones sign in again; their unsent
 * changes stay on them), then sign out here. Offline: `offline`, and nothing changes.
 */
export async function signOutEverywhere(): Promise<ServiceResult<null>> {
  const res = await api.signOutEverywhere();
  if (!res.ok) return apiFailure(res);
  storage()?.removeItem(PENDING);
  await clearLocalData();
  return { ok: true, record: null };
}

/**
 * Tell the server about a sign-out made offline (call on start and when back online). If
 * someone has signed in since, their new session replaced the old cookie: nothing is sent,
 * so the new session is never ended by the old one's sign-out.
 */
export async function sendPendingSignOut(): Promise<void> {
  const store = storage();
  if (!store?.getItem(PENDING)) return;
  if (await getMeta('session')) {
    store.removeItem(PENDING);
    return;
  }
  const res = await api.signOut();
  // Answered (even 401: no session left to end): done. Offline or a server error: next time.
  if (res.ok || res.status === 401) store.removeItem(PENDING);
}
