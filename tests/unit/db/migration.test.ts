import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { NeighborlyDB, SCHEMA_V1, URGENCY_RANK_OF, tokenize } from './migration-support';
import { makeGroup, makeRequest, makeTask } from './fixtures';

describe('schema migration', () => {
  it('opens a database written by version 1 in version 2 with every row intact and the new fields derived', async () => {
    const name = `migration-${Math.random().toString(36).slice(2)}`;
    const group = makeGroup();
    const dated = makeRequest(group, {
      urgency: 'urgent',
      neededBy: '2026-03-05',
      title: 'Pharmacy',
    });
    const undated = makeRequest(group, {
      urgency: 'flexible',
      status: 'claimed',
      title: 'Dog walk',
    });
    const archived = makeRequest(group, { archived: true, title: 'Old one' });
    const task = makeTask(group, { due: '2026-03-04' });

    // Version 1, exactly as it shipped: only `_rank` and `_words` were derived then.
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const v1Rows = [dated, undated, archived].map((r) => ({
      ...r,
      _rank: URGENCY_RANK_OF(r.urgency),
      _words: tokenize(r.title),
    }));
    await v1.table('requests').bulkPut(v1Rows);
    await v1.table('tasks').put(task);
    await v1.table('groups').put(group);
    await v1.table('outbox').add({
      mid: 'MID00000001',
      mutation: { op: 'archive' },
      recordId: dated.id,
      groupId: group.id,
      createdAt: dated.createdAt,
      attempts: 2,
    });
    await v1.table('meta').put({ key: 'settings', value: { locale: 'es' } });
    expect(v1.verno).toBe(1);
    v1.close();

    const v2 = new NeighborlyDB(name);
    await v2.open();
    expect(v2.verno).toBe(2);

    // Data intact.
    expect(await v2.groups.get(group.id)).toEqual(group);
    const rows = await v2.requests.toArray();
    expect(rows).toHaveLength(3);
    for (const original of v1Rows) {
      const row = await v2.requests.get(original.id);
      expect(row).toMatchObject(original);
    }
    expect((await v2.outbox.toArray())[0]).toMatchObject({ mid: 'MID00000001', attempts: 2 });
    expect((await v2.meta.get('settings'))?.value).toEqual({ locale: 'es' });

    // Derived by the upgrade, and the new indexes answer queries.
    expect((await v2.requests.get(undated.id))?._sort).toBe(
      `2 9999-12-31 ${undated.createdAt} ${undated.id}`,
    );
    expect((await v2.requests.get(archived.id))?._state).toBe('archived');
    expect((await v2.requests.get(dated.id))?._hood).toBe('north');
    expect((await v2.tasks.get(task.id))?._day).toBe('2026-03-04');
    const open = await v2.requests
      .where('[groupId+_state+_sort]')
      .between([group.id, 'open', ''], [group.id, 'open', '\uffff'])
      .toArray();
    expect(open.map((r) => r.id)).toEqual([dated.id]);
    const bySort = await v2.requests
      .where('[groupId+_sort]')
      .between([group.id, ''], [group.id, '\uffff'])
      .primaryKeys();
    // urgent, then soon (the archived one), then flexible
    expect(bySort).toEqual([dated.id, archived.id, undated.id]);
    v2.close();
  });
});
