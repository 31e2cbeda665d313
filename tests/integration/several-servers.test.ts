import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../sync-server/embedded/embedded-database';
import { startServer, type RunningServer } from '../../sync-server/server';
import { addMember, createGroup } from './support/groups';
import { TestClient } from './support/http-client';
import { openEvents } from './support/sse';
import { createOf, pullAll, push, requestRecord, transitionOf } from './support/sync';
import type { TestServer } from './support/test-server';

/*
 * Two sync-servers side by side on one CouchDB-compatible database given as COUCHDB_URL
 * (the embedded server started on its own here, standing in for CouchDB 3): the path
 * production takes behind a load balancer.
 */
let database: EmbeddedDatabase;
let dir = '';
const servers: RunningServer[] = [];

function handle(server: () => RunningServer): TestServer {
  return {
    get url() {
      return server().url;
    },
    get server() {
      return server();
    },
    dataDir: '',
    restart: async () => undefined,
  };
}
const first = handle(() => servers[0]!);
const second = handle(() => servers[1]!);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nb-couch-'));
  database = await startEmbeddedDatabase({ dir, logger: pino({ level: 'silent' }) });
  for (let i = 0; i < 2; i += 1) {
    servers.push(
      await startServer({
        port: 0,
        host: '127.0.0.1',
        couchdbUrl: database.url(),
        staticDir: join(dir, 'no-build'),
        logLevel: 'silent',
      }),
    );
  }
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await database.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The same account's session, used against the other server (a load balancer's choice). */
function on(target: TestServer, client: TestClient): TestClient {
  const copy = new TestClient(() => target.url);
  copy.setCookie('nb_session', client.cookie('nb_session') ?? '');
  return copy;
}

describe('several sync-servers on one COUCHDB_URL', () => {
  it("reports the database as 'couchdb'", async () => {
    const health = await new TestClient(() => first.url).get<{
      database: { kind: string; ok: boolean };
    }>('/api/health');
    expect(health.body.database).toEqual({ kind: 'couchdb', ok: true });
  });

  it('shares sessions, groups and records between servers', async () => {
    const group = await createGroup(first);
    const member = await addMember(first, group, 'Member');
    const request = requestRecord(group.id, member.id);
    await push(member.client, [createOf(request)]);
    const elsewhere = on(second, member.client);
    const me = await elsewhere.get<{ memberships: Array<{ groupId: string }> }>('/api/v1/me');
    expect(me.body.memberships.map((m) => m.groupId)).toContain(group.id);
    const { records } = await pullAll(elsewhere);
    expect(records.some((r) => r.id === request.id)).toBe(true);
  });

  it('gives exactly one winner when two claims arrive at different servers at once', async () => {
    const group = await createGroup(first);
    const requester = await addMember(first, group, 'Requester');
    const alice = await addMember(first, group, 'Alice');
    const bob = await addMember(first, group, 'Bob');
    const bobOnSecond = on(second, bob.client);
    for (let round = 0; round < 10; round += 1) {
      const request = requestRecord(group.id, requester.id);
      await push(requester.client, [createOf(request)]);
      const [a, b] = await Promise.all([
        push(alice.client, [transitionOf(request, 'open', 'claimed')]),
        push(bobOnSecond, [transitionOf(request, 'open', 'claimed')]),
      ]);
      expect([a[0]?.status, b[0]?.status].sort()).toEqual(['applied', 'rejected']);
    }
  });

  it('answers a push replayed on the other server from the first answer', async () => {
    const group = await createGroup(first);
    const member = await addMember(first, group, 'Member');
    const batch = [createOf(requestRecord(group.id, member.id))];
    const once = await push(member.client, batch);
    const again = await push(on(second, member.client), batch);
    expect(again).toEqual(once);
  });

  it('hints SSE listeners on one server about writes made through the other', async () => {
    const group = await createGroup(first);
    const member = await addMember(first, group, 'Listener');
    const stream = await openEvents(second, { ...member, client: on(second, member.client) });
    try {
      await push(group.coordinator.client, [
        createOf(requestRecord(group.id, group.coordinator.id)),
      ]);
      expect(
        await stream.waitFor(() => stream.events.some((e) => e.groupIds.includes(group.id))),
      ).toBe(true);
    } finally {
      await stream.close();
    }
  });
});
