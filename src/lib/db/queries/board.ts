import {
  REQUEST_STATUSES,
  URGENCY_RANK,
  type Request,
  type RequestStatus,
  type Urgency,
} from '../../domain';
import { db } from '../database';
import { neighborhoodKey, toWire } from '../local-fields';
import { pendingRecordIds } from '../outbox';
import type { RequestRow } from '../rows';
import { matchesAllTokens, tokenize } from '../words';

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
  tokens: readonly string[],
  covered: { category?: boolean; urgency?: boolean; neighborhood?: boolean } = {},
): ((row: RequestRow) => boolean) | null {
  const checks: ((row: RequestRow) => boolean)[] = [];
  // Words first: on a search they reject the most rows, and `includes` is cheap.
  if (tokens.length) checks.push((r) => matchesAllTokens(r._text, tokens));
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

export async function listBoard(
  groupId: string,
  filter: BoardFilter = {},
  page: BoardPageInput = {},
  me: string | null = null,
): Promise<BoardPage> {
  const limit = Math.max(1, page.limit ?? 50);
  const offset = Math.max(0, page.offset ?? 0);
  const after = page.after ?? null;
  const statuses = filter.statuses?.length ? filter.statuses : REQUEST_STATUSES;
  const tokens = filter.text ? tokenize(filter.text) : [];
  const take = offset + limit + 1;

  let sorted: RequestRow[];
  if (filter.mine) {
    // Few candidates (my own requests): filter and sort them in memory.
    const match = rowMatcher(filter, me, tokens);
    const wanted = new Set<string>(statuses);
    sorted = (await mineCandidates(groupId, me))
      .filter(
        (r) =>
          r.groupId === groupId &&
          wanted.has(r._state) &&
          (after === null || r._sort > after) &&
          (match === null || match(r)),
      )
      .sort(bySort);
  } else {
    // Index order per status (and category); urgency narrows the range, since `_sort`
    // starts with its rank. Each range stops after one page.
    const rank = filter.urgency ? `${URGENCY_RANK[filter.urgency]} ` : '';
    const low = after !== null && after >= rank ? after : rank;
    const high = rank ? `${rank}${TOP}` : TOP;
    // The most selective index the filter allows: category, else neighbourhood, else status.
    const hood = filter.neighborhood ? neighborhoodKey(filter.neighborhood) : null;
    const [index, extra] = filter.category
      ? ['[groupId+_state+category+_sort]', [filter.category]]
      : hood !== null
        ? ['[groupId+_state+_hood+_sort]', [hood]]
        : ['[groupId+_state+_sort]', []];
    // A search reads the same ranges and keeps the rows whose `_text` has every word: a
    // common word fills a page within a few chunks; a rare one reads the statuses' rows once.
    const indexMatch = rowMatcher(filter, me, tokens, {
      category: Boolean(filter.category),
      urgency: true,
      neighborhood: !filter.category,
    });
    const perStatus = await Promise.all(
      statuses.map((status) =>
        scanRange(
          index,
          [groupId, status, ...extra],
          low,
          high,
          after === null || low !== after,
          indexMatch,
          take,
        ),
      ),
    );
    sorted = perStatus.flat().sort(bySort);
  }
  const window = sorted.slice(offset, offset + limit + 1);
  const items = window.slice(0, limit);
  const pending = await pendingRecordIds();
  return {
    items: items.map((row) => ({ ...(toWire(row) as Request), pending: pending.has(row.id) })),
    next: window.length > limit ? (items[items.length - 1]?._sort ?? null) : null,
  };
}

/** Rows read per step of a filtered scan: one `getAll` each, instead of a cursor per row. */
const SCAN_CHUNK = 400;

/**
 * Up to `want` rows of one index range in `_sort` order that pass `match`. Reads the range
 * in chunks (keyset on `_sort`, which is unique), so an unselective filter costs a few bulk
 * reads, and a page stops reading as soon as it is full.
 */
async function scanRange(
  index: string,
  prefix: string[],
  low: string,
  high: string,
  includeLow: boolean,
  match: ((row: RequestRow) => boolean) | null,
  want: number,
): Promise<RequestRow[]> {
  const found: RequestRow[] = [];
  let from = low;
  let inclusive = includeLow;
  // Start with one page's worth; grow while a filter keeps rejecting rows.
  let chunk = want;
  for (;;) {
    const rows = await db()
      .requests.where(index)
      .between([...prefix, from], [...prefix, high], inclusive, true)
      .limit(chunk)
      .toArray();
    for (const row of rows) {
      if (match === null || match(row)) found.push(row);
      if (found.length >= want) return found;
    }
    const last = rows[rows.length - 1];
    if (rows.length < chunk || !last || match === null) return found;
    from = last._sort;
    inclusive = false;
    chunk = Math.min(SCAN_CHUNK, chunk * 2);
  }
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

/** The group's neighbourhoods (from its settings), sorted: the board filter's choices. */
export async function boardNeighborhoods(groupId: string): Promise<string[]> {
  const group = await db().groups.get(groupId);
  return [...(group?.neighborhoods ?? [])].sort((a, b) => a.localeCompare(b));
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
