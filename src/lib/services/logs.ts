import { newId, type Log, type LogKind } from '../domain';
import { db } from '../db/database';
import { mutationBase } from './mutation';
import { fail, type ServiceResult } from './result';
import { writeLocal } from './write';

/** What "log errand" adds: a person never writes a `status` entry (transitions do). */
export interface LogDraft {
  kind: Exclude<LogKind, 'status'>;
  text?: string;
  /** For `time`: whole minutes > 0. */
  minutes?: number | null;
  /** For `expense`: amount > 0 with at most two decimals. */
  amount?: number | null;
  /** When it happened (ISO); defaults to now. */
  at?: string;
}

/**
 * Append a note, time, expense or delivered entry to a request or task (found by id in
 * either table), validated by the domain's `prepareAppend`: requester, assignee or
 * coordinator only. Offline: stored at once with its outbox entry; one tap, no network.
 */
export async function appendLog(parentId: string, draft: LogDraft): Promise<ServiceResult<Log>> {
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
      kind: draft.kind,
      text: draft.text ?? '',
      minutes: draft.minutes ?? null,
      amount: draft.amount ?? null,
      at: draft.at ?? now,
    };
    return {
      stored: parent,
      mutation: { ...mutationBase(record, now), op: 'append', record },
    };
  });
}
