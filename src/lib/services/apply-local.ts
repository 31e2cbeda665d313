import {
  applyTransitionAsk,
  applyUpdate,
  archiveRecord,
  envelopeErrors,
  misfitErrors,
  opMisfit,
  prepareAppend,
  prepareCreate,
  transitionLog,
  type Actor,
  type AnyRecord,
  type FieldConflict,
  type FieldError,
  type Group,
  type Log,
  type LogParent,
  type MemberCheck,
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
 * Until the caller says who the group's active members are, a named assignee is taken on
 * trust here and judged by the server, which always knows (see docs/decisions.md).
 */
const UNKNOWN_MEMBERS: MemberCheck = () => true;

function refusal(code: ServiceErrorCode, errors?: FieldError[], holderId?: string): LocalOutcome {
  return {
    ok: false,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(holderId ? { holderId } : {}),
  };
}

/**
 * Replay one mutation on a record with the domain's own functions — the same ones, in the
 * same order, as the server's decision (sync-server/sync/decide-mutation.ts), so a mutation
 * is refused with the same code on the phone as there. The optimistic write uses it, and the
 * sync engine uses it to rebase a pending edit onto a pulled version.
 *
 * - `row`: the stored record (a row with `_` fields is fine). For `create`: undefined (or
 *   the existing record; then the create is a replay and changes nothing). For `append`: the
 *   PARENT request or task, since a log entry is judged by its parent.
 * - `group`: the record's group (its settings decide approval, claiming and who may offer
 *   to help); may be undefined only for updates and archives.
 * - `isMember`: whether a user is an active member of the group, by this device's membership
 *   records (`localMemberCheck`), for an assignment or a task created for someone.
 * - Uses `mutation.at` as the time, so a replay gives the same result as the first write.
 */
export function applyLocal(
  row: AnyRecord | undefined,
  mutation: Mutation,
  actor: Actor,
  group: Group | undefined,
  isMember: MemberCheck = UNKNOWN_MEMBERS,
): LocalOutcome {
  const misfit = opMisfit(mutation.op, mutation.type);
  if (misfit) return refusal('invalid', misfitErrors(misfit));
  const stored = row ? (toWire(row) as AnyRecord) : undefined;
  const now = mutation.at;
  switch (mutation.op) {
    case 'create': {
      const mismatch = envelopeErrors(mutation, mutation.record);
      if (mismatch.length > 0) return refusal('invalid', mismatch);
      if (stored) return { ok: true, record: stored, changed: false };
      const target = group ?? { id: mutation.groupId, requestsNeedApproval: false };
      const out = prepareCreate(actor, mutation.type, mutation.record, target, now, isMember);
      return out.ok
        ? { ok: true, record: out.record, changed: true }
        : refusal(out.code, out.errors);
    }
    case 'append': {
      const mismatch = envelopeErrors(mutation, mutation.record);
      if (mismatch.length > 0) return refusal('invalid', mismatch);
      const parent =
        stored && (stored.type === 'request' || stored.type === 'task')
          ? (stored as LogParent)
          : null;
      const out = prepareAppend(actor, mutation.record, parent, group, now);
      return out.ok
        ? { ok: true, record: out.record, changed: true }
        : refusal(out.code, out.errors);
    }
    case 'update': {
      if (!stored) return refusal('not_found');
      const out = applyUpdate(actor, stored, mutation.set, mutation.from, now);
      if (!out.ok) return refusal(out.code, out.errors);
      const record = out.changed ? out.record : stored;
      return { ok: true, record, changed: out.changed, conflicts: out.conflicts };
    }
    case 'transition': {
      if (!stored || !group) return refusal('not_found');
      const out = applyTransitionAsk(actor, stored, group, mutation, now, isMember);
      if (!out.ok) return refusal(out.code, out.errors, out.holderId);
      const log = transitionLog(out, mutation, actor.userId, now);
      return log
        ? { ok: true, record: out.record, changed: true, log }
        : { ok: true, record: out.record, changed: false };
    }
    case 'archive': {
      if (!stored) return refusal('not_found');
      const out = archiveRecord(actor, stored, now);
      return out.ok ? { ok: true, record: out.record, changed: out.changed } : refusal(out.code);
    }
  }
}
