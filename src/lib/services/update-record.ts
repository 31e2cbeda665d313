import type { RecordOf, RecordType } from '../domain';
import { mutationBase } from './mutation';
import { fail, type ServiceResult } from './result';
import { diffFields, readRecord, writeLocal } from './write';

/**
 * Shared `update` path: only changed fields among `fields`, each with its stored value as
 * `from`; the domain's `applyUpdate` checks permissions and the schema. No change: no write.
 */
export async function updateRecord<T extends RecordType>(
  type: T,
  id: string,
  values: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Promise<ServiceResult<RecordOf<T>>> {
  const existing = await readRecord(type, id);
  if (!existing) return fail('not_found');
  return writeLocal<RecordOf<T>>(existing.groupId, async (_ctx, now) => {
    const stored = await readRecord(type, id);
    if (!stored) return fail('not_found');
    const { set, from } = diffFields(stored, values, fields);
    if (Object.keys(set).length === 0) return { unchanged: stored };
    return { stored, mutation: { ...mutationBase(stored, now), op: 'update', set, from } };
  });
}
