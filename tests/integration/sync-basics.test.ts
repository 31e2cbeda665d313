import { describe, expect, it } from 'vitest';
import { addMember, createGroup } from './support/groups';
import {
  appendOf,
  createOf,
  logRecord,
  pullAll,
  push,
  requestRecord,
  transitionOf,
  updateOf,
} from './support/sync';
import { useTestServer } from './support/test-server';

const server = useTestServer();

describe('push and pull', () => {
  it('creates, claims, starts, completes a request with status logs, and pulls it all', async () => {
    const group = await createGroup(server);
    const requester = await addMember(server, group, 'Requester');
    const helper = await addMember(server, group, 'Helper');
    const request = requestRecord(group.id, requester.id);

    const [created] = await push(requester.client, [createOf(request)]);
    expect(created).toMatchObject({
      status: 'applied',
      record: { id: request.id, status: 'open' },
    });
    expect(created?.status === 'applied' && created.record.rev).toBeTruthy();

    const results = await push(helper.client, [
      transitionOf(request, 'open', 'claimed'),
      transitionOf(request, 'claimed', 'in_progress'),
      transitionOf(request, 'in_progress', 'done'),
      appendOf(logRecord(request, helper.id, { kind: 'time', minutes: 45, text: '' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

    const pulled = await pullAll(requester.client);
    const stored = pulled.records.find((r) => r.id === request.id);
    expect(stored).toMatchObject({ status: 'done', assigneeId: helper.id });
    const logs = pulled.records.filter((r) => r.type === 'log' && r.parentId === request.id);
    expect(logs.filter((l) => l.type === 'log' && l.kind === 'status')).toHaveLength(3);
    expect(logs.filter((l) => l.type === 'log' && l.kind === 'time')).toHaveLength(1);
    expect(pulled.records.some((r) => r.type === 'group' && r.id === group.id)).toBe(true);
    expect(pulled.records.filter((r) => r.type === 'membership')).toHaveLength(3);
  });

  it('applies group settings edits by coordinators through update, refreshing the directory', async () => {
    const group = await createGroup(server, { name: 'Old name', listed: false });
    const [result] = await push(group.coordinator.client, [
      updateOf(
        group.group,
        { name: 'New name', listed: true },
        { name: 'Old name', listed: false },
      ),
    ]);
    expect(result).toMatchObject({ status: 'applied', record: { name: 'New name', listed: true } });
    const me = await group.coordinator.client.get<{ memberships: Array<{ groupName: string }> }>(
      '/api/v1/me',
    );
    expect(me.body.memberships[0]?.groupName).toBe('New name');
    const directory = await group.coordinator.client.get<{ groups: Array<{ id: string }> }>(
      '/api/v1/directory?q=new%20name',
    );
    expect(directory.body.groups.map((g) => g.id)).toContain(group.id);
  });
});
