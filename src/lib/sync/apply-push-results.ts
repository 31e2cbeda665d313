import { db } from '$lib/db/database';
import type { ConflictEntry, OutboxEntry } from '$lib/db/rows';
import type { MutationResult } from '$lib/protocol';
import { mutationSubject, mutationValues, noticeRecordId, type SyncNotice } from './sync-notice';
import { assertSameUser } from './session-guard';
import { SYNC_TABLES } from './sync-tables';
import type { SyncDeps } from './sync-deps';
import { writeVersions, type ServerVersion } from './write-versions';

export interface PushTally {
  applied: number;
  merged: number;
  rejected: number;
}

/**
 * Apply one batch's results in ONE transaction: the outbox entries whose results arrived
 * are removed together with storing what the server decided, so a crash in between can
 * neither lose an edit nor apply it twice (a re-push of the same `mid` is idempotent).
 * - `applied`: store the server's version;
 * - `merged`: store it and file each conflicting field for the inbox (both values kept);
 * - `rejected`: restore the server's version (or remove a create it never accepted) and
 *   file a notice with the reason and the values the change carried, so the author is told,
 *   never silently overruled, and what they typed stays recoverable. A refusal without the
 *   record (`not_found`, `invalid`, or one decided on this device) rolls an edit back to the
 *   server version the outbox entry kept as its `base` (see OutboxEntry).
 */
export async function applyPushResults(
  deps: SyncDeps,
  entries: OutboxEntry[],
  results: MutationResult[],
): Promise<PushTally> {
  const database = db();
  const now = deps.now();
  const byMid = new Map(entries.map((entry) => [entry.mid, entry]));
  const versions = new Map<string, ServerVersion>();
  const conflicts: ConflictEntry[] = [];
  const notices: SyncNotice[] = [];
  const done: number[] = [];
  const orphanLogs: string[] = [];
  const tally: PushTally = { applied: 0, merged: 0, rejected: 0 };

  for (const result of results) {
    const entry = byMid.get(result.mid);
    if (!entry || entry.seq === undefined) continue;
    done.push(entry.seq);
    const mutation = entry.mutation;
    tally[result.status] += 1;
    if (result.status === 'rejected') {
      if (result.record) {
        versions.set(result.record.id, version(result.record));
      } else if (mutation.op === 'create' || mutation.op === 'append') {
        versions.set(mutation.id, { type: mutation.type, groupId: mutation.groupId, record: null });
      } else if (entry.base !== undefined && !versions.has(mutation.id)) {
        // Back to the server version kept when the edit was made (later pending edits are
        // rebased onto it). A snapshot, because the cursor is opaque: the device cannot ask
        // the server for one group's records again without pulling everything. A version
        // stored by an earlier result of this batch is newer, and stays.
        versions.set(mutation.id, {
          type: mutation.type,
          groupId: mutation.groupId,
          record: entry.base,
        });
      }
      // The optimistic status log of a refused transition never existed on the server.
      if (mutation.op === 'transition') orphanLogs.push(mutation.logId);
      const subject = mutationSubject(mutation);
      const values = mutationValues(mutation);
      notices.push({
        mid: result.mid,
        recordId: noticeRecordId(mutation),
        groupId: mutation.groupId,
        code: result.code,
        message: result.message,
        ...(result.holder ? { holder: result.holder } : {}),
        ...(subject ? { subject } : {}),
        ...(values ? { values } : {}),
        createdAt: now,
        read: false,
      });
      continue;
    }
    versions.set(result.record.id, version(result.record));
    if (result.status === 'merged') {
      for (const conflict of result.conflicts) {
        conflicts.push({
          recordId: result.record.id,
          type: result.record.type,
          groupId: result.record.groupId,
          field: conflict.field,
          yours: conflict.yours,
          theirs: conflict.theirs,
          createdAt: now,
        });
      }
    }
  }

  await database.transaction('rw', SYNC_TABLES, async () => {
    await assertSameUser(deps.userId);
    await database.outbox.bulkDelete(done);
    await writeVersions(versions);
    if (orphanLogs.length > 0) {
      const logs = await database.logs.bulkGet(orphanLogs);
      const localOnly = logs.filter((log) => log && log.rev === undefined).map((log) => log!.id);
      await database.logs.bulkDelete(localOnly);
    }
    if (conflicts.length > 0) {
      // A newer conflict on the same field replaces the older one: one choice per field.
      const stale = await database.conflicts
        .where('recordId')
        .anyOf(conflicts.map((c) => c.recordId))
        .filter((old) =>
          conflicts.some((c) => c.recordId === old.recordId && c.field === old.field),
        )
        .primaryKeys();
      await database.conflicts.bulkDelete(stale);
      await database.conflicts.bulkAdd(conflicts);
    }
    if (notices.length > 0) await database.notices.bulkAdd(notices);
  });
  return tally;
}

function version(record: ServerVersion['record'] & object): ServerVersion {
  return { type: record.type, groupId: record.groupId, record };
}
