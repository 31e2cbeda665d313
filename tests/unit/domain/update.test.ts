import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyUpdate, jsonEqual, type Request } from '../../../src/lib/domain';
import {
  CAST,
  IDS,
  NOW,
  makeGroup,
  makeLog,
  makeMembership,
  makeOffer,
  makeRequest,
} from '../../fixtures/records';

describe('applyUpdate', () => {
  it('applies the requester’s edit and stamps the time', () => {
    const stored = makeRequest();
    const outcome = applyUpdate(
      CAST.requester,
      stored,
      { title: 'Milk and eggs' },
      { title: stored.title },
      NOW,
    );
    expect(outcome).toEqual({
      ok: true,
      changed: true,
      conflicts: [],
      record: { ...stored, title: 'Milk and eggs', updatedAt: NOW },
    });
  });

  it('reports a conflict and keeps the stored value when someone changed the field first', () => {
    const stored = makeRequest({ title: 'Bread' });
    const outcome = applyUpdate(
      CAST.requester,
      stored,
      { title: 'Milk and eggs', details: 'Ring twice' },
      { title: 'Milk', details: stored.details },
      NOW,
    );
    expect(outcome).toMatchObject({
      ok: true,
      changed: true,
      conflicts: [{ field: 'title', yours: 'Milk and eggs', theirs: 'Bread' }],
      record: { title: 'Bread', details: 'Ring twice' },
    });
  });

  it('changes nothing when the same update comes again', () => {
    const stored = makeRequest();
    const first = applyUpdate(
      CAST.requester,
      stored,
      { urgency: 'urgent' },
      { urgency: 'soon' },
      NOW,
    );
    if (!first.ok) throw new Error('first update must apply');
    const again = applyUpdate(
      CAST.requester,
      first.record,
      { urgency: 'urgent' },
      { urgency: 'soon' },
      '2026-11-22T04:00:00.000Z',
    );
    expect(again).toEqual({ ok: true, changed: false, conflicts: [], record: first.record });
  });

  it.each([
    ['status', 'done'],
    ['assigneeId', IDS.member],
    ['closeReason', 'withdrawn'],
    ['requesterId', IDS.member],
    ['createdBy', IDS.member],
    ['updatedAt', NOW],
    ['rev', '9-zzz'],
    ['archived', true],
    ['onBehalfOf', 'Someone'],
  ])('refuses the requester a change of %s', (field, value) => {
    const stored = makeRequest();
    const outcome = applyUpdate(
      CAST.requester,
      stored,
      { [field]: value },
      { [field]: (stored as Record<string, unknown>)[field] },
      NOW,
    );
    expect(outcome).toEqual({
      ok: false,
      code: 'forbidden',
      errors: [{ path: field, code: 'forbidden' }],
    });
  });

  it.each([
    ['another member', CAST.member],
    ['the assignee', CAST.assignee],
    ['a non-member', CAST.nonmember],
    [
      'a removed requester',
      { ...CAST.requester, membership: { role: 'member', status: 'removed' } },
    ],
  ] as const)('refuses %s any edit of a request', (_who, actor) => {
    const stored = makeRequest({ status: 'claimed', assigneeId: IDS.assignee });
    const outcome = applyUpdate(actor, stored, { title: 'Mine now' }, { title: stored.title }, NOW);
    expect(outcome).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('lets a coordinator edit any request', () => {
    const stored = makeRequest();
    const outcome = applyUpdate(
      CAST.coordinator,
      stored,
      { urgency: 'urgent' },
      { urgency: 'soon' },
      NOW,
    );
    expect(outcome).toMatchObject({ ok: true, changed: true, record: { urgency: 'urgent' } });
  });

  it('refuses an update without the value each field had before', () => {
    const outcome = applyUpdate(CAST.requester, makeRequest(), { title: 'New' }, {}, NOW);
    expect(outcome).toEqual({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'from.title', code: 'required' }],
    });
  });

  it('refuses an empty update', () => {
    expect(applyUpdate(CAST.requester, makeRequest(), {}, {}, NOW)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });

  it('refuses a value the schema does not allow, naming the field', () => {
    const stored = makeRequest();
    const outcome = applyUpdate(
      CAST.requester,
      stored,
      { title: 'x'.repeat(141) },
      { title: stored.title },
      NOW,
    );
    expect(outcome).toEqual({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'title', code: 'too_long', limit: 140 }],
    });
  });

  it('removes the private part when the requester clears it', () => {
    const stored = makeRequest();
    const outcome = applyUpdate(
      CAST.requester,
      stored,
      { private: null },
      { private: stored.private },
      NOW,
    );
    if (!outcome.ok) throw new Error('clearing must apply');
    expect(outcome.record).not.toHaveProperty('private');
  });

  it('lets the author pause their offer', () => {
    const stored = makeOffer();
    const outcome = applyUpdate(
      CAST.member,
      stored,
      { status: 'paused' },
      { status: 'available' },
      NOW,
    );
    expect(outcome).toMatchObject({ ok: true, record: { status: 'paused' } });
  });

  it('lets a member edit their profile but not their role', () => {
    const stored = makeMembership();
    expect(
      applyUpdate(CAST.member, stored, { displayName: 'Ada L.' }, { displayName: 'Ada' }, NOW),
    ).toMatchObject({ ok: true, record: { displayName: 'Ada L.' } });
    expect(
      applyUpdate(CAST.member, stored, { role: 'coordinator' }, { role: 'member' }, NOW),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('lets a coordinator change the group’s claiming setting', () => {
    const stored = makeGroup();
    const outcome = applyUpdate(
      CAST.coordinator,
      stored,
      { claiming: 'coordinators_assign' },
      { claiming: 'anyone' },
      NOW,
    );
    expect(outcome).toMatchObject({ ok: true, record: { claiming: 'coordinators_assign' } });
  });

  it('never edits a log entry, not even its author', () => {
    const stored = makeLog();
    expect(
      applyUpdate(CAST.requester, stored, { text: 'Corrected' }, { text: stored.text }, NOW),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

/** For each editable request field: values the author might send, valid and not. */
const CANDIDATES: Record<string, readonly unknown[]> = {
  category: ['groceries', 'pharmacy', 'Not A Slug'],
  title: ['Milk', 'Bread and milk', '', 'x'.repeat(141)],
  details: ['', 'Call first', 'x'.repeat(4001)],
  neighborhood: ['Flatbush', ''],
  urgency: ['urgent', 'soon', 'flexible', 'whenever'],
  neededBy: [null, '2026-12-01', '2026-13-45'],
  contactless: [true, false, 'yes'],
  recurring: [null, 'weekly', 'hourly'],
  private: [
    null,
    { address: '1 Elm St' },
    { phone: '555 0101', accessNotes: 'Side door' },
    { ssn: 'x' },
  ],
};
const EDITABLE = Object.keys(CANDIDATES);

const storedRequest = fc
  .record({
    title: fc.constantFrom('Milk', 'Bread'),
    urgency: fc.constantFrom('urgent', 'soon', 'flexible'),
    contactless: fc.boolean(),
    status: fc.constantFrom('open', 'claimed', 'done'),
    withPrivate: fc.boolean(),
  })
  .map(({ withPrivate, ...fields }) => {
    const request = makeRequest(fields as Partial<Request>);
    if (!withPrivate) delete request.private;
    return request;
  });

const edit = fc
  .tuple(
    storedRequest,
    fc.subarray(EDITABLE, { minLength: 1 }),
    fc.infiniteStream(fc.nat()),
    fc.array(fc.boolean(), { minLength: EDITABLE.length, maxLength: EDITABLE.length }),
  )
  .map(([stored, fields, picks, sawStored]) => {
    const set: Record<string, unknown> = {};
    const from: Record<string, unknown> = {};
    const iterator = picks[Symbol.iterator]();
    fields.forEach((field, i) => {
      const options = CANDIDATES[field]!;
      set[field] = options[iterator.next().value! % options.length];
      from[field] = sawStored[i]
        ? (stored as Record<string, unknown>)[field]
        : options[iterator.next().value! % options.length];
    });
    return { stored, set, from };
  });

describe('applyUpdate, for any edit of a request', () => {
  it('never changes a field outside `set` except updatedAt', () => {
    let changed = 0;
    fc.assert(
      fc.property(edit, ({ stored, set, from }) => {
        const outcome = applyUpdate(CAST.requester, stored, set, from, NOW);
        if (!outcome.ok) return;
        const before = stored as Record<string, unknown>;
        const after = outcome.record as Record<string, unknown>;
        const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
        for (const key of keys) {
          if (key in set || key === 'updatedAt') continue;
          expect(after[key], key).toEqual(before[key]);
        }
        if (!outcome.changed) expect(outcome.record).toBe(stored);
        else changed++;
      }),
      { numRuns: 300 },
    );
    // The generator must reach real changes, or the property says nothing.
    expect(changed).toBeGreaterThan(30);
  });

  it('applies each field or reports it as a conflict with both values', () => {
    let conflicts = 0;
    fc.assert(
      fc.property(edit, ({ stored, set, from }) => {
        const outcome = applyUpdate(CAST.requester, stored, set, from, NOW);
        if (!outcome.ok) return;
        const after = outcome.record as Record<string, unknown>;
        for (const [field, wanted] of Object.entries(set)) {
          const conflict = outcome.conflicts.find((c) => c.field === field);
          if (conflict) {
            conflicts++;
            expect(conflict.yours).toEqual(wanted);
            expect(conflict.theirs).toEqual((stored as Record<string, unknown>)[field]);
            expect(after[field]).toEqual((stored as Record<string, unknown>)[field]);
          } else {
            // Clearing the private part stores it as absent.
            expect(jsonEqual(after[field], wanted ?? undefined), field).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(conflicts).toBeGreaterThan(10);
  });

  it('leaves the stored record as it was', () => {
    fc.assert(
      fc.property(edit, ({ stored, set, from }) => {
        const before = structuredClone(stored);
        applyUpdate(CAST.requester, stored, set, from, NOW);
        expect(stored).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});
