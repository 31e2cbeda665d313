import type { AnyRecord, RecordType } from '../domain';
import { mutationBase } from './mutation';
import { fail, type ServiceResult } from './result';
import { readRecord, writeLocal } from './write';

/**
 * Archive a request, offer, task or group (hidden from lists; kept for history), as
 * `can(actor, 'archive', record)` allows. Offline: hidden at once, pushed later.
 */
export async function archiveRecord(
  type: Exclude<RecordType, 'log' | 'membership'>,
  id: string,
): Promise<ServiceResult<AnyRecord>> {
  const existing = await readRecord(type, id);
  if (!existing) return fail('not_found');
  return writeLocal(existing.groupId, async (_ctx, now) => {
    const stored = await readRecord(type, id);
    if (!stored) return fail('not_found');
    return { stored, mutation: { ...mutationBase(stored, now), op: 'archive' } };
  });
}
