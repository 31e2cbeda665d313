import { db } from '$lib/db/database';
import type { SyncMeta } from '$lib/db/rows';
import type { PullResponse } from '$lib/protocol';
import { purgeGroups } from './purge-groups';
import { restartGroups } from './restart-groups';
import { assertSameUser } from './session-guard';
import { SYNC_TABLES } from './sync-tables';
import type { SyncDeps } from './sync-deps';
import { writeVersions, type ServerVersion } from './write-versions';

/**
 * Store one pulled page and its cursor in ONE transaction: if the app dies mid-sync the
 * cursor never runs ahead of the records (the page is pulled again, and storing a record
 * twice is harmless). Pending local edits are rebased onto pulled versions, never lost.
 * Lost groups (`purge`) go first, with every trace; groups sent again from the beginning
 * (`restart`) lose their server copies, then the page's records refill them.
 */
export async function applyPullPage(
  deps: SyncDeps,
  page: PullResponse,
  finished: boolean,
): Promise<void> {
  const database = db();
  const now = deps.now();
  const purged = new Set(page.purge);
  const versions = new Map<string, ServerVersion>();
  for (const record of page.records) {
    if (purged.has(record.groupId)) continue;
    versions.set(record.id, { type: record.type, groupId: record.groupId, record });
  }
  await database.transaction('rw', SYNC_TABLES, async () => {
    await assertSameUser(deps.userId);
    await purgeGroups(page.purge, now);
    await restartGroups((page.restart ?? []).filter((groupId) => !purged.has(groupId)));
    await writeVersions(versions);
    const previous = (await database.meta.get('sync'))?.value as SyncMeta | undefined;
    const sync: SyncMeta = {
      cursor: page.cursor,
      lastSyncedAt: finished ? now : (previous?.lastSyncedAt ?? null),
    };
    await database.meta.put({ key: 'sync', value: sync });
  });
}
