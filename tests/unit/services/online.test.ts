import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultGroupSettings, newId } from '../../../src/lib/domain';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import { getMeta, setMeta } from '../../../src/lib/db/meta';
import {
  createGroup,
  getSessionUser,
  joinByCode,
  listMyGroups,
  outboxCount,
  searchDirectory,
  signIn,
  signOut,
  signUp,
} from '../../../src/lib/services';
import { freshDb, makeGroup, makeMembership, makeRequest, signedInMember } from '../db/fixtures';

/** A scripted server: path → response body/status, recording the calls. */
function server(routes: Record<string, { status?: number; body?: unknown } | 'offline'>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const path = url.replace(/^\/api(\/v1)?/, '');
      const method = init.method ?? 'GET';
      calls.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : undefined });
      const route = routes[`${method} ${path.split('?')[0]}`];
      if (!route || route === 'offline') throw new TypeError('Failed to fetch');
      return new Response(route.body === undefined ? '' : JSON.stringify(route.body), {
        status: route.status ?? 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return calls;
}

let database: NeighborlyDB;
beforeEach(() => {
  database = freshDb();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const ana = { id: newId(), name: 'Ana', login: 'ana@example.org' };

describe('account', () => {
  it('signs in, keeps the profile and the membership summaries for offline use', async () => {
    const groupId = newId();
    server({
      'POST /auth/signin': { body: { user: ana } },
      'GET /me': {
        body: {
          user: ana,
          memberships: [{ groupId, groupName: 'Elm', role: 'member', status: 'active' }],
        },
      },
    });
    expect(await signIn({ login: 'ana@example.org', password: 'secret-pass' })).toMatchObject({
      ok: true,
      record: ana,
    });
    expect(await getSessionUser()).toEqual(ana);
    expect((await listMyGroups()).map((g) => g.name)).toEqual(['Elm']);
  });

  it('passes the server’s refusal through as a value', async () => {
    server({
      'POST /auth/signin': {
        status: 401,
        body: { error: { code: 'bad_credentials', message: 'Wrong' } },
      },
    });
    expect(await signIn({ login: 'ana@example.org', password: 'nope-nope' })).toMatchObject({
      ok: false,
      code: 'bad_credentials',
    });
    expect(await getSessionUser()).toBeNull();
  });

  async function queueOneChange(groupId: string) {
    await database.outbox.add({
      mid: 'MID0000000001',
      mutation: {
        mid: 'MID0000000001',
        op: 'archive',
        type: 'request',
        id: newId(),
        groupId,
        at: '2026-03-02T00:00:00.000Z',
      },
      recordId: newId(),
      groupId,
      createdAt: '2026-03-02T00:00:00.000Z',
      attempts: 0,
    });
  }

  it('keeps unsynced changes when the same user signs in again', async () => {
    const ctx = await signedInMember(database);
    await queueOneChange(ctx.group.id);
    const same = { id: ctx.userId, name: 'Ana', login: 'ana@example.org' };
    server({ 'POST /auth/signin': { body: { user: same } }, 'GET /me': 'offline' });
    // The login as typed: the server trims it and lowers its case.
    expect(await signIn({ login: ' Ana@Example.org', password: 'secret-pass' })).toMatchObject({
      ok: true,
    });
    expect(await outboxCount()).toBe(1);
  });

  it('asks before another account’s sign-in deletes unsynced changes, and deletes nothing until told', async () => {
    const ctx = await signedInMember(database);
    await queueOneChange(ctx.group.id);
    const calls = server({ 'POST /auth/signin': { body: { user: ana } }, 'GET /me': 'offline' });
    const asked = await signIn({ login: 'bo@example.org', password: 'secret-pass' });
    expect(asked).toEqual({ ok: false, code: 'unsynced_changes', count: 1, userName: 'Ana' });
    // Not even asked the server: no session of the other account exists meanwhile.
    expect(calls).toEqual([]);
    expect(await outboxCount()).toBe(1);
    expect(await database.groups.count()).toBe(1);
    expect((await getSessionUser())?.id).toBe(ctx.userId);

    const bo = { id: newId(), name: 'Bo', login: 'bo@example.org' };
    server({ 'POST /auth/signin': { body: { user: bo } }, 'GET /me': 'offline' });
    const agreed = await signIn(
      { login: 'bo@example.org', password: 'secret-pass' },
      { discardUnsynced: true },
    );
    expect(agreed).toMatchObject({ ok: true, record: bo });
    expect(await outboxCount()).toBe(0);
    expect(await database.groups.count()).toBe(0);
    expect(await getSessionUser()).toEqual(bo);
  });

  it('asks before a new account deletes unsynced changes; clears silently when all synced', async () => {
    const ctx = await signedInMember(database);
    await queueOneChange(ctx.group.id);
    const bo = { id: newId(), name: 'Bo', login: 'bo@example.org' };
    const calls = server({ 'POST /auth/signup': { body: { user: bo } }, 'GET /me': 'offline' });
    const body = { name: 'Bo', login: 'bo@example.org', password: 'secret-pass' };
    expect(await signUp(body)).toMatchObject({ ok: false, code: 'unsynced_changes', count: 1 });
    expect(calls).toEqual([]);
    expect(await outboxCount()).toBe(1);

    await database.outbox.clear();
    expect(await signUp(body)).toMatchObject({ ok: true, record: bo });
    expect(await database.groups.count()).toBe(0);
    expect(await getSessionUser()).toEqual(bo);
  });

  it('ends the new session again when the server names another user for the same login', async () => {
    const ctx = await signedInMember(database);
    await queueOneChange(ctx.group.id);
    const stranger = { id: newId(), name: 'Ana B', login: 'ana@example.org' };
    const calls = server({
      'POST /auth/signin': { body: { user: stranger } },
      'POST /auth/signout': { status: 204 },
    });
    expect(await signIn({ login: 'ana@example.org', password: 'secret-pass' })).toMatchObject({
      ok: false,
      code: 'unsynced_changes',
    });
    expect(calls.map((c) => c.path)).toEqual(['/auth/signin', '/auth/signout']);
    expect(await outboxCount()).toBe(1);
    expect((await getSessionUser())?.id).toBe(ctx.userId);
  });

  it('signs out offline too, and clears the device', async () => {
    const ctx = await signedInMember(database);
    await database.requests.put(toRow(makeRequest(ctx.group)));
    const calls = server({ 'POST /auth/signout': 'offline' });
    expect(await signOut()).toEqual({ ok: true, record: null });
    expect(calls.map((c) => c.path)).toEqual(['/auth/signout']);
    expect(await database.requests.count()).toBe(0);
    expect(await getSessionUser()).toBeNull();
  });
});

describe('groups', () => {
  it('creates a group online and stores it with my membership at once', async () => {
    await signedInMember(database);
    const group = makeGroup({ name: 'Oak Lane' });
    const membership = makeMembership(group, newId(), 'coordinator');
    const calls = server({ 'POST /groups': { status: 201, body: { group, membership } } });
    const result = await createGroup(defaultGroupSettings('Oak Lane'), 'Ana');
    expect(result.ok).toBe(true);
    expect(calls[0]?.body).toMatchObject({ name: 'Oak Lane', displayName: 'Ana' });
    expect(await database.groups.get(group.id)).toMatchObject({ name: 'Oak Lane' });
    expect(await database.memberships.get(membership.id)).toMatchObject({ role: 'coordinator' });
  });

  it('says offline when creating a group without a network, and stores nothing', async () => {
    await signedInMember(database);
    server({});
    expect(await createGroup(defaultGroupSettings('Oak Lane'))).toMatchObject({
      ok: false,
      code: 'offline',
    });
    expect(await database.groups.count()).toBe(1);
  });

  it('joins by code and lists the group (pending) before its records are pulled', async () => {
    const ctx = await signedInMember(database);
    const other = makeGroup();
    const membership = makeMembership(other, ctx.userId, 'member', { status: 'pending' });
    server({ 'POST /join': { body: { groupId: other.id, membership } } });
    expect(await joinByCode('ABCD1234', { groupName: 'Birch Court' })).toMatchObject({ ok: true });
    const groups = await listMyGroups();
    expect(groups.find((g) => g.groupId === other.id)).toMatchObject({
      name: 'Birch Court',
      status: 'pending',
    });
  });
});

describe('directory', () => {
  const card = (name: string, area: string) => ({
    id: newId(),
    name,
    description: '',
    area,
    neighborhoods: [],
    languages: ['en'],
    contactLinks: [],
  });

  it('caches what the server found and searches the cache offline', async () => {
    const elm = card('Elm Street Mutual Aid', 'Riverside');
    const oak = card('Oak Lane Helpers', 'Hilltop');
    server({ 'GET /directory': { body: { groups: [elm, oak] } } });
    expect(await searchDirectory()).toMatchObject({ ok: true, record: { fromCache: false } });

    server({});
    const offline = await searchDirectory({ q: 'river' });
    expect(offline).toMatchObject({ ok: true, record: { fromCache: true, groups: [elm] } });
    expect((await getMeta('directory'))?.groups).toHaveLength(2);
  });

  it('keeps the cache when a later search finds fewer groups', async () => {
    const elm = card('Elm', 'Riverside');
    await setMeta('directory', { groups: [elm], fetchedAt: '2026-03-01T00:00:00.000Z', query: '' });
    const oak = card('Oak', 'Hilltop');
    server({ 'GET /directory': { body: { groups: [oak] } } });
    await searchDirectory({ q: 'oak' });
    expect((await getMeta('directory'))?.groups.map((g) => g.name).sort()).toEqual(['Elm', 'Oak']);
  });
});
