import type { NoticeEntry } from '$lib/db/rows';
import type { Mutation } from '$lib/protocol';

/**
 * A notice as the sync engine files it: the data layer's entry plus `subject`, the words
 * of the refused change (a title, a log note), so a create the server refused — removed
 * from the device — is still shown to its author with what they typed.
 */
export interface SyncNotice extends NoticeEntry {
  subject?: string;
  /**
   * Everything the refused change carried (a create's whole record, an update's fields), so
   * what was typed stays recoverable after the device drops the change and its record.
   */
  values?: Record<string, unknown>;
}

/** The words a mutation carried, where it carried any (created titles, log notes, edits). */
export function mutationSubject(mutation: Mutation): string | undefined {
  const values: Record<string, unknown> =
    mutation.op === 'create' || mutation.op === 'append'
      ? mutation.record
      : mutation.op === 'update'
        ? mutation.set
        : {};
  for (const key of ['title', 'text', 'displayName', 'name', 'details']) {
    const value = values[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

/** The values a mutation carried: a created or appended record, an update's fields. */
export function mutationValues(mutation: Mutation): Record<string, unknown> | undefined {
  if (mutation.op === 'create' || mutation.op === 'append') return { ...mutation.record };
  if (mutation.op === 'update') return { ...mutation.set };
  return undefined;
}

/** The record a notice is about: a refused log entry is shown on its parent. */
export function noticeRecordId(mutation: Mutation): string {
  if (mutation.op === 'append' && typeof mutation.record.parentId === 'string') {
    return mutation.record.parentId;
  }
  return mutation.id;
}
