import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../../../src/lib/sync/backoff';
import type { SyncOutcome } from '../../../src/lib/sync/run-sync';
import { SyncScheduler, type SyncTrigger } from '../../../src/lib/sync/schedule';

const ok: SyncOutcome = { ok: true, pushed: { applied: 0, merged: 0, rejected: 0 }, received: 0 };
const down: SyncOutcome = {
  ok: false,
  kind: 'offline',
  status: 0,
  message: 'down',
  stage: 'push',
};

describe('backoffDelay', () => {
  const fixed = (r: number) => ({ baseMs: 1_000, capMs: 60_000, random: () => r });

  it('doubles after each failure, between half and all of the ceiling', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, fixed(0)))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, fixed(1)))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(backoffDelay(50, fixed(1))).toBe(60_000);
    expect(backoffDelay(1_000, fixed(0.5))).toBe(45_000);
  });

  it('spreads retries with jitter', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(5)));
    expect(delays.size).toBeGreaterThan(1);
  });
});

describe('SyncScheduler', () => {
  let runs: SyncTrigger[];
  let online: boolean;

  beforeEach(() => {
    vi.useFakeTimers();
    runs = [];
    online = true;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function scheduler(answers: SyncOutcome[] | (() => Promise<SyncOutcome>)) {
    return new SyncScheduler({
      isOnline: () => online,
      debounceMs: 1_000,
      intervalMs: 60_000,
      backoff: { baseMs: 1_000, capMs: 8_000, random: () => 1 },
      run: async (trigger) => {
        runs.push(trigger);
        return typeof answers === 'function' ? answers() : (answers.shift() ?? ok);
      },
    });
  }

  it('syncs at start and then on the interval', async () => {
    const s = scheduler([]);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(125_000);
    expect(runs).toEqual(['start', 'interval', 'interval']);
    s.stop();
  });

  it('folds a burst of local writes into one sync after the debounce', async () => {
    const s = scheduler([]);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 5; i += 1) s.request('write');
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['start', 'write']);
    s.stop();
  });

  it('never runs two syncs at once: a request during a run becomes one more run', async () => {
    let release: (o: SyncOutcome) => void = () => {};
    let active = 0;
    let most = 0;
    const s = scheduler(async () => {
      active += 1;
      most = Math.max(most, active);
      const outcome = await new Promise<SyncOutcome>((resolve) => (release = resolve));
      active -= 1;
      return outcome;
    });
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    s.request('event');
    s.request('focus');
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual(['start']);
    release(ok);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['start', 'focus']);
    release(ok);
    await vi.advanceTimersByTimeAsync(0);
    expect(most).toBe(1);
    s.stop();
  });

  it('backs off exponentially after failures, up to the cap, and resets on success', async () => {
    const s = scheduler([down, down, down, down, down, ok]);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    const at: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const before = runs.length;
      const start = Date.now();
      while (runs.length === before) await vi.advanceTimersByTimeAsync(100);
      at.push(Date.now() - start);
    }
    // 1 s, 2 s, 4 s, then the 8 s cap (random = 1: the full ceiling).
    expect(at).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(s.failures).toBe(0);
    s.stop();
  });

  it('waits out the backoff for ordinary triggers but not when the network returns', async () => {
    const s = scheduler([down, ok, ok]);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    s.request('focus');
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toEqual(['start']);
    s.request('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['start', 'online']);
    s.stop();
  });

  it('does not try while offline', async () => {
    online = false;
    const s = scheduler([]);
    s.start();
    s.request('write');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toEqual([]);
    online = true;
    s.request('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['online']);
    s.stop();
  });

  it('pauses on an ended session until resumed after signing in again', async () => {
    const s = scheduler([{ ...down, kind: 'unauthorized', status: 401 }, ok]);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.paused).toBe('unauthorized');
    s.request('write');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs).toEqual(['start']);
    s.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['start', 'signin']);
    expect(s.paused).toBeNull();
    s.stop();
  });

  it('pauses when the server wants a newer app', async () => {
    const s = scheduler([{ ...down, kind: 'upgrade', status: 426 }]);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.paused).toBe('upgrade');
    s.stop();
  });
});
