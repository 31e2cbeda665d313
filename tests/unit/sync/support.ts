import 'fake-indexeddb/auto';
import { newId, type AnyRecord } from '../../../src/lib/domain';
import { db, useDatabase } from '../../../src/lib/db/database';
import { toRow } from '../../../src/lib/db/local-fields';
import { tableNameOf } from '../../../src/lib/db/tables';
import type {
  Mutation,
  MutationResult,
  PullResponse,
  PushResponse,
} from '../../../src/lib/protocol';
import type { SyncDeps } from '../../../src/lib/sync/sync-deps';
import type { SyncCall, SyncFailure, SyncTransport } from '../../../src/lib/sync/sync-transport';
import { IDS, makeGroup, makeMembership, NOW } from '../../fixtures/records';

/** A fresh device database per test, signed in as `IDS.member`, in one group. */
export async function freshDevice(records: AnyRecord[] = []) {
  const database = useDatabase(`sync-test-${newId()}`);
  await database.meta.put({
    key: 'session',
    value: { user: { id: IDS.member, name: 'Ada', login: 'ada' }, signedInAt: NOW },
  });
  await store([
    makeGroup(),
    makeMembership({ id: newId(), userId: IDS.member, groupId: IDS.group }),
    ...records,
  ]);
  return database;
}

/** Put records on the device as if pulled earlier. */
export async function store(records: AnyRecord[]): Promise<void> {
  const database = db();
  await database.transaction('rw', database.tables, async () => {
    for (const record of records) {
      await database.table(tableNameOf(record.type)).put(toRow(record));
    }
  });
}

export type PushHandler = (mutations: Mutation[]) => SyncCall<PushResponse>;

/**
 * A scripted server: `onPush` decides each push's answer (default: every mutation applied,
 * echoing the record with a new rev), `pages` are handed out in order to pulls.
 */
export class FakeServer implements SyncTransport {
  pushes: Mutation[][] = [];
  pulls: (string | null)[] = [];
  pages: (PullResponse | SyncFailure)[] = [];
  onPush: PushHandler = (mutations) => ({
    ok: true,
    data: { results: mutations.map((m) => this.applied(m)) },
  });
  /** Called at the start of every push, before its answer: lets a test look at the outbox. */
  beforeAnswer: (() => Promise<void>) | null = null;

  async push(mutations: Mutation[]): Promise<SyncCall<PushResponse>> {
    this.pushes.push(mutations);
    if (this.beforeAnswer) await this.beforeAnswer();
    return this.onPush(mutations);
  }

  async pull(cursor: string | null): Promise<SyncCall<PullResponse>> {
    this.pulls.push(cursor);
    const page = this.pages.shift() ?? {
      records: [],
      purge: [],
      cursor: cursor ?? '',
      more: false,
    };
    return 'ok' in page ? page : { ok: true, data: page };
  }

  /** `applied`, with the record as the device sent it (creates) or a stand-in (others). */
  applied(mutation: Mutation, record?: AnyRecord): MutationResult {
    const sent = 'record' in mutation ? (mutation.record as unknown as AnyRecord) : undefined;
    const stored = record ?? sent;
    if (!stored) throw new Error(`test must give the stored record for ${mutation.op}`);
    return {
      mid: mutation.mid,
      status: 'applied',
      record: { ...stored, rev: `2-${mutation.mid}` },
    };
  }
}

export function deps(server: FakeServer, extra: Partial<SyncDeps> = {}): SyncDeps {
  return { transport: server, now: () => NOW, ...extra };
}

export const offline: SyncFailure = {
  ok: false,
  kind: 'offline',
  status: 0,
  message: 'Failed to fetch',
};

export { IDS };
