import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  SCHEMA_V1,
  SCHEMA_V2,
  URGENCY_RANK_OF,
  requestLocal,
  tokenize,
  useDatabase,
} from './migration-support';
import { listBoard } from '../../../src/lib/db/queries/board';
import { makeGroup, makeRequest, makeTask } from './fixtures';

describe('schema migration', () => {
  it('opens a database written by version 1 in the current version with every row intact and the new fields derived', async () => {
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

    const v2 = useDatabase(name);
    await v2.open();
    expect(v2.verno).toBe(3);

    // Data intact.
    expect(await v2.groups.get(group.id)).toEqual(group);
    const rows = await v2.requests.toArray();
    expect(rows).toHaveLength(3);
    for (const { _words, ...original } of v1Rows) {
      const row = await v2.requests.get(original.id);
      expect(row).toMatchObject(original);
      // v3 dropped the tokens: plain ASCII text is searched as it is.
      void _words;
      expect(row).not.toHaveProperty('_words');
      expect(row).not.toHaveProperty('_text');
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
    const board = await listBoard(group.id, {}, { limit: 10 });
    // urgent, then flexible; the archived one never shows
    expect(board.items.map((r) => r.id)).toEqual([dated.id, undated.id]);
    v2.close();
  });

  it('opens a version 2 database in version 3 with every row intact, search still finding words in the details', async () => {
    const name = `migration-${Math.random().toString(36).slice(2)}`;
    const group = makeGroup();
    const ramp = makeRequest(group, {
      title: 'Help at home',
      details: 'The wheelchair ramp by the back door needs a new plank.',
      urgency: 'soon',
    });
    const cafe = makeRequest(group, { title: 'Café run', details: 'Two croissants.' });
    const task = makeTask(group, { due: '2026-03-04' });

    // Version 2, exactly as it shipped: rows with `_words` and the v2 local fields.
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const v2Rows = [ramp, cafe].map((r) => {
      const { _state, _sort, _hood } = requestLocal(r);
      return {
        ...r,
        _rank: URGENCY_RANK_OF(r.urgency),
        _words: tokenize([r.title, r.details, r.neighborhood, r.category].join(' ')),
        _state,
        _sort,
        _hood,
      };
    });
    await v2.table('requests').bulkPut(v2Rows);
    await v2.table('tasks').put({ ...task, _day: '2026-03-04' });
    await v2.table('outbox').add({
      mid: 'MID00000002',
      mutation: { op: 'archive' },
      recordId: cafe.id,
      groupId: group.id,
      createdAt: cafe.createdAt,
      attempts: 0,
    });
    await v2.table('meta').put({ key: 'sync', value: { cursor: 'c9', lastSyncedAt: null } });
    expect(v2.verno).toBe(2);
    v2.close();

    const v3 = useDatabase(name);
    await v3.open();
    expect(v3.verno).toBe(3);
    for (const { _words, ...original } of v2Rows) {
      void _words;
      const row = await v3.requests.get(original.id);
      expect(row).toMatchObject(original);
      expect(row).not.toHaveProperty('_words');
    }
    // Only text that needs folding keeps a folded copy.
    expect((await v3.requests.get(ramp.id))?._text).toBeUndefined();
    expect((await v3.requests.get(cafe.id))?._text).toBe(
      ' cafe run two croissants north groceries ',
    );
    expect(await v3.tasks.get(task.id)).toMatchObject({ id: task.id, _day: '2026-03-04' });
    expect((await v3.outbox.toArray())[0]).toMatchObject({ mid: 'MID00000002' });
    expect((await v3.meta.get('sync'))?.value).toEqual({ cursor: 'c9', lastSyncedAt: null });

    // A word only the details hold, a prefix, accents folded.
    const ids = async (text: string) =>
      (await listBoard(group.id, { text }, { limit: 10 })).items.map((r) => r.id);
    expect(await ids('wheelchair')).toEqual([ramp.id]);
    expect(await ids('plan RAMP')).toEqual([ramp.id]);
    expect(await ids('croissant')).toEqual([cafe.id]);
    expect(await ids('café')).toEqual([cafe.id]);
    expect(await ids('zebra')).toEqual([]);
    v3.close();
  });
});
