import type { AnyRecord, Request, Task } from '../domain';
import { URGENCY_RANK } from '../domain/request-choices';
import type { AnyRow, RequestLocal, RequestRow, TaskLocal, TaskRow } from './rows';
import { isPlainText, searchText } from './words';

/** Stands for "no date" in sort keys: after every real day. */
export const NO_DAY = '9999-12-31';

/** The board's sort key: urgency rank, needed-by (undated last), creation time, id. */
export function requestSortKey(
  r: Pick<Request, 'urgency' | 'neededBy' | 'createdAt' | 'id'>,
): string {
  return `${URGENCY_RANK[r.urgency]} ${r.neededBy ?? NO_DAY} ${r.createdAt} ${r.id}`;
}

/** How neighbourhoods compare: "North " and "north" are the same place. */
export function neighborhoodKey(name: string): string {
  return name.trim().toLocaleLowerCase();
}

type SearchFields = Pick<Request, 'title' | 'details' | 'neighborhood' | 'category' | 'onBehalfOf'>;

/** What a board search looks in: title, details, neighbourhood, category, on behalf of. */
export function requestSearchParts(r: SearchFields): (string | null | undefined)[] {
  return [r.title, r.details, r.neighborhood, r.category, r.onBehalfOf];
}

/**
 * The folded search text of a request whose text needs folding (accents, non-ASCII), or
 * undefined for plain ASCII text: a search matches that as it is, so most rows store no
 * second copy of their details.
 */
export function requestText(r: SearchFields): string | undefined {
  const parts = requestSearchParts(r);
  return parts.every((p) => !p || isPlainText(p)) ? undefined : searchText(parts);
}

export function requestLocal(r: Request): RequestLocal {
  const local: RequestLocal = {
    _rank: URGENCY_RANK[r.urgency],
    _state: r.archived ? 'archived' : r.status,
    _sort: requestSortKey(r),
    _hood: neighborhoodKey(r.neighborhood),
  };
  const text = requestText(r);
  if (text !== undefined) local._text = text;
  return local;
}

export function taskLocal(t: Task): TaskLocal {
  return { _day: t.due ?? NO_DAY };
}

/**
 * The row to store for a record: the record (without any stale `_` fields) plus freshly
 * computed local fields. Call it on every write, local or pulled.
 */
export function toRow<R extends AnyRecord>(record: R): AnyRow & R {
  // `toWire` returns a fresh object: the local fields go straight onto it (one copy, not two).
  const row = toWire(record as AnyRecord & Record<string, unknown>) as AnyRecord;
  switch (row.type) {
    case 'request':
      return Object.assign(row, requestLocal(row)) as RequestRow as AnyRow & R;
    case 'task':
      return Object.assign(row, taskLocal(row)) as TaskRow as AnyRow & R;
    default:
      return row as AnyRow & R;
  }
}

/** The record as the server knows it: every local `_` field stripped. Send only this. */
export function toWire<R extends object>(row: R): Omit<R, `_${string}`> {
  const source = row as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value !== undefined && key.charCodeAt(0) !== 95 /* _ */) out[key] = value;
  }
  return out as Omit<R, `_${string}`>;
}
