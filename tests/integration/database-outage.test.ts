import { describe, expect, it } from 'vitest';
import type { AnyRecord } from '../../src/lib/domain';
import { addMember, createGroup } from './support/groups';
import { createOf, offerRecord, pullAll, push } from './support/sync';
import { useTestServer } from './support/test-server';

// A long restart delay keeps the database down long enough to observe the outage.
const server = useTestServer({ embeddedRestartDelayMs: 2500 });

async function waitForHealthy(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.url}/api/health`).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the database did not come back');
}

function killDatabase(): void {
  const pid = server.server.embeddedPid();
  expect(pid).toBeTypeOf('number');
  process.kill(pid!, 'SIGKILL');
}

describe('database outage', () => {
  it('answers 503 with Retry-After while the database is down, then recovers with nothing lost', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group, 'Member');
    const before = Array.from({ length: 20 }, () => offerRecord(group.id, member.id));
    await push(member.client, before.map(createOf));

    killDatabase();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const health = await member.client.get<{ status: string; database: { ok: boolean } }>(
      '/api/health',
    );
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: { ok: false } });

    const during = Array.from({ length: 5 }, () => offerRecord(group.id, member.id));
    const mutations = during.map(createOf);
    const refused = await member.client.post<{ error: { code: string } }>('/api/v1/sync/push', {
      mutations,
    });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('unavailable');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await member.client.get('/api/v1/sync/pull')).status).toBe(503);
    expect((await member.client.get('/api/v1/me')).status).toBe(503);

    await waitForHealthy();

    const retried = await push(member.client, mutations);
    expect(retried.every((r) => r.status === 'applied')).toBe(true);
    const { records } = await pullAll(member.client);
    const offers = new Set(records.filter((r: AnyRecord) => r.type === 'offer').map((r) => r.id));
    for (const record of [...before, ...during]) expect(offers.has(record.id)).toBe(true);
  });

  it('leaves nothing half-written when the database dies during a push: the replay completes it once', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group, 'Member');
    const records = Array.from({ length: 400 }, () => offerRecord(group.id, member.id));
    const mutations = records.map(createOf);

    const inFlight = member.client.post<{ results?: unknown[] }>('/api/v1/sync/push', {
      mutations,
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    killDatabase();
    const first = await inFlight;
    expect([200, 503]).toContain(first.status);

    await waitForHealthy();
    const replay = await push(member.client, mutations);
    expect(replay.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));

    const pulled = await pullAll(member.client);
    const offers = pulled.records.filter((r) => r.type === 'offer');
    expect(offers).toHaveLength(records.length);
    expect(new Set(offers.map((o) => o.id)).size).toBe(records.length);
  });

  it('finishes an in-flight push before shutting down', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group, 'Member');
    const mutations = Array.from({ length: 300 }, () => createOf(offerRecord(group.id, member.id)));
    const inFlight = member.client.post<{ results: Array<{ status: string }> }>(
      '/api/v1/sync/push',
      {
        mutations,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    const restarted = server.restart();
    const response = await inFlight;
    await restarted;
    expect(response.status).toBe(200);
    expect(response.body.results.every((r) => r.status === 'applied')).toBe(true);
  });
});
