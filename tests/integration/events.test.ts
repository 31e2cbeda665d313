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

  it('refuses the stream without a session', async () => {
    const response = await fetch(`${server.url}/api/v1/sync/events`);
    expect(response.status).toBe(401);
  });
});
