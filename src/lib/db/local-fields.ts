import { URGENCY_RANK, type AnyRecord, type Request, type Task } from '../domain';
import type { AnyRow, RequestLocal, RequestRow, TaskLocal, TaskRow } from './rows';
import { searchText } from './words';

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

/** What a board search looks in: title, details, neighbourhood, category, on behalf of. */
export function requestText(
  r: Pick<Request, 'title' | 'details' | 'neighborhood' | 'category' | 'onBehalfOf'>,
): string {
  return searchText([r.title, r.details, r.neighborhood, r.category, r.onBehalfOf]);
}

export function requestLocal(r: Request): RequestLocal {
  return {
    _rank: URGENCY_RANK[r.urgency],
    _text: requestText(r),
    _state: r.archived ? 'archived' : r.status,
    _sort: requestSortKey(r),
    _hood: neighborhoodKey(r.neighborhood),
  };
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
