import type { AnyRecord } from '../../src/lib/domain';
import type { CouchClient, CouchDoc } from '../couch/couch-client';

/**
 * A record as a CouchDB document in its group's database: `_id` = record id, `rev` = `_rev`.
 * `nbMid` is server bookkeeping (the last mutation that wrote the document), so a push
 * replayed after a crash between the write and its idempotency record is still recognised.
 * It never leaves the server.
 */
export interface RecordDoc extends CouchDoc {
  nbMid?: string;
}

export function recordToDoc(
  record: AnyRecord,
  rev: string | undefined,
  mid: string | undefined,
): RecordDoc {
  const { rev: _ignored, ...fields } = record as AnyRecord & { rev?: string };
  const doc: RecordDoc = { ...fields, _id: record.id };
  if (rev) doc._rev = rev;
  if (mid) doc.nbMid = mid;
  return doc;
}

export function docToRecord(doc: RecordDoc): AnyRecord {
  const { _id, _rev, _deleted, nbMid, ...fields } = doc;
  void _id;
  void _deleted;
  void nbMid;
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
): Promise<AnyRecord> {
  const result = await couch.put(db, recordToDoc(record, rev, mid));
  return { ...record, rev: result.rev } as AnyRecord;
}
