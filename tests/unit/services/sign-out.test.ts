// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getMeta, setMeta } from '../../../src/lib/db/meta';
import { sendPendingSignOut, signOutEverywhere, signOutHere } from '../../../src/lib/services';
import { freshDb, signedInMember } from '../db/fixtures';

const calls: string[] = [];
let answer: 'ok' | 'offline' | 'unauthorized' = 'ok';

beforeEach(() => {
  freshDb();
  localStorage.clear();
  calls.length = 0;
  answer = 'ok';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      calls.push(new URL(String(input), 'http://app.test').pathname);
      if (answer === 'offline') throw new TypeError('Failed to fetch');
      return answer === 'ok'
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify({ code: 'unauthorized', message: 'no session' }), {
            status: 401,
            headers: { 'content-type': 'application/json' },
          });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('signing out', () => {
  it('offline, the phone forgets at once and ends the server session at the next connection', async () => {
    const database = freshDb();
    await signedInMember(database);
    answer = 'offline';
    expect(await signOutHere()).toEqual({ ok: true, record: null });
    expect(await getMeta('session')).toBeUndefined();

    await sendPendingSignOut(); // still offline: kept for later
    answer = 'ok';
    await sendPendingSignOut();
    await sendPendingSignOut(); // sent once only
    expect(calls.filter((p) => p.endsWith('/auth/signout'))).toHaveLength(3);
  });

  it('a pending sign-out is dropped, not sent, once someone has signed in again', async () => {
    const database = freshDb();
    await signedInMember(database);
    answer = 'offline';
    await signOutHere();
    await setMeta('session', {
      user: { id: 'u2', name: 'Bo', login: 'bo' },
      signedInAt: '2026-03-02T10:00:00.000Z',
    });
    answer = 'ok';
    calls.length = 0;
    await sendPendingSignOut();
    expect(calls).toEqual([]);
  });

  it('everywhere needs the server: offline nothing is cleared; online the device is cleared', async () => {
    const database = freshDb();
    await signedInMember(database);
    answer = 'offline';
    expect(await signOutEverywhere()).toMatchObject({ ok: false, code: 'offline' });
    expect(await getMeta('session')).toBeDefined();
    answer = 'ok';
    expect(await signOutEverywhere()).toEqual({ ok: true, record: null });
    expect(calls.at(-1)).toMatch(/\/auth\/signout-everywhere$/);
    expect(await getMeta('session')).toBeUndefined();
  });
});
