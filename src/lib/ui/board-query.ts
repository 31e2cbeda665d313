import { REQUEST_STATUSES, URGENCIES, type RequestStatus, type Urgency } from '$lib/domain';

/** What the needs board's filters hold; kept in the URL so Back and a shared link keep it. */
export interface BoardQuery {
  status: 'active' | 'all' | RequestStatus;
  category: string;
  urgency: '' | Urgency;
  neighborhood: string;
  mine: boolean;
  /** The search box as typed. */
  q: string;
  /** Rows shown ("Show more" grows it by a page). */
  shown: number;
}

export function defaultBoardQuery(page: number): BoardQuery {
  return {
    status: 'active',
    category: '',
    urgency: '',
    neighborhood: '',
    mine: false,
    q: '',
    shown: page,
  };
}

/** Past this many rows a link opens at the first pages again (a DOM of thousands freezes). */
const MAX_SHOWN_PAGES = 20;

/**
 * Reads the board's filters from a URL query. Unknown or malformed values fall back to the
 * default, so an old or hand-edited link still opens the board.
 */
export function boardQueryFromParams(params: URLSearchParams, page: number): BoardQuery {
  const query = defaultBoardQuery(page);
  const status = params.get('status');
  if (status === 'all' || (REQUEST_STATUSES as readonly string[]).includes(status ?? '')) {
    query.status = status as BoardQuery['status'];
  }
  query.category = params.get('category') ?? '';
  const urgency = params.get('urgency') ?? '';
  if ((URGENCIES as readonly string[]).includes(urgency)) query.urgency = urgency as Urgency;
  query.neighborhood = params.get('hood') ?? '';
  query.mine = params.get('mine') === '1';
  query.q = params.get('q') ?? '';
  const shown = Number(params.get('shown'));
  if (Number.isInteger(shown) && shown > page) {
    query.shown = Math.min(shown - (shown % page), page * MAX_SHOWN_PAGES);
  }
  return query;
}

/** The URL query for `query`: only what differs from the default, in a stable order. */
export function boardQueryToParams(query: BoardQuery, page: number): URLSearchParams {
  const params = new URLSearchParams();
  if (query.status !== 'active') params.set('status', query.status);
  if (query.category) params.set('category', query.category);
  if (query.urgency) params.set('urgency', query.urgency);
  if (query.neighborhood) params.set('hood', query.neighborhood);
  if (query.mine) params.set('mine', '1');
  if (query.q.trim()) params.set('q', query.q.trim());
  if (query.shown > page) params.set('shown', String(query.shown));
  return params;
}

/** How many filters narrow the board (status counts when it is not the default). */
export function activeFilterCount(query: BoardQuery): number {
  return [
    query.status !== 'active',
    !!query.category,
    !!query.urgency,
    !!query.neighborhood,
    query.mine,
  ].filter(Boolean).length;
}
