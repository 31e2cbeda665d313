import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../src/lib/domain';
import { runSync } from '../../../src/lib/sync/run-sync';
import { deps, FakeServer, freshDevice } from './support';

/**
 * A stand-in for the browser's LockManager, shared the way every tab of an origin shares
 * the real one: one holder per name at a time, the others queued in order.
 */
class FakeLocks {
  requested: string[] = [];
  #tails = new Map<string, Promise<unknown>>();

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    this.requested.push(name);
    const previous = this.#tails.get(name) ?? Promise.resolve();
    const run = previous.then(() => callback());
    this.#tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}

describe('the sync lock across tabs (Web Locks)', () => {
  let locks: FakeLocks;

  beforeEach(async () => {
    await freshDevice();
    locks = new FakeLocks();
    vi.stubGlobal('navigator', { locks, onLine: true });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** An engine (one per tab) whose pulls take a while, logging when each sync runs. */
  function engine(name: string, log: string[], active: { count: number; max: number }) {
    const server = new FakeServer();
    const pull = server.pull.bind(server);
    server.pull = async (cursor) => {
      active.count += 1;
      active.max = Math.max(active.max, active.count);
      log.push(`${name}:start`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      log.push(`${name}:end`);
      active.count -= 1;
      return pull(cursor);
    };
    return () => runSync(deps(server));
  }

  it('never runs two engines at once: each sync holds the shared lock throughout', async () => {
    const log: string[] = [];
    const active = { count: 0, max: 0 };
    const tabA = engine('a', log, active);
    const tabB = engine('b', log, active);
    const outcomes = await Promise.all([tabA(), tabB(), tabA(), tabB()]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(active.max).toBe(1);
    expect(log).toEqual([
      'a:start',
      'a:end',
      'b:start',
      'b:end',
      'a:start',
      'a:end',
      'b:start',
      'b:end',
    ]);
    expect(locks.requested).toEqual(Array(4).fill('neighborly-sync'));
  });

  it('waits while another tab holds the lock, and runs once it lets go', async () => {
    let release!: () => void;
    // Another tab is mid-sync: it holds the lock until `release`.
    const otherTab = locks.request(
      'neighborly-sync',
      () => new Promise<void>((r) => (release = r)),
    );
    const log: string[] = [];
    const mine = engine('mine', log, { count: 0, max: 0 });
    const sync = mine();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(log).toEqual([]);
    release();
    await otherTab;
    expect(await sync).toMatchObject({ ok: true });
    expect(log).toEqual(['mine:start', 'mine:end']);
  });

  it('lets go of the lock when a sync fails, so the next one runs', async () => {
    const server = new FakeServer();
    server.pull = async () => {
      throw new Error('storage failed');
    };
    await expect(runSync(deps(server))).rejects.toThrow('storage failed');
    const next = new FakeServer();
    next.pages = [{ records: [], purge: [], cursor: `c${newId()}`, more: false }];
    expect(await runSync(deps(next))).toMatchObject({ ok: true });
  });
});
