import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { toRow, toWire } from '../../../src/lib/db';
import { freshDb, makeGroup, makeRequest, makeTask } from './fixtures';

let database = freshDb();
afterEach(() => {
  database = freshDb();
});

describe('the device database', () => {
  it('stores a request with its local fields and gives it back without them on the wire', async () => {
    const group = makeGroup();
    const request = makeRequest(group, { title: 'Café run', urgency: 'urgent' });
    await database.requests.put(toRow(request));
    const row = await database.requests.get(request.id);
    expect(row?._rank).toBe(0);
    expect(row?._text).toContain(' cafe run ');
    expect(row?._state).toBe('open');
    expect(row?._sort.startsWith('0 9999-12-31 ')).toBe(true);
    expect(toWire(row!)).toEqual(request);
  });

  it('gives tasks without a due day the "no date" day', async () => {
    const task = makeTask(makeGroup());
    await database.tasks.put(toRow(task));
    expect((await database.tasks.get(task.id))?._day).toBe('9999-12-31');
  });
});
