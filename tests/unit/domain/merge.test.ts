import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEqual, mergeUpdate } from '../../../src/lib/domain';

/** Field names as the protocol allows them (no `__proto__`), few enough to collide often. */
const fieldName = fc.stringMatching(/^[a-e][a-c0-9]{0,1}$/);
const value = fc.jsonValue({ maxDepth: 2 });
const fields = fc.dictionary(fieldName, value, { maxKeys: 6 });

/**
 * An update as an author makes it: each changed field's `from` is what they saw — usually
 * the stored value, sometimes a value someone has since overwritten, sometimes the new value
 * (a replay), rarely absent.
 */
const update = fc
  .tuple(fields, fields, fields, fc.array(fc.constantFrom('stored', 'set', 'other', 'absent')))
  .map(([stored, set, other, picks]) => {
    const from: Record<string, unknown> = {};
    Object.keys(set).forEach((field, i) => {
      const pick = picks[i % Math.max(picks.length, 1)] ?? 'stored';
      if (pick === 'stored') from[field] = stored[field];
      else if (pick === 'set') from[field] = set[field];
      else if (pick === 'other') from[field] = other[field] ?? null;
    });
    return { stored, set, from };
  });

function own(record: Record<string, unknown>, field: string): unknown {
  return Object.hasOwn(record, field) ? record[field] : undefined;
}

describe('mergeUpdate', () => {
  it('applies a field nobody else changed', () => {
    expect(mergeUpdate({ title: 'Milk' }, { title: 'Milk and eggs' }, { title: 'Milk' })).toEqual({
      applied: { title: 'Milk and eggs' },
      conflicts: [],
    });
  });

  it('keeps both values of a field someone else changed first', () => {
    expect(mergeUpdate({ title: 'Bread' }, { title: 'Milk and eggs' }, { title: 'Milk' })).toEqual({
      applied: {},
      conflicts: [{ field: 'title', yours: 'Milk and eggs', theirs: 'Bread' }],
    });
  });

  it('applies a field that already has the new value, as a replay', () => {
    expect(mergeUpdate({ title: 'Eggs' }, { title: 'Eggs' }, { title: 'Milk' })).toEqual({
      applied: { title: 'Eggs' },
      conflicts: [],
    });
  });

  it('merges field by field: one applied, one in conflict', () => {
    const stored = { title: 'Milk', details: 'Changed by a coordinator' };
    const result = mergeUpdate(
      stored,
      { title: 'Milk and eggs', details: 'Ring twice' },
      { title: 'Milk', details: '' },
    );
    expect(result).toEqual({
      applied: { title: 'Milk and eggs' },
      conflicts: [{ field: 'details', yours: 'Ring twice', theirs: 'Changed by a coordinator' }],
    });
  });

  it('compares nested values by content, not by identity or key order', () => {
    const stored = { private: { address: '1 Main St', phone: '555' } };
    const result = mergeUpdate(
      stored,
      { private: { address: '2 Main St', phone: '555' } },
      { private: { phone: '555', address: '1 Main St' } },
    );
    expect(result.conflicts).toEqual([]);
    expect(result.applied).toEqual({ private: { address: '2 Main St', phone: '555' } });
  });

  it('treats a field the stored record lacks as absent, even when Object has a property of that name', () => {
    const result = mergeUpdate({}, { constructor: 'b' }, { constructor: 'a' });
    expect(result).toEqual({
      applied: {},
      conflicts: [{ field: 'constructor', yours: 'b', theirs: undefined }],
    });
  });

  it('never loses a value: every field is applied with the new value or kept as a conflict with both', () => {
    fc.assert(
      fc.property(update, ({ stored, set, from }) => {
        const { applied, conflicts } = mergeUpdate(stored, set, from);
        for (const field of Object.keys(set)) {
          const inConflict = conflicts.filter((c) => c.field === field);
          if (Object.hasOwn(applied, field)) {
            expect(applied[field]).toBe(set[field]);
            expect(inConflict).toEqual([]);
            expect(
              jsonEqual(own(stored, field), from[field]) ||
                jsonEqual(own(stored, field), set[field]),
            ).toBe(true);
          } else {
            expect(inConflict).toHaveLength(1);
            expect(inConflict[0]!.yours).toBe(set[field]);
            expect(inConflict[0]!.theirs).toBe(own(stored, field));
          }
        }
        expect(Object.keys(applied).every((f) => Object.hasOwn(set, f))).toBe(true);
        expect(conflicts.every((c) => Object.hasOwn(set, c.field))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('merging the same update twice equals merging it once', () => {
    fc.assert(
      fc.property(update, ({ stored, set, from }) => {
        const once = mergeUpdate(stored, set, from);
        const afterOnce = { ...stored, ...once.applied };
        const twice = mergeUpdate(afterOnce, set, from);
        expect(twice).toEqual(once);
        expect({ ...afterOnce, ...twice.applied }).toEqual(afterOnce);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves its inputs as they were', () => {
    fc.assert(
      fc.property(update, ({ stored, set, from }) => {
        const before = structuredClone({ stored, set, from });
        mergeUpdate(stored, set, from);
        expect({ stored, set, from }).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});

describe('jsonEqual', () => {
  it('is reflexive and symmetric for any JSON value', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, structuredClone(a))).toBe(true);
        expect(jsonEqual(a, b)).toBe(jsonEqual(b, a));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with JSON text for values that differ', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        if (!jsonEqual(a, b)) expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
      }),
      { numRuns: 200 },
    );
  });

  it('tells a list from an object with the same entries', () => {
    expect(jsonEqual(['a'], { 0: 'a' })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
  });
});
