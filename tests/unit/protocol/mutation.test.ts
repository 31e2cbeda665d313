import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../../../src/lib/domain';
import {
  MAX_MUTATIONS_PER_PUSH,
  mutationSchema,
  pushRequestSchema,
} from '../../../src/lib/protocol';
import { IDS, NOW, makeLog, makeRequest } from '../../fixtures/records';

const common = {
  mid: 'm-01J0000000000000',
  type: 'request',
  id: IDS.request,
  groupId: IDS.group,
  at: NOW,
};

/** One valid mutation of each op, as the app's outbox sends them. */
const VALID = {
  create: { ...common, op: 'create', record: makeRequest() },
  update: {
    ...common,
    op: 'update',
    set: { title: 'Milk and eggs', private: null },
    from: { title: 'Milk', private: { address: '1 Elm St' } },
  },
  transition: {
    ...common,
    op: 'transition',
    from: 'open',
    to: 'cancelled',
    closeReason: 'duplicate',
    closeNote: 'Same as the one from Tuesday',
    logId: IDS.log,
  },
  append: { ...common, type: 'log', id: IDS.log, op: 'append', record: makeLog() },
  archive: { ...common, op: 'archive' },
} as const;
type Op = keyof typeof VALID;
const OPS = Object.keys(VALID) as Op[];

function parses(input: unknown): boolean {
  return v.safeParse(mutationSchema, input).success;
}

function without(op: Op, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...VALID[op] };
  delete copy[key];
  return copy;
}

describe('mutationSchema', () => {
  it.each(OPS)('accepts a valid %s mutation', (op) => {
    expect(v.safeParse(mutationSchema, VALID[op])).toMatchObject({
      success: true,
      output: VALID[op],
    });
  });

  it('accepts a claim, with or without naming the assignee', () => {
    const claim = { ...VALID.transition, to: 'claimed', closeReason: undefined };
    expect(parses({ ...claim, assigneeId: IDS.member })).toBe(true);
    expect(parses({ ...claim, assigneeId: null })).toBe(true);
    const { closeReason: _c, closeNote: _n, ...bare } = VALID.transition;
    expect(parses({ ...bare, to: 'claimed' })).toBe(true);
  });

  const requiredKeys = OPS.flatMap((op) =>
    Object.keys(VALID[op])
      .filter((key) => !['closeReason', 'closeNote', 'assigneeId'].includes(key))
      .map((key) => [op, key] as const),
  );

  it.each(requiredKeys)('refuses a %s mutation without %s', (op, key) => {
    expect(parses(without(op, key))).toBe(false);
  });

  it.each(OPS)('refuses a %s mutation with a field the protocol does not have', (op) => {
    expect(parses({ ...VALID[op], force: true })).toBe(false);
  });

  it.each(['delete', 'upsert', 'CREATE', '', 42, null])('refuses the unknown op %j', (op) => {
    expect(parses({ ...VALID.archive, op })).toBe(false);
  });

  it.each([
    ['a short mid', { mid: 'abc' }],
    ['a mid longer than 64', { mid: 'm'.repeat(65) }],
    ['a mid with spaces', { mid: 'mid with spaces' }],
    ['an unknown record type', { type: 'user' }],
    ['a record id that is not a ULID', { id: 'request-1' }],
    ['a group id that is not a ULID', { groupId: '../other-group' }],
    ['a device time that is not a timestamp', { at: 'now' }],
    ['a device time in the year 30000', { at: '30000-01-01T00:00:00.000Z' }],
  ])('refuses a mutation with %s', (_what, patch) => {
    for (const op of OPS) expect(parses({ ...VALID[op], ...patch }), op).toBe(false);
  });

  it.each([
    ['no record', { record: undefined }],
    ['a record that is text', { record: 'request' }],
    [
      'a record with 41 fields',
      { record: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`f${i}`, i])) },
    ],
  ])('refuses a create with %s', (_what, patch) => {
    expect(parses({ ...VALID.create, ...patch })).toBe(false);
    expect(parses({ ...VALID.append, ...patch })).toBe(false);
  });

  it.each([
    ['a field name starting with a digit', { '1title': 'x' }],
    ['a field name with a dot', { 'private.address': 'x' }],
    ['a field name of 41 characters', { ['a'.repeat(41)]: 'x' }],
    ['31 fields', Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, i]))],
  ])('refuses an update setting %s', (_what, set) => {
    expect(parses({ ...VALID.update, set, from: set })).toBe(false);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'does not carry the key %s in an update from JSON through as a field',
    (key) => {
      const body = JSON.parse(
        `{"set": {"${key}": {"isAdmin": true}}, "from": {"${key}": null}}`,
      ) as Record<string, unknown>;
      const result = v.safeParse(mutationSchema, { ...VALID.update, ...body });
      if (result.success && result.output.op === 'update') {
        expect(Object.hasOwn(result.output.set, key)).toBe(false);
      }
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  );

  it.each([
    ['a status name longer than 20', { to: 'x'.repeat(21) }],
    ['a target that is no status', { to: 'archived' }],
    ['a target status in capitals', { to: 'Claimed' }],
    ['a seen status that is no status', { from: 'whatever' }],
    ['a target that is a number', { to: 3 }],
    ['an unknown close reason', { closeReason: 'bored' }],
    ['a close note longer than 500', { closeNote: 'x'.repeat(501) }],
    ['an assignee that is not a ULID', { assigneeId: 'bob' }],
    ['a log id that is not a ULID', { logId: 'log-1' }],
  ])('refuses a transition with %s', (_what, patch) => {
    expect(parses({ ...VALID.transition, ...patch })).toBe(false);
  });
});

describe('the codes of a refused mutation', () => {
  /** The field errors the server sends for `input`, as the push route makes them. */
  function fieldErrors(input: unknown) {
    const result = v.safeParse(pushRequestSchema, { mutations: [input] });
    return result.success ? [] : toFieldErrors(result.issues);
  }

  it.each([
    ['a short mid', { ...VALID.archive, mid: 'abc' }, 'mutations.0.mid', 'invalid_format'],
    [
      'a mid that is a number',
      { ...VALID.archive, mid: 12345678 },
      'mutations.0.mid',
      'invalid_type',
    ],
    [
      'an unknown target',
      { ...VALID.transition, to: 'archived' },
      'mutations.0.to',
      'invalid_choice',
    ],
    [
      'an unknown seen status',
      { ...VALID.transition, from: 'x' },
      'mutations.0.from',
      'invalid_choice',
    ],
    ['a target that is a number', { ...VALID.transition, to: 3 }, 'mutations.0.to', 'invalid_type'],
    [
      'a record that is text',
      { ...VALID.create, record: 'x' },
      'mutations.0.record',
      'invalid_type',
    ],
    ['a set that is text', { ...VALID.update, set: 'x' }, 'mutations.0.set', 'invalid_type'],
    ['an unknown op', { ...VALID.archive, op: 'delete' }, 'mutations.0.op', 'invalid_choice'],
  ])('names %s with a code, not an English sentence', (_what, input, path, code) => {
    expect(fieldErrors(input)).toContainEqual({ path, code });
  });

  it('names every problem of 1,000 odd mutations with a code', () => {
    const json = fc.jsonValue({ maxDepth: 2 });
    const oddMutation = fc.oneof(
      json,
      fc.constantFrom(...OPS).chain((op) =>
        fc.dictionary(fc.constantFrom(...Object.keys(VALID[op]), 'extra'), json).map((patch) => ({
          ...VALID[op],
          ...patch,
        })),
      ),
    );
    fc.assert(
      fc.property(oddMutation, (input) => {
        for (const error of fieldErrors(input)) expect(error.code).toMatch(/^[a-z_]+$/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('pushRequestSchema', () => {
  const batch = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ...VALID.archive,
      mid: `m-${String(i).padStart(8, '0')}`,
    }));

  it(`accepts ${MAX_MUTATIONS_PER_PUSH} mutations in one push`, () => {
    expect(v.safeParse(pushRequestSchema, { mutations: batch(500) }).success).toBe(true);
  });

  it('refuses 501 mutations in one push, as too many', () => {
    const result = v.safeParse(pushRequestSchema, { mutations: batch(501) });
    expect(result.success).toBe(false);
    expect(result.issues?.[0]).toMatchObject({ message: 'too_many', requirement: 500 });
  });

  it('refuses an empty push', () => {
    expect(v.safeParse(pushRequestSchema, { mutations: [] }).success).toBe(false);
  });

  it('refuses a push with any invalid mutation in it', () => {
    const mutations = [...batch(3), { ...VALID.archive, op: 'delete' }];
    expect(v.safeParse(pushRequestSchema, { mutations }).success).toBe(false);
  });

  it.each([
    ['an extra field', { mutations: batch(1), since: 'yesterday' }],
    ['mutations that are not a list', { mutations: VALID.archive }],
    ['no mutations', {}],
  ])('refuses a push with %s', (_what, body) => {
    expect(v.safeParse(pushRequestSchema, body).success).toBe(false);
  });
});
