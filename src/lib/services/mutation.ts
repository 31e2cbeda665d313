import { newId, type AnyRecord } from '../domain';

/** The fields every mutation has; `mid` is a fresh id (the server's idempotency key). */
export function mutationBase(record: Pick<AnyRecord, 'type' | 'id' | 'groupId'>, at: string) {
  return { mid: newId(), type: record.type, id: record.id, groupId: record.groupId, at };
}
