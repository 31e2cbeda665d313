/**
 * The bench page: what Playwright drives with `page.evaluate(() => window.bench.…)`.
 * Every contender runs in this one page, in a fresh browser profile per run, on the same
 * documents: Neighborly's real sync engine and data layer, PouchDB replication, and the
 * floor (the same JSON fetched page by page and one Dexie bulkPut per page).
 */
import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import { db } from '$lib/db/database';
import { toRow } from '$lib/db/local-fields';
import type { AnyRecord } from '$lib/domain';
import { runSync } from '$lib/sync/run-sync';
import { syncRunner, type SyncRunner } from '$lib/sync/sync-runner';
import { pushOutbox } from '$lib/sync/push-outbox';
import { httpTransport, type SyncTransport } from '$lib/sync/sync-transport';
import type { SyncDeps } from '$lib/sync/sync-deps';
import { listBoard, listMyTasks, signIn, updateRequest, outboxCount } from '$lib/services';

interface LongTask {
  start: number;
  duration: number;
}

const longTasks: LongTask[] = [];
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No Long Tasks API: the bench reports none observed.
}

function tasksSince(start: number): LongTask[] {
  return longTasks.filter((t) => t.start >= start);
}

/** The engine's transport, timed: how much of a sync is the network (+ JSON parse). */
function timedTransport(inner: SyncTransport, tally: { pullMs: number; pushMs: number }) {
  const transport: SyncTransport = {
    async pull(cursor, limit) {
      const t0 = performance.now();
      const answer = await inner.pull(cursor, limit);
      tally.pullMs += performance.now() - t0;
      return answer;
    },
    async push(mutations) {
      const t0 = performance.now();
      const answer = await inner.push(mutations);
      tally.pushMs += performance.now() - t0;
      return answer;
    },
  };
  return transport;
}

function deps(transport: SyncTransport, pullLimit?: number): SyncDeps {
  return {
    transport,
    now: () => new Date().toISOString(),
    ...(pullLimit ? { pullLimit } : {}),
  };
}

/** The app's own runner: syncs run in its sync worker (src/lib/sync/sync-worker.ts). */
let appRunner: SyncRunner | null = null;

/**
 * A sync as the app makes it (in the worker), or with `inPage` on this page's main thread
 * with a timed transport (where the time goes: network + parse vs writing to Dexie).
 */
async function neighborlySync(options: { pullLimit?: number; inPage?: boolean } = {}) {
  const tally = { pullMs: 0, pushMs: 0 };
  const start = performance.now();
  const inPage = options.inPage || options.pullLimit !== undefined;
  appRunner ??= syncRunner(deps(httpTransport()));
  const outcome = inPage
    ? await runSync(deps(timedTransport(httpTransport(), tally), options.pullLimit))
    : await appRunner();
  const ms = performance.now() - start;
  if (!outcome.ok)
    throw new Error(`sync failed at ${outcome.stage}: ${outcome.status} ${outcome.message}`);
  return {
    ms,
    received: outcome.received,
    where: inPage ? 'page' : 'worker',
    ...(inPage ? { networkMs: tally.pullMs + tally.pushMs } : {}),
    longTasks: tasksSince(start),
    requests: await db().requests.count(),
  };
}

const bench = {
  async signIn(login: string, password: string) {
    const start = performance.now();
    const result = await signIn({ login, password });
    if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);
    return { ms: performance.now() - start, userId: result.record.id };
  },

  /** First sync (or any sync): push the outbox, pull until `more` is false, into Dexie. */
  sync: neighborlySync,

  /** `count` offline edits through the data layer (each: record + outbox in one transaction). */
  async editOffline(options: { groupId: string; count: number }) {
    const rows = await db()
      .requests.where('groupId')
      .equals(options.groupId)
      .limit(options.count)
      .toArray();
    const start = performance.now();
    for (const [i, row] of rows.entries()) {
      const result = await updateRequest(row.id, {
        title: `${row.title.slice(0, 100)} (edit ${i})`,
      });
      if (!result.ok) throw new Error(`offline edit failed: ${result.code}`);
    }
    return { ms: performance.now() - start, edits: rows.length, outbox: await outboxCount() };
  },

  /** Push the whole outbox (the engine's own batching). */
  async push() {
    const tally = { pullMs: 0, pushMs: 0 };
    const start = performance.now();
    const outcome = await pushOutbox(deps(timedTransport(httpTransport(), tally)));
    const ms = performance.now() - start;
    if (!outcome.ok) throw new Error(`push failed: ${outcome.status} ${outcome.message}`);
    return { ms, networkMs: tally.pushMs, tally: outcome.tally, outbox: await outboxCount() };
  },

  /** PouchDB (IndexedDB adapter) replicating the group's database from the backend. */
  async pouchReplicate(options: { db: string; batchSize?: number }) {
    const local = new PouchDB(`pouch-${Date.now()}`);
    const remote = new URL(`/couch/${options.db}`, location.href).href;
    const start = performance.now();
    const info = await PouchDB.replicate(
      remote,
      local,
      options.batchSize ? { batch_size: options.batchSize } : {},
    );
    const ms = performance.now() - start;
    const docs = (await local.info()).doc_count;
    return { ms, docs, written: info.docs_written, longTasks: tasksSince(start) };
  },

  /**
   * The floor: `_changes?include_docs=true&limit=` page by page, one Dexie bulkPut per page
   * into a table keyed by `_id` alone. The other schemas say where a sync's time goes:
   * `app` writes rows made by the app's `toRow` into the app's own requests table (all its
   * indexes), one bulkPut per page.
   */
  async floor(options: { db: string; pageSize?: number; schema?: 'plain' | 'app' }) {
    const limit = options.pageSize ?? 1000;
    const schema = options.schema ?? 'plain';
    const name = `floor-${Date.now()}`;
    const plain = new Dexie(name);
    plain.version(1).stores({ docs: '_id' });
    const start = performance.now();
    let since: string | number = 0;
    let docs = 0;
    for (;;) {
      const response = await fetch(
        `/couch/${options.db}/_changes?include_docs=true&limit=${limit}&since=${encodeURIComponent(String(since))}`,
      );
      const page = (await response.json()) as {
        results: Array<{ doc?: Record<string, unknown> }>;
        last_seq: string | number;
      };
      const rows = page.results.flatMap((r) => (r.doc ? [r.doc] : []));
      if (schema !== 'plain') {
        const records = rows
          .filter((d) => d.type === 'request')
          .map((d) => {
            const { _id, _rev, nbMid, ...fields } = d;
            void _id;
            void nbMid;
            return toRow({ ...fields, rev: _rev } as unknown as AnyRecord);
          });
        await db().requests.bulkPut(records as never[]);
      } else {
        await plain.table('docs').bulkPut(rows);
      }
      docs += rows.length;
      since = page.last_seq;
      if (page.results.length < limit) break;
    }
    const ms = performance.now() - start;
    plain.close();
    return { ms, docs, longTasks: tasksSince(start) };
  },

  /** Local queries through the data layer, each timed `runs` times. */
  async queries(options: {
    groupId: string;
    runs: number;
    category: string;
    text: string;
    today: string;
  }) {
    const time = async (fn: () => Promise<unknown>) => {
      const samples: number[] = [];
      let size = 0;
      for (let i = 0; i < options.runs; i++) {
        const t0 = performance.now();
        const out = await fn();
        samples.push(performance.now() - t0);
        if (i === 0) size = resultSize(out);
      }
      return { samples, size };
    };
    const board = await time(() =>
      listBoard(options.groupId, { statuses: ['open'], category: options.category }, { limit: 50 }),
    );
    const boardAll = await time(() =>
      listBoard(options.groupId, { statuses: ['open'] }, { limit: 50 }),
    );
    const search = await time(() =>
      listBoard(options.groupId, { text: options.text }, { limit: 50 }),
    );
    const myTasks = await time(() => listMyTasks(options.today));
    // The reference: the same board straight on one compound index, no data layer.
    const boardIndex = await time(() =>
      db()
        .requests.where('[groupId+_state+category+_sort]')
        .between(
          [options.groupId, 'open', options.category, ''],
          [options.groupId, 'open', options.category, '\uffff'],
        )
        .limit(50)
        .toArray(),
    );
    return { board, boardAll, search, myTasks, boardIndex };
  },

  async counts() {
    return { requests: await db().requests.count(), outbox: await outboxCount() };
  },
};

function resultSize(out: unknown): number {
  if (out && typeof out === 'object') {
    const o = out as {
      items?: unknown[];
      today?: unknown[];
      upcoming?: unknown[];
      done?: unknown[];
    };
    if (Array.isArray(out)) return out.length;
    if (o.items) return o.items.length;
    return (o.today?.length ?? 0) + (o.upcoming?.length ?? 0) + (o.done?.length ?? 0);
  }
  return 0;
}

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.getElementById('status')!.textContent = 'bench ready';
