import { describe, expect, it } from 'vitest';
import { addMember, createGroup } from './support/groups';
import { createOf, pullAll, push, requestRecord, updateOf } from './support/sync';
import { useTestServer } from './support/test-server';

const server = useTestServer();

describe('update conflicts (field merge)', () => {
  it('applies edits of different fields made from the same version', async () => {
    const group = await createGroup(server);
    const requester = await addMember(server, group, 'Requester');
    const request = requestRecord(group.id, requester.id, { title: 'Groceries', details: 'Milk' });
    await push(requester.client, [createOf(request)]);

    const [mine] = await push(requester.client, [
      updateOf(request, { title: 'Groceries, Tue' }, { title: 'Groceries' }),
    ]);
    const [theirs] = await push(group.coordinator.client, [
      updateOf(request, { details: 'Milk and bread' }, { details: 'Milk' }),
    ]);
    expect(mine?.status).toBe('applied');
    expect(theirs).toMatchObject({
      status: 'applied',
      record: { title: 'Groceries, Tue', details: 'Milk and bread' },
    });
  });

  it('reports the same field changed by two people as a conflict with both values', async () => {
    const group = await createGroup(server);
    const requester = await addMember(server, group, 'Requester');
    const request = requestRecord(group.id, requester.id, { title: 'Groceries', urgency: 'soon' });
    await push(requester.client, [createOf(request)]);

    const [first] = await push(group.coordinator.client, [
      updateOf(request, { title: 'Groceries (coordinator)' }, { title: 'Groceries' }),
    ]);
    expect(first?.status).toBe('applied');
    const [second] = await push(requester.client, [
      updateOf(
        request,
        { title: 'Groceries (requester)', urgency: 'urgent' },
        { title: 'Groceries', urgency: 'soon' },
      ),
    ]);
    expect(second).toMatchObject({
      status: 'merged',
      conflicts: [
        { field: 'title', yours: 'Groceries (requester)', theirs: 'Groceries (coordinator)' },
      ],
      record: { title: 'Groceries (coordinator)', urgency: 'urgent' },
    });

    const { records } = await pullAll(requester.client);
    expect(records.find((r) => r.id === request.id)).toMatchObject({
      title: 'Groceries (coordinator)',
      urgency: 'urgent',
    });
  });

  it('treats an edit to the value already stored as applied, not a conflict', async () => {
    const group = await createGroup(server);
    const requester = await addMember(server, group, 'Requester');
    const request = requestRecord(group.id, requester.id, { title: 'A' });
    await push(requester.client, [createOf(request)]);
    await push(group.coordinator.client, [updateOf(request, { title: 'B' }, { title: 'A' })]);
    const [same] = await push(requester.client, [
      updateOf(request, { title: 'B' }, { title: 'A' }),
    ]);
    expect(same).toMatchObject({ status: 'applied', record: { title: 'B' } });
  });

  it('rejects updates of fields that only transitions may change, and unknown or _-prefixed fields', async () => {
    const group = await createGroup(server);
    const requester = await addMember(server, group, 'Requester');
    const request = requestRecord(group.id, requester.id);
    await push(requester.client, [createOf(request)]);
    const [status] = await push(requester.client, [
      updateOf(request, { status: 'done' }, { status: 'open' }),
    ]);
    expect(status).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const [unknown] = await push(requester.client, [
      updateOf(request, { colour: 'red' }, { colour: null }),
    ]);
    expect(unknown).toMatchObject({ status: 'rejected' });
    const response = await requester.client.post<{ error: { code: string } }>('/api/v1/sync/push', {
      mutations: [updateOf(request, { _local: 1 }, { _local: null })],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid');
  });
});
