import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../sync-server/app';
import { configFromEnv } from '../../sync-server/config';
import type { ServerContext } from '../../sync-server/context';
import { CouchClient } from '../../sync-server/couch/couch-client';
import { databaseNames } from '../../sync-server/couch/database-names';
import { ensureSystemDatabase } from '../../sync-server/couch/design-docs';
import {
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../sync-server/embedded/embedded-database';
import { apiRoutes } from '../../sync-server/routes';
import { ChangeHub } from '../../sync-server/sync/change-hub';
import { createGroup } from './support/groups';
import type { TestServer } from './support/test-server';
import { signUp } from './support/users';

/*
 * The app built by hand around a context the test holds, so it can see the change hub's
 * listeners (two per open event stream) and slow the database down at will.
 */
let dataDir = '';
let embedded: EmbeddedDatabase | undefined;
let app: FastifyInstance | undefined;
let context: ServerContext;
let url = '';
let slowMs = 0;
const server = {
  get url() {
    return url;
  },
} as TestServer;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nb-sse-'));
  embedded = await startEmbeddedDatabase({ dir: dataDir, logger: pino({ level: 'silent' }) });
  const db = embedded;
  const couch = new CouchClient({ url: () => db.url() });
  // The caller's memberships are read with allDocs: slowed, the stream's set-up takes long
  // enough for a client to leave in the middle of it.
  const allDocs = couch.allDocs.bind(couch);
  couch.allDocs = async (...args) => {
    if (slowMs > 0) await sleep(slowMs);
    return allDocs(...args);
  };
  context = {
    config: {
      ...configFromEnv({}),
      dataDir,
      staticDir: join(dataDir, 'no-build'),
      logLevel: 'silent',
    },
    couch,
    names: databaseNames('nb'),
    databaseKind: 'embedded',
    version: 'test',
    changes: new ChangeHub(),
  };
  await ensureSystemDatabase(couch, context.names.system);
  await couch.ensureDatabase(context.names.idempotency);
  app = await buildApp(context, { trustProxy: false, routes: apiRoutes(context) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await embedded?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function settled(): Promise<number> {
  const deadline = Date.now() + 3000;
  while (context.changes.listenerCount() > 0 && Date.now() < deadline) await sleep(50);
  return context.changes.listenerCount();
}

describe('event streams release what they hold', () => {
  it('when the client leaves after the stream opened', async () => {
    const group = await createGroup(server);
    const controller = new AbortController();
    const response = await fetch(`${url}/api/v1/sync/events`, {
      headers: { cookie: `nb_session=${group.coordinator.client.cookie('nb_session')}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read();
    expect(context.changes.listenerCount()).toBe(2);
    controller.abort();
    expect(await settled()).toBe(0);
  });

  it('when the client leaves while the stream is still being set up', async () => {
    const user = await signUp(server, 'Impatient');
    slowMs = 400;
    try {
      for (let i = 0; i < 3; i += 1) {
        // A connection of its own, dropped while the server still reads the memberships.
        const opened = httpRequest(`${url}/api/v1/sync/events`, {
          agent: false,
          headers: { cookie: `nb_session=${user.client.cookie('nb_session')}` },
        });
        opened.on('error', () => undefined);
        opened.end();
        await sleep(150);
        opened.destroy();
      }
      await sleep(slowMs * 2);
    } finally {
      slowMs = 0;
    }
    expect(await settled()).toBe(0);
  });
});
