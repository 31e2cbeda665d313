import type { User } from '../../protocol';
import { getMeta, setMeta } from '../meta';
import type { DirectoryMeta, SessionMeta, SettingsMeta, StorageMeta, SyncMeta } from '../rows';

/** The signed-in profile on this device (null: nobody). Works offline. */
export async function getSession(): Promise<SessionMeta | null> {
  return (await getMeta('session')) ?? null;
}

export async function getSessionUser(): Promise<User | null> {
  return (await getMeta('session'))?.user ?? null;
}

/** The app's settings (locale null: follow the browser). */
export async function getSettings(): Promise<SettingsMeta> {
  return (await getMeta('settings')) ?? { locale: null };
}

export async function setLocale(locale: string | null): Promise<void> {
  const settings = await getSettings();
  await setMeta('settings', { ...settings, locale });
}

/** Sync bookkeeping (cursor, last synced), written by the sync engine. */
export async function getSyncState(): Promise<SyncMeta> {
  return (await getMeta('sync')) ?? { cursor: null, lastSyncedAt: null };
}

export async function setSyncState(state: SyncMeta): Promise<void> {
  await setMeta('sync', state);
}

/** Whether the browser granted persistent storage (written by src/lib/pwa). */
export async function getStorageState(): Promise<StorageMeta | null> {
  return (await getMeta('storage')) ?? null;
}

export async function setStorageState(state: StorageMeta): Promise<void> {
  await setMeta('storage', state);
}

/** The directory cards kept on the phone (null: never fetched). */
export async function getCachedDirectory(): Promise<DirectoryMeta | null> {
  return (await getMeta('directory')) ?? null;
}
