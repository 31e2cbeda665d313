import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Module = typeof import('../../../src/lib/ui/first-content');

/** The module keeps one "first content" per app start: a fresh copy per test. */
async function fresh(): Promise<Module> {
  vi.resetModules();
  return import('../../../src/lib/ui/first-content');
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('work after the first content', () => {
  it('waits until every first query of the page has answered', async () => {
    const { afterFirstContent, beginFirstLoad } = await fresh();
    const board = beginFirstLoad();
    const group = beginFirstLoad();
    const work = vi.fn();
    afterFirstContent(work);
    await vi.advanceTimersByTimeAsync(100);
    expect(work).not.toHaveBeenCalled();
    board();
    await vi.advanceTimersByTimeAsync(100);
    expect(work).not.toHaveBeenCalled();
    group();
    await vi.advanceTimersByTimeAsync(100);
    expect(work).toHaveBeenCalledOnce();
  });

  it('runs at once on a page without queries, and never twice', async () => {
    const { afterFirstContent, beginFirstLoad } = await fresh();
    const work = vi.fn();
    afterFirstContent(work);
    await vi.advanceTimersByTimeAsync(10);
    expect(work).toHaveBeenCalledOnce();
    // Later queries are not waited for.
    beginFirstLoad();
    const later = vi.fn();
    afterFirstContent(later);
    await vi.advanceTimersByTimeAsync(10);
    expect(later).toHaveBeenCalledOnce();
    expect(work).toHaveBeenCalledOnce();
  });

  it('does not wait for a query that never answers for more than a few seconds', async () => {
    const { afterFirstContent, beginFirstLoad } = await fresh();
    beginFirstLoad();
    const work = vi.fn();
    afterFirstContent(work);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(work).toHaveBeenCalledOnce();
  });

  it('is cancelled when the app goes first', async () => {
    const { afterFirstContent, beginFirstLoad } = await fresh();
    const done = beginFirstLoad();
    const work = vi.fn();
    const cancel = afterFirstContent(work);
    cancel();
    done();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(work).not.toHaveBeenCalled();
  });
});
