/** Structural equality for JSON values (records are plain JSON). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // JSON has no `undefined`: an absent optional field travels as null or not at all.
  if (a == null && b == null) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

export interface FieldConflict {
  field: string;
  /** The value the author wanted. */
  yours: unknown;
  /** The value someone else stored first. */
  theirs: unknown;
}

export interface MergeResult {
  /** Fields to write: the author's value, where nobody changed the field in between. */
  applied: Record<string, unknown>;
  conflicts: FieldConflict[];
}

/**
 * DESIGN.md's field-level merge of an `update`: a field applies when the stored value still
 * equals the author's `from` (nobody changed it since they looked) or already equals the
 * new value (a replay, or the same edit twice). Otherwise both values are kept as a conflict
 * for a person to choose: nothing is lost.
 */
export function mergeUpdate(
  stored: Readonly<Record<string, unknown>>,
  set: Readonly<Record<string, unknown>>,
  from: Readonly<Record<string, unknown>>,
): MergeResult {
  const applied: Record<string, unknown> = {};
  const conflicts: FieldConflict[] = [];
  for (const field of Object.keys(set)) {
    const current = Object.hasOwn(stored, field) ? stored[field] : undefined;
    const before = Object.hasOwn(from, field) ? from[field] : undefined;
    if (jsonEqual(current, before) || jsonEqual(current, set[field])) {
      applied[field] = set[field];
    } else {
      conflicts.push({ field, yours: set[field], theirs: current });
    }
  }
  return { applied, conflicts };
}
