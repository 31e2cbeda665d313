import { newId, type Log, type LogKind } from '../domain';
import { db } from '../db/database';
import { mutationBase } from './mutation';
import { fail, type ServiceResult } from './result';
import { writeLocal } from './write';

/** The parts of a log entry its author chooses; the rest is filled in here. */
export interface EntryFields {
  kind: Exclude<LogKind, 'status'>;
  text: string;
  minutes: number | null;
  amount: number | null;
  /** When it happened (ISO); defaults to now. */
  at?: string | undefined;
}

/**
 * Append an entry to a request or task (found by id in either table) as the signed-in
 * member: one local write of the entry and its `append` outbox entry, judged by the
 * domain's `prepareAppend` (through `applyLocal`) as the server will judge it.
 */
export async function appendEntry(
  parentId: string,
  fields: EntryFields,
): Promise<ServiceResult<Log>> {
  const database = db();
  const first = (await database.requests.get(parentId)) ?? (await database.tasks.get(parentId));
  if (!first) return fail('not_found');
  return writeLocal<Log>(first.groupId, async ({ user }, now) => {
    const parent = (await database.requests.get(parentId)) ?? (await database.tasks.get(parentId));
    if (!parent) return fail('not_found');
    const record = {
      id: newId(),
      type: 'log' as const,
      groupId: parent.groupId,
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
      archived: false,
      parentId,
      kind: fields.kind,
      text: fields.text,
      minutes: fields.minutes,
      amount: fields.amount,
      at: fields.at ?? now,
    };
    return {
      stored: parent,
      mutation: { ...mutationBase(record, now), op: 'append', record },
    };
  });
}
