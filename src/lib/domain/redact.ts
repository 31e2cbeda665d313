import type { Actor } from './actor';
import { can } from './permissions';
import type { AnyRecord } from './record';

/**
 * What `viewer` may hold of `record`: null when nothing (not an active member), otherwise
 * the record without the parts they may not see. The server calls this before anything
 * leaves it, so the phone never stores what it may not show.
 */
export function redact<R extends AnyRecord>(record: R, viewer: Actor): R | null {
  if (!can(viewer, 'view', record)) return null;
  if (!('private' in record) || record.private === undefined) return record;
  if (can(viewer, 'view_private', record)) return record;
  const copy = { ...record };
  delete copy.private;
  return copy;
}
