import type { Actor } from './actor';
import { mergeUpdate, type FieldConflict } from './merge';
import { editableFields } from './permissions';
import { parseRecord, type AnyRecord } from './record';
import type { FieldError } from './validation';

export type UpdateOutcome<R> =
  | {
      ok: true;
      record: R;
      /** False when every field already had its new value: a replay changes nothing. */
      changed: boolean;
      conflicts: FieldConflict[];
    }
  | { ok: false; code: 'forbidden' | 'invalid'; errors?: FieldError[] };

/**
 * Apply an `update` (`set` + the `from` values the author saw) to the stored record:
 * permission per field, DESIGN.md's field merge, then the record schema on the result.
 */
export function applyUpdate<R extends AnyRecord>(
  actor: Actor,
  stored: R,
  set: Readonly<Record<string, unknown>>,
  from: Readonly<Record<string, unknown>>,
  now: string,
): UpdateOutcome<R> {
  const allowed = editableFields(actor, stored);
  const fields = Object.keys(set);
  if (fields.length === 0)
    return { ok: false, code: 'invalid', errors: [{ path: 'set', code: 'required' }] };
  for (const field of fields) {
    if (!allowed.includes(field))
      return { ok: false, code: 'forbidden', errors: [{ path: field, code: 'forbidden' }] };
    if (!(field in from))
      return { ok: false, code: 'invalid', errors: [{ path: `from.${field}`, code: 'required' }] };
  }
  const current = stored as unknown as Record<string, unknown>;
  const { applied, conflicts } = mergeUpdate(current, set, from);
  const changed = Object.keys(applied).some(
    (f) => JSON.stringify(current[f]) !== JSON.stringify(applied[f]),
  );
  if (!changed) return { ok: true, record: stored, changed: false, conflicts };
  const candidate: Record<string, unknown> = { ...current, ...applied, updatedAt: now };
  for (const [field, value] of Object.entries(applied)) {
    // `undefined` (e.g. clearing an optional private part) means "absent", as in JSON.
    if (value === undefined || (value === null && field === 'private')) delete candidate[field];
  }
  const parsed = parseRecord(stored.type, candidate);
  if (!parsed.ok) return { ok: false, code: 'invalid', errors: parsed.errors };
  return { ok: true, record: parsed.value as R, changed: true, conflicts };
}
