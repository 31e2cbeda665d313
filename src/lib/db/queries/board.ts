import {
  REQUEST_STATUSES,
  URGENCY_RANK,
  type Request,
  type RequestStatus,
  type Urgency,
} from '../../domain';
import { db } from '../database';
import { neighborhoodKey, requestSearchParts, toWire } from '../local-fields';
import { pendingRecordIds } from '../outbox';
import type { RequestRow } from '../rows';
import { matchesText, textQuery, type TextQuery } from '../words';

/** Above every `_sort` key (they start with a digit). */
const TOP = '\uffff';

export interface BoardFilter {
  /** Statuses to show; empty or absent: every status. Archived requests never show. */
  statuses?: readonly RequestStatus[];
  category?: string | null;
  urgency?: Urgency | null;
  /** Exact neighbourhood (case and surrounding spaces ignored). */
  neighborhood?: string | null;
  /** Only requests I asked for or am assigned to (needs `me`). */
  mine?: boolean;
  /** Words to find: every token must prefix-match a word of the title, details, etc. */
  text?: string;
}

export interface BoardPageInput {
  /** Page size (default 50). */
  limit?: number;
  /** Keyset: the `next` of the previous page. Preferred for "load more". */
  after?: string | null;
  /** Or skip this many (after `after`, when both are given). */
  offset?: number;
}

export type BoardItem = Request & { pending: boolean };

export interface BoardPage {
  items: BoardItem[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

/** Checks the index range does not already guarantee (`covered`), as one predicate. */
function rowMatcher(
  filter: BoardFilter,
  me: string | null,
  text: TextQuery | null,
  covered: { category?: boolean; urgency?: boolean; neighborhood?: boolean } = {},
): ((row: RequestRow) => boolean) | null {
  const checks: ((row: RequestRow) => boolean)[] = [];
  // Words first: on a search they reject the most rows, and `includes` is cheap.
  if (text) checks.push((r) => matchesText(text, r._text, requestSearchParts(r)));
  if (filter.category && !covered.category) checks.push((r) => r.category === filter.category);
  if (filter.urgency && !covered.urgency) checks.push((r) => r.urgency === filter.urgency);
  if (filter.neighborhood && !covered.neighborhood) {
    const n = neighborhoodKey(filter.neighborhood);
    checks.push((r) => r._hood === n);
  }
  if (filter.mine) {
    checks.push((r) => me !== null && (r.requesterId === me || r.assigneeId === me));
  }
  return checks.length ? (r) => checks.every((c) => c(r)) : null;
}

export function listBoard(
  groupId: string,
  filter: BoardFilter = {},
  page: BoardPageInput = {},
  me: string | null = null,
): Promise<BoardPage> {
  // One read transaction for the rows and the pending ids: a page is one IndexedDB
  // transaction, not two.
  const database = db();
  return database.transaction('r', database.requests, database.outbox, () =>
    readBoard(groupId, filter, page, me),
  );
}

async function readBoard(
  groupId: string,
  filter: BoardFilter,
  page: BoardPageInput,
  me: string | null,
): Promise<BoardPage> {
  const limit = Math.max(1, page.limit ?? 50);
  const offset = Math.max(0, page.offset ?? 0);
  const after = page.after ?? null;
  const statuses = filter.statuses?.length ? filter.statuses : REQUEST_STATUSES;
  const text = filter.text ? textQuery(filter.text) : null;
  const take = offset + limit + 1;
  // Read alongside the rows, not after them: one IndexedDB round trip less per page.
  const pendingIds = pendingRecordIds();
  pendingIds.catch(() => undefined);

  let sorted: RequestRow[];
  if (filter.mine) {
    // Few candidates (my own requests): filter and sort them in memory.
    sorted = (await mineMatching(groupId, statuses, filter, me, text))
      .filter((r) => after === null || r._sort > after)
      .sort(bySort);
  } else {
    // Index order per status; each range stops after one page. A search reads the same
    // ranges and keeps the rows whose `_text` has every word: a common word fills a page
    // within a few chunks; a rare one reads the statuses' rows once.
    const { index, extra, rank, high, match } = boardRanges(filter, me, text);
    const low = after !== null && after >= rank ? after : rank;
    sorted = await scanMerged(
      index,
      statuses.map((status) => [groupId, status, ...extra]),
      low,
      high,
      after === null || low !== after,
      match,
      take,
    );
  }
  const window = sorted.slice(offset, offset + limit + 1);
  const items = window.slice(0, limit);
  const pending = await pendingIds;
  return {
    items: items.map((row) => ({ ...(toWire(row) as Request), pending: pending.has(row.id) })),
    next: window.length > limit ? (items[items.length - 1]?._sort ?? null) : null,
  };
}

/**
 * The index ranges (one per status, after `[groupId, status, ...extra]`) a filter other than
 * "mine" reads, between `rank` and `high` in `_sort` order, and the check of what the range
 * does not already guarantee. The most selective index the filter allows: category, else
 * neighbourhood, else status; urgency narrows the range, since `_sort` starts with its rank.
 */
function boardRanges(filter: BoardFilter, me: string | null, text: TextQuery | null) {
  const rank = filter.urgency ? `${URGENCY_RANK[filter.urgency]} ` : '';
  const high = rank ? `${rank}${TOP}` : TOP;
  const hood = filter.neighborhood ? neighborhoodKey(filter.neighborhood) : null;
  const [index, extra]: [string, string[]] = filter.category
    ? ['[groupId+_state+category+_sort]', [filter.category]]
    : hood !== null
      ? ['[groupId+_state+_hood+_sort]', [hood]]
      : ['[groupId+_state+_sort]', []];
  const match = rowMatcher(filter, me, text, {
    category: Boolean(filter.category),
    urgency: true,
    neighborhood: !filter.category,
  });
  return { index, extra, rank, high, match };
}

/** My requests in the group, in the wanted statuses, that pass the filter (unsorted). */
async function mineMatching(
  groupId: string,
  statuses: readonly RequestStatus[],
  filter: BoardFilter,
  me: string | null,
  text: TextQuery | null,
): Promise<RequestRow[]> {
  const match = rowMatcher(filter, me, text);
  const wanted = new Set<string>(statuses);
  return (await mineCandidates(groupId, me)).filter(
    (r) => wanted.has(r._state) && (match === null || match(r)),
  );
}

/** Most rows read per step of a filtered scan: one `getAll` each, not a cursor per row. */
const SCAN_CHUNK = 400;

/** One index range being read in `_sort` order, a chunk at a time. */
interface RangeScan {
  prefix: string[];
  /** The last `_sort` read (or where reading starts). */
  from: string;
  inclusive: boolean;
  chunk: number;
  /** Read to its end, or holds `want` matches already: nothing more of it can make the page. */
  done: boolean;
  found: RequestRow[];
}

/**
 * The first `want` rows, in `_sort` order, that pass `match` across several index ranges
 * (one per status). Every range gets one read of `want` rows at once — an unfiltered page
 * costs nothing more. While a filter keeps rejecting rows, the range furthest behind in
 * `_sort` order reads on, in growing chunks; reading stops once `want` matches lie at or
 * before every unfinished range's position, i.e. once the page can no longer change, so a
 * selective filter over several statuses reads about the rows up to the page's last one
 * instead of collecting `want` matches from every status.
 */
async function scanMerged(
  index: string,
  prefixes: string[][],
  low: string,
  high: string,
  includeLow: boolean,
  match: ((row: RequestRow) => boolean) | null,
  want: number,
): Promise<RequestRow[]> {
  const scans: RangeScan[] = prefixes.map((prefix) => ({
    prefix,
    from: low,
    inclusive: includeLow,
    chunk: want,
    done: false,
    found: [],
  }));
  const read = async (scan: RangeScan): Promise<void> => {
    const rows = await db()
      .requests.where(index)
      .between([...scan.prefix, scan.from], [...scan.prefix, high], scan.inclusive, true)
      .limit(scan.chunk)
      .toArray();
    for (const row of rows) {
      if (match === null || match(row)) scan.found.push(row);
    }
    const last = rows[rows.length - 1];
    scan.done = rows.length < scan.chunk || !last || scan.found.length >= want;
    if (last) scan.from = last._sort;
    scan.inclusive = false;
    scan.chunk = Math.min(SCAN_CHUNK, scan.chunk * 2);
  };
  await Promise.all(scans.map(read));
  for (;;) {
    const open = scans.filter((scan) => !scan.done);
    if (open.length === 0) break;
    const behind = open.reduce((a, b) => (b.from < a.from ? b : a));
    let settled = 0;
    for (const scan of scans) {
      for (const row of scan.found) if (row._sort <= behind.from) settled += 1;
    }
    if (settled >= want) break;
    // Only the range furthest behind reads on: reading every short range at once measured
    // slower on a search over 10,000, since ranges ahead of the page's end read rows that
    // can never make it.
    await read(behind);
  }
  return scans.flatMap((scan) => scan.found).sort(bySort);
}

function bySort(a: RequestRow, b: RequestRow): number {
  return a._sort < b._sort ? -1 : a._sort > b._sort ? 1 : 0;
}

/** My requests in the group: the ones I asked for or am assigned to. */
async function mineCandidates(groupId: string, me: string | null): Promise<RequestRow[]> {
  if (me === null) return [];
  const [asked, assigned] = await Promise.all([
    db().requests.where('requesterId').equals(me).toArray(),
    db().requests.where('assigneeId').equals(me).toArray(),
  ]);
  const byId = new Map(
    [...asked, ...assigned].filter((r) => r.groupId === groupId).map((r) => [r.id, r]),
  );
  return [...byId.values()];
}

/**
 * Requests per status in a group (archived ones not counted): one indexed `count()` per
 * status, no rows loaded.
 */
export async function countByStatus(groupId: string): Promise<Record<RequestStatus, number>> {
  const counts = await Promise.all(
    REQUEST_STATUSES.map((status) =>
      db()
        .requests.where('[groupId+_state+_sort]')
        .between([groupId, status, ''], [groupId, status, TOP], true, true)
        .count(),
    ),
  );
  return Object.fromEntries(REQUEST_STATUSES.map((s, i) => [s, counts[i] ?? 0])) as Record<
    RequestStatus,
    number
  >;
}

/**
 * How many requests match `filter` (the "showing N of M" of a filtered board). A category,
 * a neighbourhood or an urgency alone is an index-only `count()` per status (no rows read);
 * "mine" counts my few candidates; a search, or category with neighbourhood, reads the
 * matching statuses' rows once (the board runs it after its first page, so it never holds
 * the rows up).
 */
export async function countBoard(
  groupId: string,
  filter: BoardFilter = {},
  me: string | null = null,
): Promise<number> {
  const statuses = filter.statuses?.length ? filter.statuses : REQUEST_STATUSES;
  const text = filter.text ? textQuery(filter.text) : null;
  if (filter.mine) return (await mineMatching(groupId, statuses, filter, me, text)).length;
  const { index, extra, rank, high, match } = boardRanges(filter, me, text);
  const counts = await Promise.all(
    statuses.map((status) => {
      const range = db()
        .requests.where(index)
        .between([groupId, status, ...extra, rank], [groupId, status, ...extra, high], true, true);
      return match === null ? range.count() : range.filter(match).count();
    }),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/** Most distinct typed neighbourhoods read per status (a typo-ridden group stays cheap). */
const MAX_HOODS = 200;

/**
 * The distinct neighbourhoods stored for one status, by a skip scan of the
 * `[groupId+_state+_hood+_sort]` index: one `first()` per neighbourhood, never the rows
 * between (each read starts past every `_sort` of the one before). Key → name as typed.
 */
async function storedHoods(groupId: string, status: RequestStatus): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let from = '';
  let first = true;
  while (found.size < MAX_HOODS) {
    const row = await db()
      .requests.where('[groupId+_state+_hood+_sort]')
      .between([groupId, status, from, first ? '' : TOP], [groupId, status, TOP, TOP], !first, true)
      .first();
    if (!row) break;
    first = false;
    from = row._hood;
    if (row._hood) found.set(row._hood, row.neighborhood.trim());
  }
  return found;
}

/**
 * The board filter's neighbourhood choices: the group's own list (its spelling) merged with
 * the neighbourhoods requests actually carry (typed ones included), one per
 * case-insensitive name, sorted. Archived requests do not count. Device only.
 */
export async function boardNeighborhoods(groupId: string): Promise<string[]> {
  const [group, ...perStatus] = await Promise.all([
    db().groups.get(groupId),
    ...REQUEST_STATUSES.map((status) => storedHoods(groupId, status)),
  ]);
  const names = new Map<string, string>();
  // The first spelling met (open requests before finished ones) names a typed neighbourhood.
  for (const hoods of perStatus) {
    for (const [key, name] of hoods) if (!names.has(key)) names.set(key, name);
  }
  for (const name of group?.neighborhoods ?? []) {
    if (name.trim()) names.set(neighborhoodKey(name), name.trim());
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * Other open requests to offer someone whose claim was lost: the same category first, then
 * any, most urgent first, never `excludeId`. Device only (works offline).
 */
export async function suggestOpenRequests(
  groupId: string,
  options: { category?: string | null; excludeId?: string | null; limit?: number } = {},
): Promise<BoardItem[]> {
  const limit = options.limit ?? 3;
  const keep = (items: BoardItem[]) => items.filter((r) => r.id !== options.excludeId);
  const same = options.category
    ? keep(
        (
          await listBoard(
            groupId,
            { statuses: ['open'], category: options.category },
            { limit: limit + 1 },
          )
        ).items,
      )
    : [];
  if (same.length >= limit) return same.slice(0, limit);
  const any = keep(
    (await listBoard(groupId, { statuses: ['open'] }, { limit: limit * 2 + 1 })).items,
  );
  const seen = new Set(same.map((r) => r.id));
  return [...same, ...any.filter((r) => !seen.has(r.id))].slice(0, limit);
}
