import type { AnyRecord } from '../domain';
import type { Mutation } from '../protocol';
import { db } from './database';
import type { Transaction } from 'dexie';
import { toRow, toWire } from './local-fields';
import type { OutboxEntry } from './rows';
import { tableNameOf } from './tables';

/**
 * Store records and the outbox entry for the change in ONE transaction: either both are on
 * the device or neither is, so nothing the user sees can be missing from the next push.
 * `records` are domain records (local `_` fields are recomputed here).
 */
export async function commitLocal(
  records: readonly AnyRecord[],
  mutation: Mutation,
  createdAt: string,
): Promise<void> {
  const database = db();
  const names = new Set([...records.map((r) => tableNameOf(r.type)), tableNameOf(mutation.type)]);
  await database.transaction('rw', [...names, 'outbox'], async (tx) => {
    const base = await serverBase(tx, mutation);
    for (const record of records) {
      await tx.table(tableNameOf(record.type)).put(toRow(record));
    }
    const entry: OutboxEntry = {
      mid: mutation.mid,
      mutation,
      recordId: mutation.id,
      groupId: mutation.groupId,
      createdAt,
      attempts: 0,
      ...(base !== undefined ? { base } : {}),
    };
    await tx.table('outbox').add(entry);
  });
}

/**
 * The server's version of the record an edit changes, read before the edit is stored: the
 * stored row when no earlier change of it waits (a row with a `rev` is the server's, one
 * without was made here), else the base the earlier change kept — the row then already
 * shows that change, so it is no server version.
 */
async function serverBase(
  tx: Transaction,
  mutation: Mutation,
): Promise<AnyRecord | null | undefined> {
  if (mutation.op === 'create' || mutation.op === 'append') return undefined;
  const earlier = await tx
    .table<OutboxEntry, number>('outbox')
    .where('recordId')
    .equals(mutation.id)
    .last();
  if (earlier) return earlier.mutation.op === 'create' ? null : earlier.base;
  const row = (await tx.table(tableNameOf(mutation.type)).get(mutation.id)) as
    AnyRecord | undefined;
  return row?.rev === undefined ? null : (toWire(row) as AnyRecord);
}

/** Entries waiting to be pushed, oldest first (the sync engine drains them in this order). */
export function outboxEntries(limit = 500): Promise<OutboxEntry[]> {
  return db().outbox.orderBy('seq').limit(limit).toArray();
}

/** How many changes are waiting to sync ("N changes waiting to sync"). */
export function outboxCount(): Promise<number> {
  return db().outbox.count();
}

/** True while the outbox holds a change of this record: show it as *pending*. */
export function isPending(recordId: string): Promise<boolean> {
  return db()
    .outbox.where('recordId')
    .equals(recordId)
    .count()
    .then((n) => n > 0);
}

/**
 * Ids of every record with a change waiting (small: the outbox is short-lived).
 * Dexie's own promise (no `async` wrapper), so liveQueries that await it stay observed.
 */
export function pendingRecordIds(): Promise<Set<string>> {
  return db()
    .outbox.orderBy('recordId')
    .uniqueKeys()
    .then((keys) => new Set(keys as string[]));
}

/** Pending outbox entries of one record, oldest first (for rebasing onto a pulled version). */
export function pendingFor(recordId: string): Promise<OutboxEntry[]> {
  return db().outbox.where('recordId').equals(recordId).sortBy('seq');
}
