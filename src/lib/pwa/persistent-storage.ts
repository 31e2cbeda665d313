import { getMeta, setMeta } from '$lib/db/meta';

export interface StorageState {
  /** True: the browser will not evict the data; false: it may under pressure; null: unknown. */
  persisted: boolean | null;
  /** Bytes used and available to this app, where the browser says. */
  usage: number | null;
  quota: number | null;
}

/**
 * Ask the browser to keep this app's data (after sign-in): an evicted IndexedDB would
 * lose changes waiting to sync. Browsers may grant it silently, ask, or refuse; the
 * answer is stored so the settings page can show it offline too.
 */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return null;
  try {
    const persisted = (await storage.persisted()) || (await storage.persist());
    await setMeta('storage', { persisted, checkedAt: new Date().toISOString() });
    return persisted;
  } catch {
    return null;
  }
}

/** What the settings page shows about local storage. */
export async function storageState(): Promise<StorageState> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  let persisted: boolean | null = (await getMeta('storage'))?.persisted ?? null;
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    if (storage?.persisted) persisted = await storage.persisted();
    if (storage?.estimate) {
      const estimate = await storage.estimate();
      usage = estimate.usage ?? null;
      quota = estimate.quota ?? null;
    }
  } catch {
    // Storage APIs can throw in locked-down contexts: show what is stored.
  }
  return { persisted, usage, quota };
}
