// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendLog } from '../../../src/lib/services/logs';
import { startSync, stopSync } from '../../../src/lib/sync/sync-engine';
import { syncStatus } from '../../../src/lib/sync/sync-status.svelte';
import { makeRequest } from '../../fixtures/records';
import { freshDevice, IDS } from './support';

/** The server's hint stream, driven by the test: `emit()` says "your groups changed". */
class FakeEventSource extends EventTarget {
  static CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 1;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit() {
    this.dispatchEvent(new MessageEvent('changed', { data: '{"type":"changed"}' }));
  }
}

const request = makeRequest({ requesterId: IDS.member, createdBy: IDS.member });

describe('startSync wiring', () => {
  let calls: string[];
  let online: boolean;

  beforeEach(async () => {
    await freshDevice([request]);
    calls = [];
    online = true;
    FakeEventSource.opened = [];
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        const path = url.split('?')[0]!;
        calls.push(path);
        const body =
          path === '/api/v1/sync/push'
            ? {
                results: (
                  JSON.parse(String(init.body)) as { mutations: { mid: string; record: object }[] }
                ).mutations.map((m) => ({
                  mid: m.mid,
                  status: 'applied',
                  record: { ...m.record, rev: '2-x' },
                })),
              }
            : { records: [], purge: [], cursor: 'c1', more: false };
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
  });

  afterEach(() => {
    stopSync();
    vi.unstubAllGlobals();
  });

  const pulls = () => calls.filter((path) => path === '/api/v1/sync/pull').length;
  const pushes = () => calls.filter((path) => path === '/api/v1/sync/push').length;
  /** The run under way (if any) has finished and its outcome is shown. */
  const idle = () => vi.waitFor(() => expect(syncStatus.running).toBe(false));

  it('syncs at start, when the network returns, on focus and on the server’s hint', async () => {
    startSync();
    await vi.waitFor(() => expect(pulls()).toBe(1));
    await idle();
    await vi.waitFor(() => expect(syncStatus.lastSyncedAt).not.toBeNull());

    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(pulls()).toBe(2));
    await idle();

    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(pulls()).toBe(3));
    await idle();

    expect(FakeEventSource.opened.map((source) => source.url)).toEqual(['/api/v1/sync/events']);
    FakeEventSource.opened[0]!.emit();
    await vi.waitFor(() => expect(pulls()).toBe(4));
    await idle();
  });

  it('pushes shortly after a local write, and shows the change waiting until then', async () => {
    startSync();
    await vi.waitFor(() => expect(pulls()).toBe(1));
    await idle();
    expect(pushes()).toBe(0);

    expect((await appendLog(request.id, { kind: 'note', text: 'on my way' })).ok).toBe(true);
    await vi.waitFor(() => expect(syncStatus.waiting).toBe(1));
    expect(syncStatus.state).toBe('syncing');
    await vi.waitFor(() => expect(pushes()).toBe(1), { timeout: 5_000 });
    await idle();
    await vi.waitFor(() => expect(syncStatus.waiting).toBe(0));
    expect(syncStatus.state).toBe('up_to_date');
  });

  it('does not call the server while offline, and says so', async () => {
    startSync();
    await vi.waitFor(() => expect(pulls()).toBe(1));
    await idle();

    online = false;
    window.dispatchEvent(new Event('offline'));
    expect(syncStatus.state).toBe('offline');
    window.dispatchEvent(new Event('focus'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulls()).toBe(1);

    online = true;
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(pulls()).toBe(2));
  });

  it('stops listening when stopped', async () => {
    startSync();
    await vi.waitFor(() => expect(pulls()).toBe(1));
    await idle();
    stopSync();
    expect(FakeEventSource.opened[0]!.readyState).toBe(FakeEventSource.CLOSED);
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('focus'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulls()).toBe(1);
  });
});
