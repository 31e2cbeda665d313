import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain';
import { loggerOptions } from '../../sync-server/log';
import { TestClient } from './support/http-client';
import { createOf, push, requestRecord } from './support/sync';

/*
 * The sync-server as `npm start` runs it (sync-server/main.ts, configured by environment),
 * with its log output captured where pino writes it: stdout.
 */
let child: ChildProcess | undefined;
let dataDir = '';
let url = '';
let output = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nb-logs-'));
  child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: join(dataDir, 'no-build'),
      LOG_LEVEL: 'info',
      TRUST_PROXY: '1',
      COUCHDB_URL: '',
      PUBLIC_ORIGIN: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child?.stdout?.on('data', onData);
    child?.stderr?.on('data', onData);
    child?.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  url = await started;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('structured logs', () => {
  it('carry no session token, password, invite code or private request field', async () => {
    const client = new TestClient(() => url);
    const login = `logged-${newId().toLowerCase()}@example.org`;
    const password = 'a-password-for-the-log-test';
    const signup = await client.post<{ user: { id: string } }>('/api/v1/auth/signup', {
      name: 'Logged',
      login,
      password,
    });
    expect(signup.status).toBe(201);
    const signin = await client.post('/api/v1/auth/signin', { login, password });
    expect(signin.status).toBe(200);
    const token = client.cookie('nb_session') ?? '';
    expect(token.length).toBeGreaterThan(20);

    const groupId = newId();
    const created = await client.post('/api/v1/groups', {
      id: groupId,
      name: 'Logged group',
      description: '',
      area: '',
      neighborhoods: [],
      languages: ['en'],
      listed: false,
      contactLinks: [],
      safetyGuidelines: '',
      categories: ['groceries'],
      joinPolicy: 'code',
      requestsNeedApproval: false,
      claiming: 'anyone',
      exchangeMode: 'contactless',
    });
    expect(created.status, created.text).toBe(201);
    const invite = await client.post<{ invite: { code: string } }>(
      `/api/v1/groups/${groupId}/invites`,
      {},
    );
    const code = invite.body.invite.code;

    const secret = {
      address: '77 Sentinel Street, flat 9',
      phone: '+1 555 0177',
      accessNotes: 'Key under the blue pot',
    };
    const request = requestRecord(groupId, signup.body.user.id, { private: secret });
    const [result] = await push(client, [createOf(request)]);
    expect(result?.status).toBe('applied');

    const joiner = new TestClient(() => url);
    await joiner.post('/api/v1/auth/signup', {
      name: 'Joiner',
      login: `joiner-${newId().toLowerCase()}@example.org`,
      password: 'another-long-password',
    });
    const forwarded = { 'x-forwarded-for': '198.51.100.66, 203.0.113.9' };
    expect((await joiner.get(`/api/v1/invites/${code}`, { headers: forwarded })).status).toBe(200);
    expect((await joiner.post('/api/v1/join', { code }, { headers: forwarded })).status).toBe(200);
    await joiner.get(`/join/${code}`);
    await joiner.get(`/signin?next=${encodeURIComponent(`/join/${code}`)}`);
    await client.delete(`/api/v1/groups/${groupId}/invites/${code}`);
    await client.get('/api/v1/sync/pull');
    await new Promise((resolve) => setTimeout(resolve, 300));

    if (process.env.DUMP_LOG) console.log(output);
    // The log is there, and names the routes…
    expect(output).toContain('"url":"/api/v1/invites/[code]"');
    expect(output).toContain('"url":"/join/[code]"');
    // …with the client IP from the one trusted proxy hop, not the one the client claimed.
    expect(output).toContain('"ip":"203.0.113.9"');
    expect(output).not.toContain('198.51.100.66');
    // …and none of the secrets.
    for (const leaked of [
      token,
      token.split('.')[1] ?? token,
      password,
      code,
      ...Object.values(secret),
    ]) {
      expect(output).not.toContain(leaked);
    }
  });

  it('masks invite codes in logged errors (a database error naming invite:CODE)', () => {
    const options = loggerOptions('info') as unknown as {
      serializers: { err: (error: Error) => Record<string, unknown> };
    };
    const error = Object.assign(new Error('GET /nb_system/invite%3AK7PQ2M9X failed'), {
      request: { uri: 'http://127.0.0.1:5984/nb_system/invite:K7PQ2M9X' },
    });
    const logged = JSON.stringify(options.serializers.err(error));
    expect(logged).not.toContain('K7PQ2M9X');
    expect(logged).toContain('invite%3A[code]');
  });
});
