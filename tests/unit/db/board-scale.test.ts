import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_STATUSES, URGENCIES } from '../../../src/lib/domain';
import { toRow, type RequestRow } from '../../../src/lib/db';
import { countByStatus, listBoard, type BoardFilter } from '../../../src/lib/db/queries/board';
import { freshDb, makeGroup, makeRequest } from './fixtures';

const group = makeGroup();
const SIZE = 3000;
const stored: RequestRow[] = [];
/** Rows handed out by the database (queries and bulk gets), counted by a DBCore middleware. */
let rowsRead = 0;

beforeAll(async () => {
  const database = freshDb();
  database.use({
    stack: 'dbcore',
    name: 'count-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          query: async (req) => {
            const res = await table.query(req);
            if (name === 'requests') rowsRead += res.result.length;
            return res;
          },
          getMany: async (req) => {
            const res = await table.getMany(req);
            if (name === 'requests') rowsRead += res.length;
            return res;
          },
        };
      },
    }),
  });
  const rows = [];
  for (let i = 0; i < SIZE; i += 1) {
    rows.push(
      toRow(
        makeRequest(group, {
          status: REQUEST_STATUSES[i % REQUEST_STATUSES.length]!,
          urgency: URGENCIES[i % URGENCIES.length]!,
          category: i % 50 === 0 ? 'pharmacy' : 'groceries',
          neighborhood: i % 40 === 0 ? 'East' : 'North',
          title: i === 1234 ? 'Wheelchair ramp' : `Shopping list ${i}`,
          details: i === 2345 ? 'A new plank for the back step.' : 'Bread, milk and apples.',
        }),
      ),
    );
  }
  await database.requests.bulkPut(rows);
  stored.push(...rows);
}, 60_000);

describe(`needs board with ${SIZE} requests`, () => {
  const cases: [string, BoardFilter][] = [
    ['no filter', {}],
    ['one status', { statuses: ['open'] }],
    ['a rare category', { category: 'pharmacy' }],
    ['a rare neighbourhood', { neighborhood: 'east' }],
    ['an urgency', { urgency: 'flexible', statuses: ['open', 'claimed'] }],
    ['a common word', { text: 'shopping' }],
  ];
  it.each(cases)('reads a page, not the group, with %s', async (_name, filter) => {
    rowsRead = 0;
    const page = await listBoard(group.id, filter, { limit: 20 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(rowsRead).toBeLessThanOrEqual(REQUEST_STATUSES.length * 21);
  });

  it('finds a rare word (title or details) reading each row at most once', async () => {
    rowsRead = 0;
    const page = await listBoard(group.id, { text: 'wheelch' }, { limit: 20 });
    expect(page.items.map((r) => r.title)).toEqual(['Wheelchair ramp']);
    expect(rowsRead).toBeLessThanOrEqual(SIZE);
    rowsRead = 0;
    const details = await listBoard(group.id, { text: 'plank' }, { limit: 20 });
    expect(details.items.map((r) => r.title)).toEqual(['Shopping list 2345']);
    expect(rowsRead).toBeLessThanOrEqual(SIZE);
  });

  /** The board the slow way: every row of the group, filtered and sorted in memory. */
  function expected(filter: BoardFilter): string[] {
    const statuses: readonly string[] = filter.statuses ?? REQUEST_STATUSES;
    const tokens = (filter.text ?? '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    return stored
      .filter((r) => {
        const words = [r.title, r.details, r.neighborhood, r.category]
          .join(' ')
          .toLowerCase()
          .split(/[^a-z0-9]+/);
        return (
          statuses.includes(r._state) &&
          (!filter.category || r.category === filter.category) &&
          (!filter.urgency || r.urgency === filter.urgency) &&
          (!filter.neighborhood || r._hood === filter.neighborhood.toLowerCase()) &&
          tokens.every((t) => words.some((w) => w.startsWith(t)))
        );
      })
      .sort((a, b) => (a._sort < b._sort ? -1 : 1))
      .map((r) => r.id);
  }

  it.each<[string, BoardFilter]>([
    ['a word over every status', { text: 'list 1' }],
    [
      'a rare category over three statuses',
      { category: 'pharmacy', statuses: ['new', 'open', 'done'] },
    ],
    ['an urgency and a neighbourhood', { urgency: 'urgent', neighborhood: 'east' }],
    ['a word and a category', { text: 'shop', category: 'pharmacy' }],
  ])('pages %s exactly as sorting every matching row would', async (_name, filter) => {
    const all = expected(filter);
    const first = await listBoard(group.id, filter, { limit: 20 });
    expect(first.items.map((r) => r.id)).toEqual(all.slice(0, 20));
    expect(first.next !== null).toBe(all.length > 20);
    if (first.next === null) return;
    const second = await listBoard(group.id, filter, { limit: 20, after: first.next });
    expect(second.items.map((r) => r.id)).toEqual(all.slice(20, 40));
  });

  it('counts statuses without reading rows', async () => {
    rowsRead = 0;
    const counts = await countByStatus(group.id);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(SIZE);
    expect(rowsRead).toBe(0);
  });
});
