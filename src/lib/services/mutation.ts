import { newId, type AnyRecord } from '../domain';
import type { Mutation } from '../protocol';
import { toWire } from '../db/local-fields';

/** The fields every mutation has; `mid` is a fresh id (push idempotency key). */
export function mutationBase(record: Pick<AnyRecord, 'type' | 'id' | 'groupId'>, at: string) {
  return { mid: newId(), type: record.type, id: record.id, groupId: record.groupId, at };
}

/** A record as it goes on the wire inside a create/append mutation. */
export function wireRecord(record: AnyRecord): Record<string, unknown> {
  return toWire(record) as Record<string, unknown>;
}

export type { Mutation };
