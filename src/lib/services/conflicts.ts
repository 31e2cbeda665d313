import {
  MEMBER_PROFILE_FIELDS,
  OFFER_EDITABLE_FIELDS,
  REQUEST_EDITABLE_FIELDS,
  TASK_EDITABLE_FIELDS,
  groupSettingsEntries,
  type AnyRecord,
  type RecordType,
} from '../domain';
import { db } from '../db/database';
import { fail, type ServiceResult } from './result';
import { updateRecord } from './update-record';

const FIELDS: Record<RecordType, readonly string[]> = {
  request: REQUEST_EDITABLE_FIELDS,
  offer: OFFER_EDITABLE_FIELDS,
  task: TASK_EDITABLE_FIELDS,
  group: Object.keys(groupSettingsEntries),
  membership: MEMBER_PROFILE_FIELDS,
  log: [],
};

/**
 * Settle one conflict from the inbox. `theirs`: keep the stored value (nothing to send).
 * `mine`: a new `update` setting my value over theirs (from = theirs), queued like any
 * edit, so it works offline. Either way the conflict entry is removed.
 */
export async function resolveConflict(
  conflictId: number,
  keep: 'mine' | 'theirs',
): Promise<ServiceResult<AnyRecord | null>> {
  const conflict = await db().conflicts.get(conflictId);
  if (!conflict) return fail('not_found');
  let result: ServiceResult<AnyRecord | null> = { ok: true, record: null };
  if (keep === 'mine') {
    result = await updateRecord(
      conflict.type,
      conflict.recordId,
      { [conflict.field]: conflict.yours },
      FIELDS[conflict.type],
    );
    if (!result.ok) return result;
  }
  await db().conflicts.delete(conflictId);
  return result;
}
