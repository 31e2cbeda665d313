import {
  applyRequestTransition,
  applyTaskTransition,
  applyUpdate,
  can,
  prepareAppend,
  prepareCreate,
  statusLog,
  type Actor,
  type AnyRecord,
  type FieldConflict,
  type FieldError,
  type Group,
  type Log,
  type LogParent,
} from '../domain';
import { toWire } from '../db/local-fields';
import type { Mutation } from '../protocol';
import type { ServiceErrorCode } from './result';

export type LocalOutcome =
  | {
      ok: true;
      /** The record after the mutation (for `append`: the new log entry). */
      record: AnyRecord;
      /** False when the mutation changes nothing (already applied). */
      changed: boolean;
      /** The `status` log entry a transition writes (id = the mutation's `logId`). */
      log?: Log;
      /** Update fields that could not apply because the stored value moved on. */
      conflicts?: FieldConflict[];
    }
  | { ok: false; code: ServiceErrorCode; errors?: FieldError[]; holderId?: string };

/**
 * Replay one mutation on a record with the domain's own functions: the optimistic write
 * uses it, and the sync engine uses it to rebase a pending edit onto a pulled version.
 *
 * - `row`: the stored record (a row with `_` fields is fine). For `create`: undefined (or
 *   the existing record; then the create is a replay and changes nothing). For `append`: the
 *   PARENT request or task, since a log entry is judged by its parent.
 * - `group`: the record's group (its settings decide approval and claiming); may be
 *   undefined only for updates and archives.
 * - Uses `mutation.at` as the time, so a replay gives the same result as the first write.
 */
export function applyLocal(
  row: AnyRecord | undefined,
  mutation: Mutation,
  actor: Actor,
  group: Group | undefined,
): LocalOutcome {
  const stored = row ? (toWire(row) as AnyRecord) : undefined;
  const now = mutation.at;
  switch (mutation.op) {
    case 'create': {
      if (stored) return { ok: true, record: stored, changed: false };
      const target = group ?? { id: mutation.groupId, requestsNeedApproval: false };
      const out = prepareCreate(actor, mutation.type, mutation.record, target, now);
      return out.ok ? { ok: true, record: out.record, changed: true } : out;
    }
    case 'append': {
      if (!stored || (stored.type !== 'request' && stored.type !== 'task')) {
        return { ok: false, code: 'not_found' };
      }
      const out = prepareAppend(actor, mutation.record, stored, now);
      return out.ok ? { ok: true, record: out.record, changed: true } : out;
    }
    case 'update': {
      if (!stored) return { ok: false, code: 'not_found' };
      const out = applyUpdate(actor, stored, mutation.set, mutation.from, now);
      if (!out.ok) return out;
      const record = out.changed ? out.record : stored;
      return { ok: true, record, changed: out.changed, conflicts: out.conflicts };
    }
    case 'transition': {
      if (!stored) return { ok: false, code: 'not_found' };
      if (!group) return { ok: false, code: 'not_found' };
      const input = {
        to: mutation.to,
        ...(mutation.assigneeId !== undefined ? { assigneeId: mutation.assigneeId } : {}),
        ...(mutation.closeReason !== undefined ? { closeReason: mutation.closeReason } : {}),
        ...(mutation.closeNote !== undefined ? { closeNote: mutation.closeNote } : {}),
      };
      const out =
        stored.type === 'request'
          ? applyRequestTransition(actor, stored, group, input, now)
          : stored.type === 'task'
            ? applyTaskTransition(actor, stored, group, input, now)
            : null;
      if (!out) return { ok: false, code: 'illegal_transition' };
      if (!out.ok) {
        return out.holderId
          ? { ok: false, code: out.code, holderId: out.holderId }
          : { ok: false, code: out.code };
      }
      if (!out.changed || !out.action) return { ok: true, record: out.record, changed: false };
      const log = statusLog({
        id: mutation.logId,
        parent: out.record as LogParent,
        actorId: actor.userId,
        from: out.from,
        to: out.record.status,
        action: out.action,
        ...(mutation.closeNote ? { note: mutation.closeNote } : {}),
        now,
      });
      return { ok: true, record: out.record, changed: true, log };
    }
    case 'archive': {
      if (!stored) return { ok: false, code: 'not_found' };
      if (stored.archived) return { ok: true, record: stored, changed: false };
      if (!can(actor, 'archive', stored)) return { ok: false, code: 'forbidden' };
      return { ok: true, record: { ...stored, archived: true, updatedAt: now }, changed: true };
    }
  }
}
