import { createServer, request as httpRequest, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../sync-server/embedded/embedded-database';
import { startServer, type RunningServer } from '../../sync-server/server';
import { TestClient } from './support/http-client';

/*
 * The sync-server pointed (COUCHDB_URL) at a front that plays what a real CouchDB can do:
 * pass requests on to an embedded database, be unreachable, or refuse our credentials.
 */
type Mode = 'pass' | 'down' | 'refuse';
let mode: Mode = 'pass';
let embedded: EmbeddedDatabase | undefined;
let front: Server | undefined;
let frontUrl = '';
let dataDir = '';
const running: RunningServer[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nb-couch-'));
  embedded = await startEmbeddedDatabase({ dir: dataDir, logger: pino({ level: 'silent' }) });
  front = createServer((req, res) => {
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (mode === 'refuse') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'unauthorized', reason: 'Name or password is incorrect.' }));
      return;
    }
    const target = new URL(req.url ?? '/', embedded?.url());
    const forward = httpRequest(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => front?.listen(0, '127.0.0.1', resolve));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const server of running) await server.close();
  front?.closeAllConnections();
  await new Promise((resolve) => front?.close(resolve));
  await embedded?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function start(databaseWaitMs = 20_000): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    couchdbUrl: frontUrl,
    staticDir: join(dataDir, 'no-build'),
    publicOrigin: undefined,
    logLevel: 'silent',
    databaseWaitMs,
  }).then((server) => {
    running.push(server);
    return server;
  });
}

describe('the database as the sync-server sees it', () => {
  it('waits at start-up for a database that is not reachable yet', async () => {
    mode = 'down';
    const began = Date.now();
    setTimeout(() => (mode = 'pass'), 1500);
    const server = await start();
    expect(Date.now() - began).toBeGreaterThanOrEqual(1400);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('gives up at start-up at once when the database refuses the credentials', async () => {
    mode = 'refuse';
    const began = Date.now();
    await expect(start()).rejects.toThrow(/credentials in COUCHDB_URL/);
    expect(Date.now() - began).toBeLessThan(5000);
    mode = 'pass';
  });

  it('never tells the app its session ended when the database refuses our credentials', async () => {
    mode = 'pass';
    const server = running[0] ?? (await start());
    const client = new TestClient(() => server.url);
    const signup = await client.post('/api/v1/auth/signup', {
      name: 'Ana',
      login: `ana-${Date.now()}@example.org`,
      password: 'a-long-password',
    });
    expect(signup.status).toBe(201);

    mode = 'refuse';
    for (const answer of [
      await client.get<{ error: { code: string } }>('/api/v1/me'),
      await client.get<{ error: { code: string } }>('/api/v1/sync/pull'),
      await client.post<{ error: { code: string } }>('/api/v1/sync/push', { mutations: [] }),
    ]) {
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe('unavailable');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    mode = 'pass';
    expect((await client.get('/api/v1/me')).status).toBe(200);
  });
});
