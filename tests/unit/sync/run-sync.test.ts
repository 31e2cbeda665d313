import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/domain';
import { db } from '../../../src/lib/db/database';
import { appendLog } from '../../../src/lib/services/logs';
import { runSync } from '../../../src/lib/sync/run-sync';
import { withSyncLock } from '../../../src/lib/sync/sync-lock';
import { makeRequest } from '../../fixtures/records';
import { deps, FakeServer, freshDevice, IDS } from './support';

describe('runSync', () => {
  beforeEach(async () => {
    await freshDevice([makeRequest({ requesterId: IDS.member, createdBy: IDS.member })]);
  });

  it('pushes before it pulls, so the server decides on local edits first', async () => {
    await appendLog(makeRequest().id, { kind: 'note', text: 'on my way' });
    const server = new FakeServer();
    const order: string[] = [];
    const transport = {
      push: async (mutations: Parameters<FakeServer['push']>[0]) => {
        order.push('push');
        return server.push(mutations);
      },
      pull: async (cursor: string | null) => {
        order.push('pull');
        return server.pull(cursor);
      },
    };
    const outcome = await runSync({ ...deps(server), transport });
    expect(outcome).toMatchObject({ ok: true, pushed: { applied: 1 } });
    expect(order).toEqual(['push', 'pull']);
  });

  it('does not pull after a failed push, and says where it stopped', async () => {
    await appendLog(makeRequest().id, { kind: 'note', text: 'on my way' });
    const server = new FakeServer();
    server.onPush = () => ({ ok: false, kind: 'unauthorized', status: 401, message: 'signed out' });
    const outcome = await runSync(deps(server));
    expect(outcome).toMatchObject({ ok: false, kind: 'unauthorized', stage: 'push' });
    expect(server.pulls).toEqual([]);
    // A 401 leaves the outbox exactly as it was.
    expect(await db().outbox.count()).toBe(1);
  });

  it('still pulls while the server keeps refusing a waiting change, and ends as refused', async () => {
    await appendLog(makeRequest().id, { kind: 'note', text: 'on my way' });
    const server = new FakeServer();
    server.onPush = () => ({ ok: false, kind: 'server', status: 400, message: 'Bad Request' });
    const theirs = makeRequest({ id: newId(), title: 'Someone else’s errand' });
    server.pages = [{ records: [theirs], purge: [], cursor: 'c1', more: false }];
    const outcome = await runSync(deps(server));
    expect(outcome).toMatchObject({ ok: false, kind: 'refused', stage: 'push' });
    expect(await db().requests.get(theirs.id)).toBeDefined();
    expect(await db().outbox.count()).toBe(1);
  });

  it('stores a first sync of several pages of thousands of records', async () => {
    const server = new FakeServer();
    const page = (n: number, more: boolean) => ({
      records: Array.from({ length: 2_000 }, () => makeRequest({ id: newId(), title: `R${n}` })),
      purge: [],
      cursor: `c${n}`,
      more,
      remaining: more ? 2_000 : 0,
    });
    server.pages = [page(1, true), page(2, false)];
    const outcome = await runSync(deps(server));
    expect(outcome).toMatchObject({ ok: true, received: 4_000 });
    // The device already held one request (freshDevice); 4,000 more arrived.
    expect(await db().requests.count()).toBe(4_001);
  }, 60_000);
});

describe('runSync across a sign-out', () => {
  beforeEach(async () => {
    await freshDevice();
  });

  it('writes nothing that arrives after the user signed out of this device', async () => {
    const server = new FakeServer();
    server.pages = [
      { records: [makeRequest({ id: newId() })], purge: [], cursor: 'c1', more: false },
    ];
    const pull = server.pull.bind(server);
    server.pull = async (cursor) => {
      // "Sign out" empties the device while the page is on the wire.
      const database = db();
      await database.transaction('rw', database.tables, () =>
        Promise.all(database.tables.map((table) => table.clear())),
      );
      return pull(cursor);
    };
    await expect(runSync(deps(server))).rejects.toThrow('signed-in user changed');
    expect(await db().requests.count()).toBe(0);
    expect(await db().meta.count()).toBe(0);
  });

  it('does not sync when nobody is signed in', async () => {
    await db().meta.delete('session');
    const server = new FakeServer();
    expect(await runSync(deps(server))).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect(server.pulls).toEqual([]);
  });
});

describe('withSyncLock', () => {
  it('never runs two syncs at once, in the order asked', async () => {
    const events: string[] = [];
    let active = 0;
    const task = (name: string) => async () => {
      active += 1;
      events.push(`${name}:start:${active}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name}:end`);
      active -= 1;
    };
    await Promise.all([withSyncLock(task('a')), withSyncLock(task('b')), withSyncLock(task('c'))]);
    expect(events).toEqual(['a:start:1', 'a:end', 'b:start:1', 'b:end', 'c:start:1', 'c:end']);
  });

  it('keeps going after a sync that threw', async () => {
    await expect(withSyncLock(async () => Promise.reject(new Error('boom')))).rejects.toThrow();
    await expect(withSyncLock(async () => 'next')).resolves.toBe('next');
  });
});
