import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  httpTransport,
  PULL_TIMEOUT_MS,
  PUSH_TIMEOUT_MS,
  type SyncCall,
} from '../../../src/lib/sync/sync-transport';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('httpTransport', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('posts the mutations to the push endpoint and returns the results', async () => {
    const fetch = vi.fn(async () => answer(200, { results: [] }));
    vi.stubGlobal('fetch', fetch);
    const out = await httpTransport().push([]);
    expect(out).toEqual({ ok: true, data: { results: [] } });
    expect(fetch).toHaveBeenCalledWith(
      '/api/v1/sync/push',
      expect.objectContaining({ method: 'POST', body: '{"mutations":[]}' }),
    );
  });

  it('pulls with the stored cursor and the page size', async () => {
    const fetch = vi.fn(async () =>
      answer(200, { records: [], purge: [], cursor: 'abc', more: false }),
    );
    vi.stubGlobal('fetch', fetch);
    await httpTransport().pull('c-1', 2000);
    expect(fetch).toHaveBeenCalledWith(
      '/api/v1/sync/pull?limit=2000&cursor=c-1',
      expect.anything(),
    );
  });

  it.each([
    [401, 'unauthorized'],
    [426, 'upgrade'],
    [503, 'server'],
    [500, 'server'],
  ] as const)('maps HTTP %i to %s', async (status, kind) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(status, { error: { code: 'x', message: 'why' } })),
    );
    expect(await httpTransport().push([])).toMatchObject({
      ok: false,
      kind,
      status,
      message: 'why',
    });
  });

  it('reads Retry-After so the backoff waits at least that long', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(503, { error: { message: 'busy' } }, { 'retry-after': '7' })),
    );
    expect(await httpTransport().pull(null, 10)).toMatchObject({ retryAfterMs: 7_000 });
  });

  it('treats no answer at all as offline', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await httpTransport().pull(null, 10)).toMatchObject({ ok: false, kind: 'offline' });
  });

  it.each([
    ['a record without an id', { type: 'request', groupId: 'g1' }],
    ['a record of an unknown type', { id: 'r1', type: 'note', groupId: 'g1' }],
    ['a record without a group', { id: 'r1', type: 'request' }],
    ['a record that is not an object', 'r1'],
  ])('refuses a pull page with %s', async (_name, record) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(200, { records: [record], purge: [], cursor: 'c', more: false })),
    );
    expect(await httpTransport().pull(null, 10)).toMatchObject({ ok: false, kind: 'server' });
  });

  it('accepts a pull page whose records say what they are and where they belong', async () => {
    const page = {
      records: [{ id: 'r1', type: 'request', groupId: 'g1', title: 'Bread' }],
      purge: ['g2'],
      restart: ['g3'],
      cursor: 'c',
      more: true,
      remaining: 4,
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(200, page)),
    );
    expect(await httpTransport().pull(null, 10)).toEqual({ ok: true, data: page });
  });

  it('refuses a pull page whose restart list is not a list of group ids', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        answer(200, { records: [], purge: [], restart: [7], cursor: 'c', more: false }),
      ),
    );
    expect(await httpTransport().pull(null, 10)).toMatchObject({ ok: false, kind: 'server' });
  });

  it('refuses an answer that is not a pull page', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(200, { records: 'nope' })),
    );
    expect(await httpTransport().pull(null, 10)).toMatchObject({ ok: false, kind: 'server' });
  });
});

describe('httpTransport with a request that never answers', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  /** A fetch that never settles, not even on abort; records the signals it was given. */
  function hangingFetch() {
    const signals: AbortSignal[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        signals.push(init.signal!);
        return new Promise<Response>(() => {});
      }),
    );
    return signals;
  }

  function settled<T>(promise: Promise<T>) {
    const state: { value?: T } = {};
    void promise.then((value) => (state.value = value));
    return state;
  }

  it('gives up on a pull page after 30 s as offline, and aborts the request', async () => {
    vi.useFakeTimers();
    const signals = hangingFetch();
    const pull = settled(httpTransport().pull(null, 10));
    await vi.advanceTimersByTimeAsync(PULL_TIMEOUT_MS - 1);
    expect(pull.value).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(pull.value).toMatchObject({ ok: false, kind: 'offline', status: 0 });
    expect(signals[0]!.aborted).toBe(true);
  });

  it('waits longer for a push (60 s) than for a pull page', async () => {
    vi.useFakeTimers();
    hangingFetch();
    const push = settled(httpTransport().push([]));
    await vi.advanceTimersByTimeAsync(PULL_TIMEOUT_MS);
    expect(push.value).toBeUndefined();
    await vi.advanceTimersByTimeAsync(PUSH_TIMEOUT_MS - PULL_TIMEOUT_MS);
    expect(push.value).toMatchObject({ ok: false, kind: 'offline' });
  });

  it('gives each page its own 30 s', async () => {
    vi.useFakeTimers();
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => {
        calls += 1;
        if (calls > 1) return new Promise<Response>(() => {});
        // The first page takes 20 s to arrive, then the second one hangs.
        return new Promise<Response>((resolve) =>
          setTimeout(
            () => resolve(answer(200, { records: [], purge: [], cursor: 'c1', more: true })),
            20_000,
          ),
        );
      }),
    );
    const transport = httpTransport();
    const first = settled(transport.pull(null, 10));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(first.value).toMatchObject({ ok: true });
    const second: { value?: SyncCall<unknown> } = settled(transport.pull('c1', 10));
    await vi.advanceTimersByTimeAsync(PULL_TIMEOUT_MS - 1);
    expect(second.value).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(second.value).toMatchObject({ ok: false, kind: 'offline' });
  });

  it('answers as usual when the server replies in time, leaving no timer behind', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(200, { results: [] })),
    );
    expect(await httpTransport().push([])).toEqual({ ok: true, data: { results: [] } });
    expect(vi.getTimerCount()).toBe(0);
  });
});
