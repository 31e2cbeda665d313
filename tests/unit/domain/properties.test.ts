import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOSE_REASONS,
  MEMBERSHIP_STATUSES,
  REQUEST_STATUSES,
  ROLES,
  TASK_STATUSES,
  applyRequestTransition,
  applyTaskTransition,
  parseRecord,
  redact,
  type Actor,
  type Request,
} from '../../../src/lib/domain';
import { IDS, NOW, isMember, makeMembership, makeRequest, makeTask } from '../../fixtures/records';

const PEOPLE = [IDS.coordinator, IDS.requester, IDS.assignee, IDS.member, IDS.outsider];
const person = fc.constantFrom(...PEOPLE);

const viewer: fc.Arbitrary<Actor> = fc.record({
  userId: person,
  membership: fc.option(
    fc.record({
      role: fc.constantFrom(...ROLES),
      status: fc.constantFrom(...MEMBERSHIP_STATUSES),
    }),
    { nil: null },
  ),
});

/** Private values are marked, so a leak shows up anywhere in the redacted JSON. */
const secret = fc.string({ maxLength: 12 }).map((s) => `SECRET:${s}`);

const request: fc.Arbitrary<Request> = fc
  .record({
    status: fc.constantFrom(...REQUEST_STATUSES),
    requesterId: fc.option(person, { nil: null }),
    assigneeId: fc.option(person, { nil: null }),
    private: fc.option(
      fc.record({ address: secret, phone: secret, accessNotes: secret }, { requiredKeys: [] }),
      { nil: undefined },
    ),
  })
  .map(({ requesterId, private: hidden, status, assigneeId, ...rest }) => {
    // Stored requests as the lifecycle leaves them: held ones have an assignee, waiting ones
    // none, cancelled ones a reason.
    const held = status === 'claimed' || status === 'in_progress';
    const waiting = status === 'new' || status === 'open';
    const record = makeRequest({
      ...rest,
      status,
      assigneeId: held ? (assigneeId ?? IDS.assignee) : waiting ? null : assigneeId,
      closeReason: status === 'cancelled' ? 'other' : null,
      requesterId,
      onBehalfOf: requesterId === null ? 'Mrs. K' : null,
      private: hidden,
    });
    if (hidden === undefined) delete record.private;
    return record;
  });

function entitled(actor: Actor, record: Request): boolean {
  const m = actor.membership;
  if (m?.status !== 'active') return false;
  return (
    m.role === 'coordinator' ||
    actor.userId === record.requesterId ||
    (record.assigneeId !== null && actor.userId === record.assigneeId)
  );
}

describe('redact, for any request and any viewer', () => {
  it('never gives the private part to a viewer who is not entitled to it', () => {
    let hidden = 0;
    fc.assert(
      fc.property(request, viewer, (record, actor) => {
        const result = redact(record, actor);
        if (entitled(actor, record)) return;
        if (result === null) return;
        hidden++;
        expect(result).not.toHaveProperty('private');
        expect(JSON.stringify(result)).not.toContain('SECRET:');
      }),
      { numRuns: 500 },
    );
    expect(hidden).toBeGreaterThan(20);
  });

  it('keeps the private part for coordinators, the requester and the assignee', () => {
    fc.assert(
      fc.property(request, viewer, (record, actor) => {
        if (!entitled(actor, record)) return;
        expect(redact(record, actor)).toEqual(record);
      }),
      { numRuns: 500 },
    );
  });

  it('gives nothing to anyone who is not an active member', () => {
    fc.assert(
      fc.property(request, viewer, (record, actor) => {
        const active = actor.membership?.status === 'active';
        expect(redact(record, actor) === null).toBe(!active);
      }),
      { numRuns: 300 },
    );
  });

  it('changes nothing but the private part', () => {
    fc.assert(
      fc.property(request, viewer, (record, actor) => {
        const result = redact(record, actor);
        if (result === null) return;
        const { private: _a, ...visible } = result;
        const { private: _b, ...original } = record;
        expect(visible).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('never gives a member’s phone and email to other members', () => {
    fc.assert(
      fc.property(person, viewer, secret, secret, (userId, actor, phone, email) => {
        const membership = makeMembership({ userId, private: { phone, email } });
        const result = redact(membership, actor);
        const mayRead =
          actor.membership?.status === 'active' &&
          (actor.membership.role === 'coordinator' || actor.userId === userId);
        if (mayRead) expect(result).toEqual(membership);
        else if (result) expect(JSON.stringify(result)).not.toContain('SECRET:');
      }),
      { numRuns: 300 },
    );
  });
});

const transitionInput = fc.record(
  {
    to: fc.oneof(
      fc.constantFrom(...REQUEST_STATUSES, ...TASK_STATUSES),
      fc.string({ maxLength: 12 }),
    ),
    assigneeId: fc.option(person, { nil: null }),
    closeReason: fc.option(fc.constantFrom(...CLOSE_REASONS), { nil: null }),
    closeNote: fc.string({ maxLength: 40 }),
    expectedFrom: fc.constantFrom(...REQUEST_STATUSES),
  },
  { requiredKeys: ['to'] },
);
const claiming = fc.constantFrom('anyone' as const, 'coordinators_assign' as const);

describe('applyRequestTransition, for any actor, request and input', () => {
  it('never yields a status outside the lifecycle, nor an invalid record', () => {
    let moved = 0;
    fc.assert(
      fc.property(viewer, request, claiming, transitionInput, (actor, stored, mode, input) => {
        const outcome = applyRequestTransition(
          actor,
          stored,
          { claiming: mode },
          input,
          NOW,
          isMember,
        );
        if (!outcome.ok) return;
        expect(REQUEST_STATUSES).toContain(outcome.record.status);
        expect(parseRecord('request', outcome.record).ok).toBe(true);
        if (!outcome.changed) {
          expect(outcome.record).toBe(stored);
          return;
        }
        moved++;
        expect(outcome.from).toBe(stored.status);
        // Never a move on a premise that no longer holds.
        if (input.expectedFrom !== undefined) expect(input.expectedFrom).toBe(stored.status);
        // Work is handed only to the actor themself or to an active member.
        const handedTo = outcome.record.assigneeId;
        if (
          (outcome.action === 'claim' || outcome.action === 'assign') &&
          handedTo !== actor.userId
        )
          expect(isMember(handedTo ?? '')).toBe(true);
        expect(outcome.record.status).toBe(input.to);
        if (outcome.record.status === 'claimed') expect(outcome.record.assigneeId).not.toBeNull();
        if (outcome.record.status === 'cancelled')
          expect(outcome.record.closeReason).not.toBeNull();
        if (outcome.record.status === 'open') expect(outcome.record.assigneeId).toBeNull();
      }),
      { numRuns: 3000 },
    );
    expect(moved).toBeGreaterThan(20);
  });

  it('never lets someone who is not an active member move a request', () => {
    fc.assert(
      fc.property(viewer, request, claiming, transitionInput, (actor, stored, mode, input) => {
        if (actor.membership?.status === 'active') return;
        const outcome = applyRequestTransition(
          actor,
          stored,
          { claiming: mode },
          input,
          NOW,
          isMember,
        );
        expect(outcome.ok && outcome.changed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('applyTaskTransition, for any actor, task and input', () => {
  const task = fc
    .record({
      status: fc.constantFrom(...TASK_STATUSES),
      assigneeId: fc.option(person, { nil: null }),
      createdBy: person,
    })
    .map((fields) => makeTask(fields));

  it('never yields a status outside the lifecycle, nor an invalid record', () => {
    fc.assert(
      fc.property(viewer, task, claiming, transitionInput, (actor, stored, mode, input) => {
        const outcome = applyTaskTransition(
          actor,
          stored,
          { claiming: mode },
          input,
          NOW,
          isMember,
        );
        if (!outcome.ok) return;
        expect(TASK_STATUSES).toContain(outcome.record.status);
        expect(parseRecord('task', outcome.record).ok).toBe(true);
        if (outcome.record.status === 'claimed') expect(outcome.record.assigneeId).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
