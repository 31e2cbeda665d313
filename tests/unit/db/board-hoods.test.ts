import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import { boardNeighborhoods } from '../../../src/lib/db/queries/board';
import { freshDb, makeGroup, makeRequest } from './fixtures';

let database: NeighborlyDB;
beforeEach(() => {
  database = freshDb();
});

describe("the board's neighbourhood choices", () => {
  it("merge the group's list with the neighbourhoods requests carry, once each, sorted", async () => {
    const group = makeGroup({ neighborhoods: ['North', 'Old Town'] });
    const other = makeGroup();
    await database.groups.bulkPut([toRow(group), toRow(other)]);
    const requests = [
      makeRequest(group, { neighborhood: 'Riverside', status: 'open' }),
      makeRequest(group, { neighborhood: 'riverside ', status: 'done' }),
      makeRequest(group, { neighborhood: 'north', status: 'claimed' }),
      makeRequest(group, { neighborhood: 'Étang', status: 'cancelled' }),
      makeRequest(group, { neighborhood: '', status: 'open' }),
      makeRequest(group, { neighborhood: 'Gone Street', archived: true }),
      makeRequest(other, { neighborhood: 'Elsewhere' }),
      // Many rows of one neighbourhood: the scan steps over them, not through them.
      ...Array.from({ length: 30 }, () => makeRequest(group, { neighborhood: 'Old Town' })),
    ];
    await database.requests.bulkPut(requests.map((r) => toRow(r)));

    expect(await boardNeighborhoods(group.id)).toEqual(['Étang', 'North', 'Old Town', 'Riverside']);
    expect(await boardNeighborhoods(other.id)).toEqual(['Elsewhere', 'North', 'South']);
  });

  it('stays live: a request with a new neighbourhood adds it', async () => {
    const group = makeGroup({ neighborhoods: [] });
    await database.groups.put(toRow(group));
    const seen: string[][] = [];
    const subscription = liveQuery(() => boardNeighborhoods(group.id)).subscribe((v) => {
      seen.push(v);
    });
    await expect.poll(() => seen.at(-1)).toEqual([]);
    await database.requests.put(toRow(makeRequest(group, { neighborhood: 'Harbour' })));
    await expect.poll(() => seen.at(-1)).toEqual(['Harbour']);
    subscription.unsubscribe();
  });
});
