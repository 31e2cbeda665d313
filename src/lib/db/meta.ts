import { db } from './database';
import type { MetaKey, MetaValues } from './rows';

/**
 * Read one `meta` value (undefined when never written). Works offline.
 * Returns Dexie's own promise (no `async` wrapper) so a liveQuery that awaits it keeps
 * observing the reads that follow.
 */
export function getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
  return db()
    .meta.get(key)
    .then((row) => row?.value as MetaValues[K] | undefined);
}

/** Write one `meta` value, replacing the old one. */
export async function setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
  await db().meta.put({ key, value });
}

export async function deleteMeta(key: MetaKey): Promise<void> {
  await db().meta.delete(key);
}
