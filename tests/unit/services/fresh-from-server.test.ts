import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../src/lib/domain';
import { useDatabase } from '../../../src/lib/db/database';
import { setMeta } from '../../../src/lib/db/meta';
import { freshFromServer } from '../../../src/lib/services/fresh-from-server';

/** What a run of the engine does when the server answers: store the page and its time. */
const pulls = vi.hoisted(() => ({ answer: true, requests: 0 }));
vi.mock('../../../src/lib/sync/sync-engine', () => ({
  requestSync: () => {
    pulls.requests += 1;
    if (!pulls.answer) return;
    setTimeout(
      () => void setMeta('sync', { cursor: 'c2', lastSyncedAt: '2026-03-02T12:00:05.000Z' }),
      20,
    );
  },
}));

beforeEach(async () => {
  useDatabase(`fresh-${newId()}`);
  await setMeta('sync', { cursor: 'c1', lastSyncedAt: '2026-03-02T12:00:00.000Z' });
  pulls.answer = true;
  pulls.requests = 0;
});

describe('bringing the device up to date after the server said a standing changed', () => {
  it('asks for a sync and says so once a pull has finished after the ask', async () => {
    expect(await freshFromServer(2_000)).toBe(true);
    expect(pulls.requests).toBe(1);
  });

  it('says the list may be stale when no pull finishes in time (offline, server away)', async () => {
    pulls.answer = false;
    expect(await freshFromServer(100)).toBe(false);
    expect(pulls.requests).toBe(1);
  });

  it('a pull that finished before the ask does not count', async () => {
    pulls.answer = false;
    const asked = freshFromServer(150);
    // The stored time stays what it was before the ask: nothing new arrived.
    await setMeta('sync', { cursor: 'c1', lastSyncedAt: '2026-03-02T12:00:00.000Z' });
    expect(await asked).toBe(false);
  });
});
