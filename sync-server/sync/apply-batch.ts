import type { AnyRecord } from '../../src/lib/domain';
import type { Mutation, MutationResult } from '../../src/lib/protocol';
import type { CouchDoc } from '../couch/couch-client';
import { isRecordDoc, recordToDoc, type RecordDoc } from '../store/record-docs';
import { applyMutation, holderOf, writeStatusLog } from './apply-mutation';
import { admit, decideMutation, taken } from './decide-mutation';
import type { Creation, PushScope } from './push-context';

/** A decided mutation waiting for its segment's `_bulk_docs`. */
interface Staged {
  index: number;
  mutation: Mutation;
  record: AnyRecord;
  doc: RecordDoc;
  /** The result once `record` is stored with its new rev. */
  finish: (stored: AnyRecord) => MutationResult;
  /** A transition's `status` log entry, written only after the record itself was. */
  log?: (stored: AnyRecord) => AnyRecord;
  /** The record as its create made it, kept once this first change is written. */
  creation?: Creation;
}

export type ResultSink = (index: number, mutation: Mutation, result: MutationResult) => void;

/** Writes per `_bulk_docs` before the next segment is sent (and decided meanwhile). */
const SEGMENT_SIZE = 100;

/**
 * Applies a push's mutations with the same rules and results as `applyMutation` one at a
 * time, in far fewer round trips: the documents the push touches are read with one
 * `_all_docs` per group, every mutation is decided in memory against them in order, and
 * the writes go out as one `_bulk_docs` per group and segment. A segment ends where a
 * mutation reads a document an earlier mutation of the segment writes (a create then an
 * update of the same record, a claim then a log on it), so every mutation still sees what
 * came before it and gets its own write, rev and `nbMid` — exactly as one at a time.
 * Every write carries the `_rev` that was read: a row that comes back as a conflict
 * (someone else wrote in between) is decided again through `applyMutation`, which re-reads
 * and retries on its own — so of two claims of one request exactly one wins.
 */
export class BatchApplier {
  /** Per group database: what is known of each document (null: absent). */
  private readonly docs = new Map<string, Map<string, CouchDoc | null>>();
  private staged: Staged[] = [];
  /** `${groupId} ${id}` of every document the current segment writes. */
  private readonly dirty = new Set<string>();
  /** The same for segments sent but not yet written. */
  private readonly writing = new Set<string>();
  /** Mids of the current segment and of the segments being written. */
  private readonly stagedMids = new Set<string>();
  /** The segments sent, written one after another (a rejection is kept for `flush`). */
  private inflight: Promise<void> = Promise.resolve();

  constructor(
    private readonly scope: PushScope,
    private readonly sink: ResultSink,
  ) {}

  /**
   * Reads what the push needs, all groups at once: the caller's membership and the group
   * record of every group, and the existing documents its updates, transitions, archives
   * and appends touch (one `_all_docs` per group). Creates need no read: a taken id comes
   * back from `_bulk_docs` as a conflict.
   */
  async prefetch(mutations: readonly Mutation[]): Promise<void> {
    const wanted = new Map<string, Set<string>>();
    for (const mutation of mutations) {
      const ids = wanted.get(mutation.groupId) ?? new Set<string>();
      wanted.set(mutation.groupId, ids);
      if (isSpecial(mutation) || mutation.op === 'create') continue;
      if (mutation.op === 'append') {
        const parentId = mutation.record.parentId;
        if (typeof parentId === 'string') ids.add(parentId);
      } else {
        ids.add(mutation.id);
      }
    }
    await Promise.all([...wanted].map(([groupId, ids]) => this.prefetchGroup(groupId, ids)));
  }

  private async prefetchGroup(groupId: string, ids: Set<string>): Promise<void> {
    const [actor, group] = await Promise.all([
      this.scope.actor(groupId),
      this.scope.group(groupId),
    ]);
    // Only groups the caller may write to: the others' mutations are rejected unread.
    if (actor.membership?.status !== 'active' || !group || group.archived || ids.size === 0) {
      return;
    }
    const keys = [...ids];
    const found = await this.scope.context.couch.allDocs<CouchDoc>(this.db(groupId), { keys });
    const cache = this.cache(groupId);
    for (const key of keys) cache.set(key, null);
    for (const doc of found) cache.set(doc._id, doc);
  }

  /** Whether a mutation with this mid waits in the current segment. */
  isStaged(mid: string): boolean {
    return this.stagedMids.has(mid);
  }

  /**
   * Decides one mutation: its result goes to the sink now, or when its segment is written.
   * A full segment is sent at once and written while the next one is decided (the database
   * is another process: its writing and our deciding overlap); a mutation that reads what a
   * segment still being written writes waits for it.
   */
  async apply(index: number, mutation: Mutation): Promise<void> {
    const keys = this.reads(mutation);
    if (keys.some((key) => this.dirty.has(key) || this.writing.has(key))) await this.flush();
    const result = await this.decide(index, mutation);
    if (result) this.sink(index, mutation, result);
    if (this.staged.length >= SEGMENT_SIZE) this.send();
  }

  /** Writes every staged segment and waits until all are written (or one failed). */
  async flush(): Promise<void> {
    this.send();
    await this.inflight;
  }

  /** Queues the current segment's write behind the segments already sent. */
  private send(): void {
    if (this.staged.length === 0) return;
    const batch = this.staged;
    const keys = [...this.dirty];
    this.staged = [];
    this.dirty.clear();
    for (const key of keys) this.writing.add(key);
    const done = () => {
      for (const key of keys) this.writing.delete(key);
      for (const item of batch) this.stagedMids.delete(item.mutation.mid);
    };
    this.inflight = this.inflight.then(() => this.write(batch)).finally(done);
    // Handled here so a failure never goes unobserved; `flush` still rethrows it.
    this.inflight.catch(() => undefined);
  }

  /** Writes one segment: one `_bulk_docs` per group, then the status logs. */
  private async write(batch: Staged[]): Promise<void> {
    const byGroup = new Map<string, Staged[]>();
    for (const item of batch) {
      const list = byGroup.get(item.mutation.groupId) ?? [];
      list.push(item);
      byGroup.set(item.mutation.groupId, list);
    }
    const results = new Map<number, MutationResult>();
    const retry: Staged[] = [];
    for (const [groupId, items] of byGroup) {
      const db = this.db(groupId);
      const cache = this.cache(groupId);
      const rows = await this.scope.context.couch.bulk(
        db,
        items.map((item) => item.doc),
      );
      const logs: RecordDoc[] = [];
      for (const [k, item] of items.entries()) {
        const row = rows[k];
        if (!row?.rev || row.error) {
          retry.push(item);
          continue;
        }
        cache.set(item.doc._id, { ...item.doc, _rev: row.rev });
        if (item.creation) this.scope.creations.push(item.creation);
        const stored = { ...item.record, rev: row.rev } as AnyRecord;
        results.set(item.index, item.finish(stored));
        if (item.log) logs.push(recordToDoc(item.log(stored), undefined, item.mutation.mid));
      }
      if (logs.length > 0) {
        // A log id already taken is this transition's own earlier write (a replay).
        const logRows = await this.scope.context.couch.bulk(db, logs);
        for (const [k, log] of logs.entries()) {
          const row = logRows[k];
          if (row?.rev && !row.error) cache.set(log._id, { ...log, _rev: row.rev });
          else cache.delete(log._id);
        }
      }
      this.scope.context.changes.groupChanged(groupId);
    }
    // New documents whose id was taken: mostly a replayed push's creates and appends, each
    // recognised by its own `nbCreateMid` in one read per group instead of one at a time.
    const replays = await this.takenByThemselves(retry.filter((item) => !item.doc._rev));
    for (const [index, result] of replays) results.set(index, result);
    // Lost races, one at a time with a fresh read (nothing else in the segment read these).
    const raced = retry.filter((item) => !replays.has(item.index));
    raced.sort((a, b) => a.index - b.index);
    for (const item of raced) {
      const cache = this.cache(item.mutation.groupId);
      cache.delete(item.doc._id);
      if (item.mutation.op === 'transition') cache.delete(item.mutation.logId);
      results.set(item.index, await applyMutation(this.scope, item.mutation));
    }
    for (const item of batch) this.sink(item.index, item.mutation, results.get(item.index)!);
  }

  /** Answers for staged new documents whose id their own earlier write already holds. */
  private async takenByThemselves(items: Staged[]): Promise<Map<number, MutationResult>> {
    const answers = new Map<number, MutationResult>();
    const byGroup = new Map<string, Staged[]>();
    for (const item of items) {
      const list = byGroup.get(item.mutation.groupId) ?? [];
      list.push(item);
      byGroup.set(item.mutation.groupId, list);
    }
    for (const [groupId, list] of byGroup) {
      const keys = list.map((item) => item.doc._id);
      const found = await this.scope.context.couch.allDocs<RecordDoc>(this.db(groupId), { keys });
      const byId = new Map(found.map((doc) => [doc._id, doc]));
      for (const item of list) {
        const doc = byId.get(item.doc._id);
        if (!doc || !isRecordDoc(doc) || doc.nbCreateMid !== item.mutation.mid) continue;
        const actor = await this.scope.actor(groupId);
        answers.set(item.index, await taken(this.scope, actor, item.mutation, doc));
        this.cache(groupId).set(doc._id, doc);
      }
    }
    return answers;
  }

  private db(groupId: string): string {
    return this.scope.context.names.group(groupId);
  }

  private cache(groupId: string): Map<string, CouchDoc | null> {
    let cache = this.docs.get(groupId);
    if (!cache) {
      cache = new Map();
      this.docs.set(groupId, cache);
    }
    return cache;
  }

  /** Keys of the documents a mutation reads or writes. */
  private reads(mutation: Mutation): string[] {
    const key = (id: string) => `${mutation.groupId} ${id}`;
    const keys = [key(mutation.id), key(mutation.groupId)];
    if (mutation.op === 'append' && typeof mutation.record.parentId === 'string') {
      keys.push(key(mutation.record.parentId));
    }
    if (mutation.op === 'transition') keys.push(key(mutation.logId));
    return keys;
  }

  /** The document as stored now (from the cache, else one read), or undefined. */
  private async read(groupId: string, id: string): Promise<RecordDoc | undefined> {
    const cache = this.cache(groupId);
    let doc = cache.get(id);
    if (doc === undefined) {
      doc = (await this.scope.context.couch.get<RecordDoc>(this.db(groupId), id)) ?? null;
      cache.set(id, doc);
    }
    return doc && isRecordDoc(doc) ? (doc as RecordDoc) : undefined;
  }

  private stage(item: Staged): undefined {
    this.staged.push(item);
    this.stagedMids.add(item.mutation.mid);
    this.dirty.add(`${item.mutation.groupId} ${item.doc._id}`);
    if (item.mutation.op === 'transition') {
      this.dirty.add(`${item.mutation.groupId} ${item.mutation.logId}`);
    }
    return undefined;
  }

  private async decide(index: number, mutation: Mutation): Promise<MutationResult | undefined> {
    const admitted = await admit(this.scope, mutation);
    if ('result' in admitted) return admitted.result;
    if (isSpecial(mutation)) {
      // Group and membership records change who may do what: written on their own, after
      // everything before them, and everything after them sees the change.
      await this.flush();
      const result = await applyMutation(this.scope, mutation);
      this.docs.delete(mutation.groupId);
      return result;
    }
    const { groupId, mid } = mutation;
    const decision = await decideMutation(
      {
        ...admitted,
        read: (id) => this.read(groupId, id),
        holderOf: (userId) => holderOf(this.scope, groupId, userId),
      },
      mutation,
    );
    if ('answer' in decision) {
      if (decision.log && mutation.op === 'transition') {
        await writeStatusLog(this.scope, groupId, decision.log, mid);
        this.cache(groupId).delete(mutation.logId);
      }
      return decision.answer;
    }
    if (decision.rev === undefined) {
      // A new document is staged blindly (ids are ULIDs): a taken id comes back as a conflict
      // row, unless this push already knows it is taken.
      const known = this.cache(groupId).get(mutation.id);
      if (known) {
        return taken(this.scope, admitted.actor, mutation, isRecordDoc(known) ? known : undefined);
      }
    }
    return this.stage({
      index,
      mutation,
      record: decision.write,
      doc: recordToDoc(decision.write, decision.rev, mid, decision.createMid),
      finish: decision.finish,
      ...(decision.log ? { log: decision.log } : {}),
      ...(decision.creation ? { creation: decision.creation } : {}),
    });
  }
}

/** Mutations of group and membership records: applied one at a time, never batched. */
function isSpecial(mutation: Mutation): boolean {
  return mutation.type === 'group' || mutation.type === 'membership';
}
