import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncOutcome } from '../../../src/lib/sync/run-sync';
import { syncRunner } from '../../../src/lib/sync/sync-runner';
import type { RunMessage, WorkerMessage } from '../../../src/lib/sync/sync-worker-protocol';
import { deps, FakeServer, freshDevice } from './support';

const OK: SyncOutcome = { ok: true, pushed: { applied: 0, merged: 0, rejected: 0 }, received: 3 };

/** A worker the test answers for: it records what the page asked and replies on demand. */
class FakeWorker extends EventTarget {
  asked: RunMessage[] = [];
  terminated = false;
  postMessage(message: RunMessage) {
    this.asked.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: WorkerMessage) {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }
  crash() {
    this.dispatchEvent(new Event('error'));
  }
}

describe('the sync runner', () => {
  let server: FakeServer;
  beforeEach(async () => {
    await freshDevice();
    server = new FakeServer();
  });

  it('runs a sync in the worker and relays its progress and outcome to the page', async () => {
    const worker = new FakeWorker();
    const run = syncRunner(deps(server), () => worker as unknown as Worker);
    const progress: number[] = [];
    const outcome = run((p) => progress.push(p.received));
    expect(worker.asked).toEqual([{ type: 'run', id: 1 }]);
    worker.reply({ type: 'progress', id: 1, progress: { received: 3, remaining: 0 } });
    worker.reply({ type: 'outcome', id: 1, outcome: OK });
    await expect(outcome).resolves.toEqual(OK);
    expect(progress).toEqual([3]);
    // The page itself never called the server.
    expect(server.pulls).toEqual([]);
  });

  it('answers a run the worker could not finish as a failed sync, never as a lost promise', async () => {
    const worker = new FakeWorker();
    const run = syncRunner(deps(server), () => worker as unknown as Worker);
    const outcome = run();
    worker.reply({ type: 'failed', id: 1, message: 'Error: disk full' });
    await expect(outcome).resolves.toMatchObject({ ok: false, message: 'Error: disk full' });
  });

  it('makes the run in the page when the worker dies, and keeps doing so afterwards', async () => {
    const worker = new FakeWorker();
    let made = 0;
    const run = syncRunner(deps(server), () => {
      made += 1;
      return worker as unknown as Worker;
    });
    const first = run();
    worker.crash();
    await expect(first).resolves.toMatchObject({ ok: true });
    expect(worker.terminated).toBe(true);
    expect(server.pulls.length).toBe(1);
    await expect(run()).resolves.toMatchObject({ ok: true });
    expect(server.pulls.length).toBe(2);
    expect(made).toBe(1);
  });

  it('syncs in the page where no worker can be made', async () => {
    const run = syncRunner(deps(server), () => {
      throw new Error('Worker is not defined');
    });
    await expect(run()).resolves.toMatchObject({ ok: true });
    expect(server.pulls.length).toBe(1);
  });
});
