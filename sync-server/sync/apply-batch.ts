import {
  applyRequestTransition,
  applyTaskTransition,
  applyUpdate,
  can,
  prepareAppend,
  redact,
  statusLog,
  type Actor,
  type AnyRecord,
  type Group,
  type LogParent,
  type Request,
  type Task,
} from '../../src/lib/domain';
import type {
  AppendMutation,
  ArchiveMutation,
  CreateMutation,
  Mutation,
  MutationResult,
  RejectCode,
  TransitionMutation,
  UpdateMutation,
} from '../../src/lib/protocol';
import type { CouchDoc } from '../couch/couch-client';
import { docToRecord, isRecordDoc, recordToDoc, type RecordDoc } from '../store/record-docs';
import {
  applyMutation,
  envelopeMismatch,
  holderOf,
  prepareCreation,
  reject,
  rejected,
  writeStatusLog,
} from './apply-mutation';
import type { PushScope } from './push-context';

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
}

export type ResultSink = (index: number, mutation: Mutation, result: MutationResult) => void;

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
  private readonly stagedMids = new Set<string>();

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

  /** Decides one mutation: its result goes to the sink now, or when its segment is written. */
  async apply(index: number, mutation: Mutation): Promise<void> {
    if (this.reads(mutation).some((key) => this.dirty.has(key))) await this.flush();
    const result = await this.decide(index, mutation);
    if (result) this.sink(index, mutation, result);
  }

  /** Writes the current segment: one `_bulk_docs` per group, then the status logs. */
  async flush(): Promise<void> {
    if (this.staged.length === 0) return;
    const batch = this.staged;
    this.staged = [];
    this.dirty.clear();
    this.stagedMids.clear();

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
    // Lost races, one at a time with a fresh read (nothing else in the segment read these).
    retry.sort((a, b) => a.index - b.index);
    for (const item of retry) {
      const cache = this.cache(item.mutation.groupId);
      cache.delete(item.doc._id);
      if (item.mutation.op === 'transition') cache.delete(item.mutation.logId);
      results.set(item.index, await applyMutation(this.scope, item.mutation));
    }
    for (const item of batch) this.sink(item.index, item.mutation, results.get(item.index)!);
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

  private async loadStored(mutation: Mutation) {
    const doc = await this.read(mutation.groupId, mutation.id);
    if (!doc || doc.type !== mutation.type || doc.groupId !== mutation.groupId) return undefined;
    return { doc, record: docToRecord(doc) };
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
    const actor = await this.scope.actor(mutation.groupId);
    if (actor.membership?.status !== 'active') {
      return rejected(mutation.mid, 'forbidden', 'You are not a member of this group.');
    }
    const group = await this.scope.group(mutation.groupId);
    if (!group || group.archived) return reject(mutation.mid, 'not_found');
    if (isSpecial(mutation)) {
      // Group and membership records change who may do what: written on their own, after
      // everything before them, and everything after them sees the change.
      await this.flush();
      const result = await applyMutation(this.scope, mutation);
      this.docs.delete(mutation.groupId);
      return result;
    }
    switch (mutation.op) {
      case 'create':
        return this.create(index, mutation);
      case 'append':
        return this.append(index, actor, mutation);
      case 'update':
        return this.update(index, actor, mutation);
      case 'transition':
        return this.transition(index, actor, group, mutation);
      case 'archive':
        return this.archive(index, actor, mutation);
    }
  }

  /** A new document: staged blindly (ids are ULIDs); a taken id comes back as a conflict row. */
  private async insert(
    index: number,
    actor: Actor,
    mutation: CreateMutation | AppendMutation,
    record: AnyRecord,
  ): Promise<MutationResult | undefined> {
    const known = this.cache(mutation.groupId).get(mutation.id);
    if (known) {
      if (isRecordDoc(known) && (known as RecordDoc).nbMid === mutation.mid) {
        const stored = docToRecord(known as RecordDoc);
        return { mid: mutation.mid, status: 'applied', record: redact(stored, actor) ?? stored };
      }
      return reject(mutation.mid, 'conflict');
    }
    return this.stage({
      index,
      mutation,
      record,
      doc: recordToDoc(record, undefined, mutation.mid),
      finish: (stored) => ({
        mid: mutation.mid,
        status: 'applied',
        record: redact(stored, actor) ?? stored,
      }),
    });
  }

  private async create(index: number, mutation: CreateMutation) {
    const prepared = await prepareCreation(this.scope, mutation);
    if ('result' in prepared) return prepared.result;
    return this.insert(index, prepared.actor, mutation, prepared.record);
  }

  private async append(index: number, actor: Actor, mutation: AppendMutation) {
    const mismatch = envelopeMismatch(mutation);
    if (mismatch.length > 0) return reject(mutation.mid, 'invalid', { fields: mismatch });
    if (mutation.type !== 'log') {
      return rejected(mutation.mid, 'invalid', 'Only log entries can be appended.');
    }
    const parentId = mutation.record.parentId;
    let parent: LogParent | null = null;
    if (typeof parentId === 'string') {
      const doc = await this.read(mutation.groupId, parentId).catch(() => undefined);
      if (doc && (doc.type === 'request' || doc.type === 'task'))
        parent = docToRecord(doc) as LogParent;
    }
    const outcome = prepareAppend(actor, mutation.record, parent, new Date().toISOString());
    if (!outcome.ok) return reject(mutation.mid, outcome.code, { fields: outcome.errors });
    return this.insert(index, actor, mutation, outcome.record);
  }

  private async update(index: number, actor: Actor, mutation: UpdateMutation) {
    const stored = await this.loadStored(mutation);
    if (!stored) return reject(mutation.mid, 'not_found');
    const visible = redact(stored.record, actor);
    if (!visible) return reject(mutation.mid, 'not_found');
    if (stored.record.type === 'log') return reject(mutation.mid, 'forbidden');
    const outcome = applyUpdate(
      actor,
      stored.record,
      mutation.set,
      mutation.from,
      new Date().toISOString(),
    );
    if (!outcome.ok)
      return reject(mutation.mid, outcome.code, { record: visible, fields: outcome.errors });
    const answer = (record: AnyRecord): MutationResult => {
      const shown = redact(record, actor) ?? record;
      return outcome.conflicts.length > 0
        ? { mid: mutation.mid, status: 'merged', record: shown, conflicts: outcome.conflicts }
        : { mid: mutation.mid, status: 'applied', record: shown };
    };
    if (!outcome.changed) return answer(stored.record);
    return this.stage({
      index,
      mutation,
      record: outcome.record,
      doc: recordToDoc(outcome.record, stored.doc._rev, mutation.mid),
      finish: answer,
    });
  }

  private async transition(
    index: number,
    actor: Actor,
    group: Group,
    mutation: TransitionMutation,
  ): Promise<MutationResult | undefined> {
    if (mutation.type !== 'request' && mutation.type !== 'task') {
      return rejected(mutation.mid, 'invalid', 'Only requests and tasks change status.');
    }
    const input = {
      to: mutation.to,
      ...(mutation.assigneeId !== undefined ? { assigneeId: mutation.assigneeId } : {}),
      ...(mutation.closeReason !== undefined ? { closeReason: mutation.closeReason } : {}),
      ...(mutation.closeNote !== undefined ? { closeNote: mutation.closeNote } : {}),
    };
    const stored = await this.loadStored(mutation);
    if (!stored) return reject(mutation.mid, 'not_found');
    const visible = redact(stored.record, actor) ?? undefined;
    const now = new Date().toISOString();
    const outcome =
      stored.record.type === 'request'
        ? applyRequestTransition(actor, stored.record, group, input, now)
        : applyTaskTransition(actor, stored.record as Task, group, input, now);

    if (!outcome.ok) {
      if (outcome.code === 'already_claimed') {
        const result = reject(mutation.mid, 'already_claimed', { record: visible });
        const holder = await holderOf(this.scope, mutation.groupId, outcome.holderId);
        return holder && result.status === 'rejected' ? { ...result, holder } : result;
      }
      return reject(mutation.mid, outcome.code, { record: visible });
    }

    if (!outcome.changed) {
      // Already in the asked-for state: a replay (finish its log if the first try could not).
      if (stored.doc.nbMid === mutation.mid) {
        await writeStatusLog(
          this.scope,
          mutation,
          stored.record as LogParent,
          mutation.from,
          'replay',
        );
        this.cache(mutation.groupId).delete(mutation.logId);
      }
      return { mid: mutation.mid, status: 'applied', record: visible ?? stored.record };
    }

    // The author's premise is the status they saw: if it moved on, their intent is stale.
    const current = stored.record as Request | Task;
    if (current.status !== mutation.from) {
      const code: RejectCode =
        mutation.to === 'claimed' && current.assigneeId && current.assigneeId !== this.scope.userId
          ? 'already_claimed'
          : 'illegal_transition';
      const result = reject(mutation.mid, code, { record: visible });
      if (code === 'already_claimed' && result.status === 'rejected') {
        const holder = await holderOf(
          this.scope,
          mutation.groupId,
          current.assigneeId ?? undefined,
        );
        return holder ? { ...result, holder } : result;
      }
      return result;
    }

    const from = outcome.from;
    const action = outcome.action ?? mutation.to;
    return this.stage({
      index,
      mutation,
      record: outcome.record,
      doc: recordToDoc(outcome.record, stored.doc._rev, mutation.mid),
      finish: (record) => ({
        mid: mutation.mid,
        status: 'applied',
        record: redact(record, actor) ?? record,
      }),
      log: (record) =>
        statusLog({
          id: mutation.logId,
          parent: record as LogParent,
          actorId: this.scope.userId,
          from,
          to: mutation.to,
          action,
          ...(mutation.closeNote ? { note: mutation.closeNote } : {}),
          now: new Date().toISOString(),
        }),
    });
  }

  private async archive(index: number, actor: Actor, mutation: ArchiveMutation) {
    const stored = await this.loadStored(mutation);
    if (!stored) return reject(mutation.mid, 'not_found');
    const visible = redact(stored.record, actor) ?? undefined;
    if (!can(actor, 'archive', stored.record))
      return reject(mutation.mid, 'forbidden', { record: visible });
    if (stored.record.archived)
      return { mid: mutation.mid, status: 'applied' as const, record: visible ?? stored.record };
    const next = {
      ...stored.record,
      archived: true,
      updatedAt: new Date().toISOString(),
    } as AnyRecord;
    return this.stage({
      index,
      mutation,
      record: next,
      doc: recordToDoc(next, stored.doc._rev, mutation.mid),
      finish: (record) => ({
        mid: mutation.mid,
        status: 'applied',
        record: redact(record, actor) ?? record,
      }),
    });
  }
}

/** Mutations of group and membership records: applied one at a time, never batched. */
function isSpecial(mutation: Mutation): boolean {
  return mutation.type === 'group' || mutation.type === 'membership';
}
