import type { Table } from 'dexie';
import type { AnyRecord, MemberCheck, RecordType } from '$lib/domain';
import { db } from '$lib/db/database';
import { toRow } from '$lib/db/local-fields';
import type { OutboxEntry } from '$lib/db/rows';
import { tableNameOf, type RecordTableName } from '$lib/db/tables';
import { actorIn, type ActorContext } from '$lib/services/actor';
import { applyLocal } from '$lib/services/apply-local';
import { localMemberCheck } from '$lib/services/member-check';

/** The server's version of a record, or null when it must not exist on the device. */
export interface ServerVersion {
  type: RecordType;
  groupId: string;
  record: AnyRecord | null;
}

/**
 * Store server versions, rebasing pending local edits on top: for every record that still
 * has outbox entries, its pending mutations are re-applied (in `seq` order, with the same
 * domain functions as the first time) to the server's version, so a pulled or pushed-back
 * record never hides an edit that has not synced yet. Must run inside a transaction over
 * the record tables, the outbox and meta. Each rebased entry keeps the new server version as
 * its `base` (what a refused change rolls back to).
 *
 * Rows are written in chunks of `WRITE_CHUNK`, one chunk in flight while the next one's
 * rows are built: each main-thread step (building rows, Dexie's work and the structured
 * clone of one chunk) stays short, and the event loop runs between steps while IndexedDB
 * writes, so a page of thousands of records never blocks the UI for long. Every chunk stays
 * in the caller's transaction: a page is still stored whole or not at all.
 */
export async function writeVersions(versions: Map<string, ServerVersion>): Promise<void> {
  if (versions.size === 0) return;
  const database = db();
  const pending = await pendingByRecord([...versions.keys()]);
  const contexts = new Map<string, ActorContext | null>();
  // Who each pending mutation's assignee is, read now: the rebase below is synchronous. From
  // the memberships stored before this page; a membership this page changes is judged again
  // by the server when the change is pushed.
  const memberChecks = new Map<OutboxEntry, MemberCheck>();
  for (const [id, entries] of pending) {
    const groupId = versions.get(id)!.groupId;
    if (!contexts.has(groupId)) contexts.set(groupId, await actorIn(groupId));
    for (const entry of entries) memberChecks.set(entry, await localMemberCheck(entry.mutation));
  }

  const puts = new Map<RecordTableName, AnyRecord[]>();
  const deletes = new Map<RecordTableName, string[]>();
  const rebased: OutboxEntry[] = [];
  for (const [id, version] of versions) {
    let record = version.record;
    const entries = pending.get(id);
    if (entries) {
      const context = contexts.get(version.groupId) ?? null;
      for (const entry of entries) {
        record = rebase(record, entry, context, memberChecks.get(entry));
        // The newest server version is what a refused change of these rolls back to.
        rebased.push({ ...entry, base: version.record });
      }
    }
    const table = tableNameOf(version.type);
    if (record) add(puts, table, record);
    else add(deletes, table, id);
  }
  if (rebased.length > 0) await database.outbox.bulkPut(rebased);
  const deleting = Promise.all([...deletes].map(([table, ids]) => database[table].bulkDelete(ids)));
  // Observed now, awaited after the puts: a failed put must not leave it unhandled.
  deleting.catch(() => undefined);
  for (const [table, records] of puts) {
    await putInChunks(database[table] as Table<object, string>, records);
  }
  await deleting;
}

/** Rows per `bulkPut`: small enough that building and cloning one chunk takes a few ms. */
export const WRITE_CHUNK = 100;

/**
 * `bulkPut` of the records' rows in chunks, the next chunk built and sent while the previous
 * one is written (at most two in flight).
 */
async function putInChunks(table: Table<object, string>, records: AnyRecord[]): Promise<void> {
  let inFlight: Promise<unknown> | null = null;
  for (let i = 0; i < records.length; i += WRITE_CHUNK) {
    const rows = records.slice(i, i + WRITE_CHUNK).map((record) => toRow(record));
    const put = table.bulkPut(rows);
    // Observed now, awaited below: if an earlier chunk fails first, this one's failure (the
    // transaction aborts) must not surface as an unhandled rejection.
    put.catch(() => undefined);
    if (inFlight) await inFlight;
    inFlight = put;
  }
  if (inFlight) await inFlight;
}

/**
 * One pending mutation on top of a server version. A create or append whose record the
 * server already has changes nothing (the server's copy is the truth); an edit that no
 * longer applies (e.g. a claim of a request someone else holds now) leaves the server's
 * version showing — the push that follows gets it rejected and tells the author why.
 */
function rebase(
  record: AnyRecord | null,
  entry: OutboxEntry,
  context: ActorContext | null,
  isMember: MemberCheck | undefined,
): AnyRecord | null {
  const mutation = entry.mutation;
  if (mutation.op === 'append' || !context) return record;
  if (mutation.op === 'create' && record) return record;
  const out = applyLocal(record ?? undefined, mutation, context.actor, context.group, isMember);
  return out.ok ? out.record : record;
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function pendingByRecord(ids: string[]): Promise<Map<string, OutboxEntry[]>> {
  const outbox = db().outbox;
  // The outbox is usually tiny next to a page: read it whole rather than probe 2,000 keys.
  const count = await outbox.count();
  const entries =
    count === 0
      ? []
      : count < ids.length
        ? await outbox.toArray()
        : await outbox.where('recordId').anyOf(ids).toArray();
  const byRecord = new Map<string, OutboxEntry[]>();
  const wanted = new Set(ids);
  for (const entry of entries.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
    if (wanted.has(entry.recordId)) add(byRecord, entry.recordId, entry);
  }
  return byRecord;
}
