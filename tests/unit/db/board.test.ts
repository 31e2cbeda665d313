import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REQUEST_STATUSES,
  URGENCIES,
  newId,
  type Request,
  type RequestStatus,
} from '../../../src/lib/domain';
import { requestSortKey, toRow } from '../../../src/lib/db';
import {
  countBoard,
  countByStatus,
  listBoard,
  type BoardFilter,
} from '../../../src/lib/db/queries/board';
import { freshDb, makeGroup, makeRequest } from './fixtures';

const group = makeGroup();
const other = makeGroup();
const me = newId();
const TITLES = ['Groceries from the market', 'Pharmacy pickup', 'Café visit', 'Ride to clinic'];
const HOODS = ['North', 'South', ''];
const DAYS = [null, '2026-03-03', '2026-03-05', '2026-03-04'];
let all: Request[] = [];

function reference(filter: BoardFilter, words: string[] = []): Request[] {
  const statuses = filter.statuses?.length ? filter.statuses : REQUEST_STATUSES;
  return all
    .filter((r) => r.groupId === group.id && !r.archived && statuses.includes(r.status))
    .filter((r) => !filter.category || r.category === filter.category)
    .filter((r) => !filter.urgency || r.urgency === filter.urgency)
    .filter((r) => !filter.neighborhood || r.neighborhood === filter.neighborhood)
    .filter((r) => !filter.mine || r.requesterId === me || r.assigneeId === me)
    .filter((r) =>
      words.every((w) =>
        `${r.title} ${r.details} ${r.neighborhood} ${r.category}`
          .toLowerCase()
          .normalize('NFD')
          .replace(/\p{M}/gu, '')
          .split(/[^\p{L}\p{N}]+/u)
          .some((t) => t.startsWith(w)),
      ),
    )
    .sort((a, b) => (requestSortKey(a) < requestSortKey(b) ? -1 : 1));
}

async function everyPage(filter: BoardFilter, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = await listBoard(group.id, filter, { limit, after }, me);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((r) => r.id));
    if (!page.next) break;
    after = page.next;
  }
  return ids;
}

beforeAll(async () => {
  const database = freshDb();
  const rows: Request[] = [];
  let seed = 42;
  // A small deterministic PRNG: varied data without the correlations of `i % n`.
  const pick = <T>(list: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return list[(seed >>> 16) % list.length]!;
  };
  for (let i = 0; i < 400; i += 1) {
    const status = pick(REQUEST_STATUSES) as RequestStatus;
    const claimed = status !== 'open' && status !== 'new';
    const mineAsRequester = pick([true, false, false, false, false]);
    const mineAsAssignee = claimed && pick([true, false, false, false]);
    rows.push(
      makeRequest(pick([group, group, group, group, other]), {
        createdAt: new Date(Date.UTC(2026, 2, 1, 0, pick([0, 1, 2, 3, 4, 5, 6]))).toISOString(),
        title: pick(TITLES),
        details: pick(['Heavy bags, third floor', '', '']),
        category: pick(['pharmacy', 'groceries']),
        urgency: pick(URGENCIES),
        neighborhood: pick(HOODS),
        neededBy: pick(DAYS),
        status,
        archived: pick([true, false, false, false, false, false]),
        ...(mineAsRequester ? { requesterId: me, createdBy: me } : {}),
        assigneeId: mineAsAssignee ? me : claimed ? newId() : null,
      }),
    );
  }
  all = rows;
  await database.requests.bulkPut(rows.map((r) => toRow(r)));
});

describe('needs board', () => {
  it('sorts by urgency, then needed-by with undated last, then creation time', async () => {
    const page = await listBoard(group.id, {}, { limit: 1000 }, me);
    expect(page.items.map((r) => r.id)).toEqual(reference({}).map((r) => r.id));
    const ranks = page.items.map((r) => URGENCIES.indexOf(r.urgency));
    expect(ranks).toEqual([...ranks].sort());
    const firstFlexible = page.items.filter((r) => r.urgency === 'flexible');
    const undated = firstFlexible.findIndex((r) => r.neededBy === null);
    expect(firstFlexible.slice(undated).every((r) => r.neededBy === null)).toBe(true);
    expect(page.next).toBeNull();
  });

  it('never shows archived requests or another group’s', async () => {
    const page = await listBoard(group.id, {}, { limit: 1000 }, me);
    expect(page.items.every((r) => !r.archived && r.groupId === group.id)).toBe(true);
  });

  const filters: [string, BoardFilter][] = [
    ['one status', { statuses: ['open'] }],
    ['several statuses', { statuses: ['claimed', 'in_progress', 'done'] }],
    ['status and category', { statuses: ['open', 'new'], category: 'pharmacy' }],
    ['urgency', { urgency: 'urgent' }],
    ['neighbourhood', { neighborhood: 'south' }],
    ['mine (requester or assignee)', { mine: true }],
    [
      'everything at once',
      {
        statuses: ['open', 'claimed'],
        category: 'groceries',
        urgency: 'soon',
        neighborhood: 'North',
      },
    ],
  ];
  it.each(filters)(
    'filters by %s and pages through every match exactly once',
    async (_name, filter) => {
      const expected = reference({
        ...filter,
        neighborhood: filter.neighborhood ? capital(filter.neighborhood) : null,
      }).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(await everyPage(filter, 7)).toEqual(expected);
    },
  );

  it('pages by offset as well as by key', async () => {
    const expected = reference({ statuses: ['open', 'done'] }).map((r) => r.id);
    const second = await listBoard(
      group.id,
      { statuses: ['open', 'done'] },
      { limit: 10, offset: 10 },
      me,
    );
    expect(second.items.map((r) => r.id)).toEqual(expected.slice(10, 20));
  });

  it('finds requests by word prefixes, every word required, accents ignored', async () => {
    const cafe = await listBoard(group.id, { text: 'CAFE' }, { limit: 1000 }, me);
    expect(cafe.items.map((r) => r.id)).toEqual(reference({}, ['cafe']).map((r) => r.id));
    expect(cafe.items.length).toBeGreaterThan(0);
    const both = await listBoard(group.id, { text: 'groc hea' }, { limit: 1000 }, me);
    expect(both.items.map((r) => r.id)).toEqual(reference({}, ['groc', 'hea']).map((r) => r.id));
    expect(both.items.length).toBeGreaterThan(0);
    const none = await listBoard(group.id, { text: 'groceries zebra' }, { limit: 10 }, me);
    expect(none.items).toEqual([]);
  });

  it('combines search with filters and keyset pages', async () => {
    const filter: BoardFilter = { text: 'pharm', statuses: ['open', 'claimed'] };
    expect(await everyPage(filter, 3)).toEqual(reference(filter, ['pharm']).map((r) => r.id));
  });

  it.each<[string, BoardFilter, string[]]>([
    ['no filter', {}, []],
    ['statuses', { statuses: ['open', 'claimed'] }, []],
    ['a category', { category: 'pharmacy' }, []],
    ['a neighbourhood', { neighborhood: 'South' }, []],
    ['an urgency', { urgency: 'urgent' }, []],
    [
      'category, neighbourhood and urgency',
      { category: 'groceries', neighborhood: 'North', urgency: 'soon' },
      [],
    ],
    ['mine', { mine: true, statuses: ['open', 'done'] }, []],
    ['a search with a category', { text: 'pharm', category: 'pharmacy' }, ['pharm']],
    ['a search with mine', { text: 'ride', mine: true }, ['ride']],
  ])('counts the matches of %s as the pages list them', async (_name, filter, words) => {
    expect(await countBoard(group.id, filter, me)).toBe(reference(filter, words).length);
  });

  it('counts requests per status without archived ones', async () => {
    const counts = await countByStatus(group.id);
    for (const status of REQUEST_STATUSES) {
      expect(counts[status]).toBe(
        all.filter((r) => r.groupId === group.id && !r.archived && r.status === status).length,
      );
    }
  });
});

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
