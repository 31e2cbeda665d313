import { beforeEach, describe, expect, it } from 'vitest';
import { syncStatus } from '../../../src/lib/sync/sync-status.svelte';

function reset() {
  Object.assign(syncStatus, {
    online: true,
    reachable: true,
    running: false,
    waiting: 0,
    conflicts: 0,
    unreadNotices: 0,
    progress: null,
    paused: null,
    refused: null,
    failures: 0,
  });
}

describe('syncStatus.state', () => {
  beforeEach(reset);

  it('is up to date with nothing waiting and nothing to see', () => {
    expect(syncStatus.state).toBe('up_to_date');
  });

  it('is offline without a network, or when the server does not answer', () => {
    syncStatus.online = false;
    expect(syncStatus.state).toBe('offline');
    syncStatus.online = true;
    syncStatus.reachable = false;
    expect(syncStatus.state).toBe('offline');
  });

  it('is syncing while a run is going or changes wait', () => {
    syncStatus.running = true;
    expect(syncStatus.state).toBe('syncing');
    syncStatus.running = false;
    syncStatus.waiting = 2;
    expect(syncStatus.state).toBe('syncing');
  });

  it('needs attention for conflicts, unread rejections, a pause, or repeated failures', () => {
    for (const change of [
      { conflicts: 1 },
      { unreadNotices: 1 },
      { paused: 'unauthorized' as const },
      { failures: 3 },
      { refused: 'The request is not valid.' },
    ]) {
      reset();
      Object.assign(syncStatus, change);
      expect(syncStatus.state, JSON.stringify(change)).toBe('needs_attention');
    }
  });

  it('asks to sign in again even while offline', () => {
    syncStatus.online = false;
    syncStatus.paused = 'unauthorized';
    expect(syncStatus.state).toBe('needs_attention');
  });

  it('gives the share downloaded during a first sync', () => {
    expect(syncStatus.fraction).toBeNull();
    syncStatus.progress = { received: 2_000, remaining: 6_000 };
    expect(syncStatus.fraction).toBe(0.25);
    syncStatus.progress = { received: 2_000, remaining: null };
    expect(syncStatus.fraction).toBeNull();
  });
});
