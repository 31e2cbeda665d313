import { RECORD_TYPES } from '../domain';
import type { PullResponse } from './pull';

const RECORD_TYPE_SET: ReadonlySet<unknown> = new Set(RECORD_TYPES);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((id) => typeof id === 'string');
}

/**
 * Whether a body is a pull page. A hand-written check, not valibot over every record: a page
 * holds a thousand records, and checking each one's every field cost more main-thread time
 * than writing it. What the device relies on is checked — the envelope, and each record's
 * `id`, `groupId` and `type` (which pick where and whether it is stored); the fields inside
 * are the server's, validated by the same domain rules before it stored them.
 */
export function isPullPage(body: unknown): body is PullResponse {
  if (!isObject(body)) return false;
  const { records, purge, restart, cursor, more, remaining } = body;
  if (typeof cursor !== 'string' || typeof more !== 'boolean') return false;
  if (remaining !== undefined && typeof remaining !== 'number') return false;
  if (!isIdList(purge)) return false;
  if (restart !== undefined && !isIdList(restart)) return false;
  if (!Array.isArray(records)) return false;
  for (const record of records as unknown[]) {
    if (
      !isObject(record) ||
      typeof record.id !== 'string' ||
      typeof record.groupId !== 'string' ||
      !RECORD_TYPE_SET.has(record.type)
    ) {
      return false;
    }
  }
  return true;
}
