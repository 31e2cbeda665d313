import { describe, expect, it } from 'vitest';
import { addMember, createGroup } from './support/groups';
import { createOf, offerRecord, push } from './support/sync';
import { useTestServer } from './support/test-server';
import { openEvents } from './support/sse';
import type { SignedInUser } from './support/users';

const server = useTestServer();

const listen = (user: SignedInUser) => openEvents(server, user);

describe('GET /sync/events', () => {
  it("hints 'changed' for the caller's groups only", async () => {
    const group = await createGroup(server);
    const other = await createGroup(server);
    const member = await addMember(server, group, 'Listener');
    const stream = await listen(member);
    try {
      await push(other.coordinator.client, [createOf(offerRecord(other.id, other.coordinator.id))]);
      await push(group.coordinator.client, [createOf(offerRecord(group.id, group.coordinator.id))]);
      expect(
        await stream.waitFor(() => stream.events.some((e) => e.groupIds.includes(group.id))),
      ).toBe(true);
      expect(stream.events.every((e) => e.type === 'changed')).toBe(true);
      expect(stream.events.some((e) => e.groupIds.includes(other.id))).toBe(false);
    } finally {
      await stream.close();
    }
  });

  it('hints when the caller is removed, so the app pulls and purges', async () => {
    const group = await createGroup(server);
    const member = await addMember(server, group, 'Removed');
    const stream = await listen(member);
    try {
      await group.coordinator.client.delete(`/api/v1/groups/${group.id}/members/${member.id}`);
      expect(
        await stream.waitFor(() => stream.events.some((e) => e.groupIds.includes(group.id))),
      ).toBe(true);
    } finally {
      await stream.close();
    }
  });

  it('ends open streams when the server shuts down, so shutdown does not hang', async () => {
    const group = await createGroup(server);
    const stream = await listen(group.coordinator);
    const started = Date.now();
    await server.restart();
    await stream.close();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('sends the same security headers as every other answer', async () => {
    const group = await createGroup(server);
    const controller = new AbortController();
    const [stream, me] = await Promise.all([
      fetch(`${server.url}/api/v1/sync/events`, {
        headers: { cookie: `nb_session=${group.coordinator.client.cookie('nb_session')}` },
        signal: controller.signal,
      }),
      group.coordinator.client.get('/api/v1/me'),
    ]);
    try {
      expect(stream.status).toBe(200);
      for (const name of [
        'content-security-policy',
        'x-content-type-options',
        'x-frame-options',
        'referrer-policy',
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'permissions-policy',
      ]) {
        expect(stream.headers.get(name), name).toBeTruthy();
        expect(stream.headers.get(name), name).toBe(me.headers.get(name));
      }
      expect(stream.headers.get('cache-control')).toBe('no-store');
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    } finally {
      controller.abort();
    }
  });

  it('refuses the stream without a session', async () => {
    const response = await fetch(`${server.url}/api/v1/sync/events`);
    expect(response.status).toBe(401);
  });
});
