import type { AnyRecord } from '../../src/lib/domain';
import type { CouchClient, CouchDoc } from '../couch/couch-client';

/**
 * A record as a CouchDB document in its group's database: `_id` = record id, `rev` = `_rev`.
 * Server bookkeeping that never leaves the server:
 * - `nbMid`: the last mutation that wrote the document, so a push replayed after a crash
 *   between the write and its idempotency record is still recognised;
 * - `nbCreateMid`: the mutation that created it, kept through every later write. It is the
 *   idempotency record of a create or append: a replay finds its id taken by its own mid and
 *   is answered from the document, however often the record changed since.
 */
export interface RecordDoc extends CouchDoc {
  nbMid?: string;
  nbCreateMid?: string;
}

/**
 * The document to write for a record. `createMid` is the creating mutation's: a new
 * document's own `mid` by default; for a later write, the stored document's `nbCreateMid`.
 */
export function recordToDoc(
  record: AnyRecord,
  rev: string | undefined,
  mid: string | undefined,
  createMid: string | undefined = rev === undefined ? mid : undefined,
): RecordDoc {
  const { rev: _ignored, ...fields } = record as AnyRecord & { rev?: string };
  const doc: RecordDoc = { ...fields, _id: record.id };
  if (rev) doc._rev = rev;
  if (mid) doc.nbMid = mid;
  if (createMid) doc.nbCreateMid = createMid;
  return doc;
}

export function docToRecord(doc: RecordDoc): AnyRecord {
  const { _id, _rev, _deleted, nbMid, nbCreateMid, ...fields } = doc;
  void _id;
  void _deleted;
  void nbMid;
  void nbCreateMid;
  return { ...fields, rev: _rev } as unknown as AnyRecord;
}

export function isRecordDoc(doc: CouchDoc): boolean {
  return !doc._id.startsWith('_design/') && typeof doc.type === 'string';
}

export async function getRecord(
  couch: CouchClient,
  db: string,
  id: string,
): Promise<RecordDoc | undefined> {
  const doc = await couch.get<RecordDoc>(db, id);
  return doc && isRecordDoc(doc) ? doc : undefined;
}

/** Writes a record (optimistic lock on `rev`); returns the stored record with its new rev. */
export async function putRecord(
  couch: CouchClient,
  db: string,
  record: AnyRecord,
  rev: string | undefined,
  mid?: string,
  createMid?: string,
): Promise<AnyRecord> {
  const result = await couch.put(db, recordToDoc(record, rev, mid, createMid));
  return { ...record, rev: result.rev } as AnyRecord;
}
