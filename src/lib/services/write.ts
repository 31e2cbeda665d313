import { jsonEqual, type AnyRecord, type RecordType } from '../domain';
import { db } from '../db/database';
import { toWire } from '../db/local-fields';
import { commitLocal } from '../db/outbox';
import { RECORD_TABLES, tableOf } from '../db/tables';
import type { Mutation } from '../protocol';
import { actorIn, type ActorContext } from './actor';
import { applyLocal } from './apply-local';
import { nowIso } from './clock';
import { localMemberCheck } from './member-check';
import { fail, type ServiceError, type ServiceResult } from './result';

/** Every table a local write may read or write, so one transaction covers it all. */
const WRITE_SCOPE = [...RECORD_TABLES, 'outbox', 'meta'];

export interface WritePlan {
  /** The record the mutation acts on (for `append`: the parent), read in the transaction. */
  stored: AnyRecord | undefined;
  mutation: Mutation;
}

/** The plan when there is nothing to write (e.g. an edit that changed no field). */
export interface NoWrite {
  unchanged: AnyRecord;
}

/**
 * The one write path: inside ONE read-write transaction, read the stored record, build the
 * mutation, apply it with the domain (`applyLocal`), store the result (and a transition's
 * status log) and add the outbox entry. A mutation that changes nothing is not queued.
 * Offline or online alike: nothing here touches the network.
 */
export async function writeLocal<R extends AnyRecord>(
  groupId: string,
  plan: (ctx: ActorContext, now: string) => Promise<WritePlan | NoWrite | ServiceError>,
): Promise<ServiceResult<R>> {
  const now = nowIso();
  try {
    return await writeInTransaction<R>(groupId, plan, now);
  } catch (error) {
    // Storage failed (quota, a closed database): the transaction rolled back, nothing is
    // half-written. Say so as a value, like every other refusal.
    return fail('internal', { message: error instanceof Error ? error.message : String(error) });
  }
}

async function writeInTransaction<R extends AnyRecord>(
  groupId: string,
  plan: (ctx: ActorContext, now: string) => Promise<WritePlan | NoWrite | ServiceError>,
  now: string,
): Promise<ServiceResult<R>> {
  return db().transaction('rw', WRITE_SCOPE, async () => {
    const ctx = await actorIn(groupId);
    if (!ctx) return fail('unauthenticated');
    const planned = await plan(ctx, now);
    if ('ok' in planned) return planned;
    if ('unchanged' in planned) return { ok: true, record: toWire(planned.unchanged) as R };
    // Read here, in the transaction (WRITE_SCOPE covers memberships): applyLocal is synchronous.
    const isMember = await localMemberCheck(planned.mutation);
    const out = applyLocal(planned.stored, planned.mutation, ctx.actor, ctx.group, isMember);
    if (!out.ok) {
      return fail(out.code, {
        ...(out.errors ? { errors: out.errors } : {}),
        ...(out.holderId ? { holderId: out.holderId } : {}),
      });
    }
    if (!out.changed) return { ok: true, record: out.record as R };
    await commitLocal(out.log ? [out.record, out.log] : [out.record], planned.mutation, now);
    return { ok: true, record: out.record as R };
  });
}

/** Read a stored record (inside the current transaction when there is one). */
export async function readRecord<T extends RecordType>(type: T, id: string) {
  return tableOf(db(), type).get(id);
}

/**
 * What an `update` must carry: only the fields whose value differs from the stored one, and
 * for each the stored value (`from`, `null` where absent) as the base of the server's merge.
 */
export function diffFields(
  stored: AnyRecord,
  values: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): { set: Record<string, unknown>; from: Record<string, unknown> } {
  const current = stored as unknown as Record<string, unknown>;
  const set: Record<string, unknown> = {};
  const from: Record<string, unknown> = {};
  for (const field of fields) {
    if (!(field in values)) continue;
    const next = values[field] === undefined ? null : values[field];
    const before = current[field] === undefined ? null : current[field];
    if (jsonEqual(before, next)) continue;
    set[field] = next;
    from[field] = before;
  }
  return { set, from };
}
