import { describe, expect, it } from 'vitest';
import {
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  applyRequestTransition,
  availableRequestActions,
  can,
  decideRequestAction,
  initialRequestStatus,
  prepareCreate,
  type ClaimingMode,
  type Request,
  type RequestAction,
  type RequestStatus,
  type TransitionInput,
} from '../../../src/lib/domain';
import {
  ACTIVE_CAST,
  CAST,
  CAST_MEMBERS,
  IDS,
  NOW,
  isMember,
  makeGroup,
  makeOnBehalfRequest,
  makeRequest,
  type CastMember,
} from '../../fixtures/records';

/*
 * DESIGN.md's request lifecycle and permission table, written out as data: who may take
 * each move from each status, under each group setting. The request is always asked for by
 * IDS.requester and, once claimed, held by IDS.assignee; `coordinatorRequester` and
 * `coordinatorAssignee` are those same people as coordinators. Anyone who is not an active
 * member (non-member, pending, removed) may do nothing, and is told `forbidden`.
 */

type Code = 'forbidden' | 'illegal_transition' | 'already_claimed' | 'invalid';
type Settings = { claiming: ClaimingMode; requestsNeedApproval: boolean };

const SETTINGS: readonly Settings[] = [
  { claiming: 'anyone', requestsNeedApproval: false },
  { claiming: 'anyone', requestsNeedApproval: true },
  { claiming: 'coordinators_assign', requestsNeedApproval: false },
  { claiming: 'coordinators_assign', requestsNeedApproval: true },
];

const COORDINATORS = ['coordinator', 'coordinatorRequester', 'coordinatorAssignee'] as const;
/** Coordinators and whoever holds the request. */
const HOLDERS = [...COORDINATORS, 'assignee'] as const;
/** Coordinators and whoever asked. */
const ASKERS = [...COORDINATORS, 'requester'] as const;
/** Everyone but the holder: told the request is taken when they try to claim it. */
const NOT_HOLDING = ['coordinator', 'coordinatorRequester', 'requester', 'member'] as const;

/** Who may, by claiming mode where it matters. */
type Who = readonly CastMember[] | Record<ClaimingMode, readonly CastMember[]>;

function whoMay(who: Who, claiming: ClaimingMode): readonly CastMember[] {
  return Array.isArray(who) ? who : (who as Record<ClaimingMode, readonly CastMember[]>)[claiming];
}

/**
 * Who may take each move from each status (`decideRequestAction`, and `can` with the group);
 * an assignment names IDS.helper. Other active people are refused `forbidden` in a listed
 * status and `illegal_transition` in one the move does not start from, except where
 * `ALREADY_CLAIMED` says they are told someone holds it.
 */
const MAY: Record<RequestAction, Partial<Record<RequestStatus, Who>>> = {
  approve: { new: COORDINATORS },
  claim: {
    // Nobody claims what they asked for, not even a coordinator: they asked for the help.
    open: {
      anyone: ['coordinator', 'coordinatorAssignee', 'assignee', 'member'],
      coordinators_assign: ['coordinator', 'coordinatorAssignee'],
    },
  },
  assign: { open: COORDINATORS, claimed: COORDINATORS, in_progress: COORDINATORS },
  release: { claimed: HOLDERS, in_progress: HOLDERS },
  start: { claimed: HOLDERS },
  complete: { claimed: HOLDERS, in_progress: HOLDERS },
  cancel: { new: ASKERS, open: ASKERS, claimed: ASKERS, in_progress: ASKERS },
  reopen: { done: COORDINATORS, cancelled: COORDINATORS },
};

const ALREADY_CLAIMED: Partial<Record<RequestAction, Partial<Record<RequestStatus, Who>>>> = {
  claim: { claimed: NOT_HOLDING, in_progress: NOT_HOLDING, done: NOT_HOLDING },
};

function storedRequest(status: RequestStatus): Request {
  return makeRequest({
    status,
    assigneeId: ['claimed', 'in_progress', 'done'].includes(status) ? IDS.assignee : null,
    closeReason: status === 'cancelled' ? 'withdrawn' : null,
  });
}

function expected(
  who: CastMember,
  action: RequestAction,
  status: RequestStatus,
  claiming: ClaimingMode,
): 'ok' | Code {
  if (!ACTIVE_CAST.includes(who)) return 'forbidden';
  const row = MAY[action][status];
  if (row) return whoMay(row, claiming).includes(who) ? 'ok' : 'forbidden';
  const taken = ALREADY_CLAIMED[action]?.[status];
  return taken && whoMay(taken, claiming).includes(who) ? 'already_claimed' : 'illegal_transition';
}

const decisionCases = CAST_MEMBERS.flatMap((who) =>
  REQUEST_ACTIONS.flatMap((action) =>
    REQUEST_STATUSES.flatMap((status) =>
      SETTINGS.map((settings) => {
        const answer = expected(who, action, status, settings.claiming);
        const title = `${who} may ${action} a ${status} request (${label(settings)}): ${answer}`;
        return [title, { who, action, status, settings, answer }] as const;
      }),
    ),
  ),
);

function label(settings: Settings): string {
  return `claiming ${settings.claiming}, approval ${settings.requestsNeedApproval ? 'on' : 'off'}`;
}

describe('decideRequestAction', () => {
  it.each(decisionCases)('%s', (_title, { who, action, status, settings, answer }) => {
    const decision = decideRequestAction(
      CAST[who],
      action,
      storedRequest(status),
      settings,
      action === 'assign' ? IDS.helper : undefined,
    );
    expect(decision.ok ? 'ok' : decision.code).toBe(answer);
  });

  it('rejects an assignment that names nobody as invalid', () => {
    expect(
      decideRequestAction(CAST.coordinator, 'assign', storedRequest('open'), {
        claiming: 'anyone',
      }),
    ).toEqual({ ok: false, code: 'invalid' });
  });

  it('lets a coordinator claim a request entered on behalf of a neighbour', () => {
    const request = makeOnBehalfRequest();
    expect(
      decideRequestAction(CAST.coordinator, 'claim', request, { claiming: 'coordinators_assign' }),
    ).toEqual({ ok: true });
  });
});

describe('can, for the lifecycle moves', () => {
  it.each(decisionCases)('%s', (_title, { who, action, status, settings, answer }) => {
    expect(can(CAST[who], action, storedRequest(status), settings)).toBe(answer === 'ok');
  });

  it('answers no to a move asked without the group, whose settings decide it', () => {
    const ask = can as (...args: unknown[]) => boolean;
    expect(ask(CAST.coordinator, 'claim', storedRequest('open'))).toBe(false);
  });

  it('answers no to a move of a record without a lifecycle', () => {
    const group = makeGroup();
    expect(can(CAST.coordinator, 'approve', group, group)).toBe(false);
  });
});

describe('availableRequestActions', () => {
  const cases = CAST_MEMBERS.flatMap((who) =>
    REQUEST_STATUSES.flatMap((status) =>
      SETTINGS.map((settings) => {
        const actions = REQUEST_ACTIONS.filter(
          (action) => expected(who, action, status, settings.claiming) === 'ok',
        );
        const title = `offers ${who} on a ${status} request (${label(settings)}): [${actions.join(', ')}]`;
        return [title, { who, status, settings, actions }] as const;
      }),
    ),
  );

  it.each(cases)('%s', (_title, { who, status, settings, actions }) => {
    expect(availableRequestActions(CAST[who], storedRequest(status), settings)).toEqual(actions);
  });
});

/** A `transition` mutation as the app sends it, by what it asks for. */
const INPUTS = {
  open: { to: 'open' },
  claimSelf: { to: 'claimed' },
  assignHelper: { to: 'claimed', assigneeId: IDS.helper },
  in_progress: { to: 'in_progress' },
  done: { to: 'done' },
  cancelled: { to: 'cancelled', closeReason: 'duplicate', closeNote: 'Same as #12' },
  new: { to: 'new' },
  unknown: { to: 'archived' },
} satisfies Record<string, TransitionInput>;
type InputName = keyof typeof INPUTS;

interface Row {
  /** The move the input makes from this status (null: none, so illegal for everyone). */
  action: RequestAction | null;
  may?: Who;
  /** Already where they asked for: answered as done, changing nothing. */
  replay?: readonly CastMember[];
  /** Refusals other than `forbidden`. */
  told?: Partial<Record<CastMember, Code>>;
}

const none: Row = { action: null };
const replayForAll: Row = { action: null, replay: ACTIVE_CAST };

/**
 * What `applyRequestTransition` answers each active person asking for each input from each
 * stored status. Asking to be `claimed` yourself is a claim of an open request; of a held
 * one it is an assignment to yourself, which a coordinator may make (taking it over) and
 * anyone else is told is taken.
 */
const APPLY: Record<InputName, Record<RequestStatus, Row>> = {
  open: {
    new: { action: 'approve', may: COORDINATORS },
    open: replayForAll,
    claimed: { action: 'release', may: HOLDERS },
    in_progress: { action: 'release', may: HOLDERS },
    done: { action: 'reopen', may: COORDINATORS },
    cancelled: { action: 'reopen', may: COORDINATORS },
  },
  claimSelf: {
    new: none,
    open: { action: 'claim', may: MAY.claim.open! },
    claimed: {
      action: 'assign',
      may: ['coordinator', 'coordinatorRequester'],
      replay: ['assignee', 'coordinatorAssignee'],
      told: { requester: 'already_claimed', member: 'already_claimed' },
    },
    in_progress: {
      action: 'assign',
      may: COORDINATORS,
      told: {
        requester: 'already_claimed',
        member: 'already_claimed',
        assignee: 'illegal_transition',
      },
    },
    done: none,
    cancelled: none,
  },
  assignHelper: {
    new: none,
    open: { action: 'assign', may: COORDINATORS },
    claimed: { action: 'assign', may: COORDINATORS },
    in_progress: { action: 'assign', may: COORDINATORS },
    done: none,
    cancelled: none,
  },
  in_progress: {
    new: none,
    open: none,
    claimed: { action: 'start', may: HOLDERS },
    in_progress: replayForAll,
    done: none,
    cancelled: none,
  },
  done: {
    new: none,
    open: none,
    claimed: { action: 'complete', may: HOLDERS },
    in_progress: { action: 'complete', may: HOLDERS },
    done: replayForAll,
    cancelled: none,
  },
  cancelled: {
    new: { action: 'cancel', may: ASKERS },
    open: { action: 'cancel', may: ASKERS },
    claimed: { action: 'cancel', may: ASKERS },
    in_progress: { action: 'cancel', may: ASKERS },
    done: none,
    cancelled: replayForAll,
  },
  new: {
    new: replayForAll,
    open: none,
    claimed: none,
    in_progress: none,
    done: none,
    cancelled: none,
  },
  unknown: {
    new: none,
    open: none,
    claimed: none,
    in_progress: none,
    done: none,
    cancelled: none,
  },
};

type Answer = 'ok' | 'unchanged' | Code;

function applyAnswer(row: Row, who: CastMember, claiming: ClaimingMode): Answer {
  if (row.replay?.includes(who)) return 'unchanged';
  if (row.action === null) return 'illegal_transition';
  if (row.may && whoMay(row.may, claiming).includes(who)) return 'ok';
  return row.told?.[who] ?? 'forbidden';
}

const transitionCases = ACTIVE_CAST.flatMap((who) =>
  (Object.keys(INPUTS) as InputName[]).flatMap((name) =>
    REQUEST_STATUSES.flatMap((status) =>
      SETTINGS.map((settings) => {
        const row = APPLY[name][status];
        const answer = applyAnswer(row, who, settings.claiming);
        const title = `${who} asking a ${status} request for ${name} (${label(settings)}): ${answer}`;
        return [title, { who, name, status, settings, action: row.action, answer }] as const;
      }),
    ),
  ),
);

/** The request after `action`, field by field, as DESIGN.md's lifecycle leaves it. */
function after(stored: Request, action: RequestAction, input: TransitionInput, actorId: string) {
  const to: Record<RequestAction, RequestStatus> = {
    approve: 'open',
    claim: 'claimed',
    assign: 'claimed',
    release: 'open',
    start: 'in_progress',
    complete: 'done',
    cancel: 'cancelled',
    reopen: 'open',
  };
  const assigneeId: Record<RequestAction, string | null> = {
    approve: stored.assigneeId,
    claim: actorId,
    assign: input.assigneeId ?? actorId,
    release: null,
    start: stored.assigneeId,
    complete: stored.assigneeId,
    cancel: stored.assigneeId,
    reopen: null,
  };
  return {
    ...stored,
    status: to[action],
    updatedAt: NOW,
    assigneeId: assigneeId[action],
    closeReason:
      action === 'cancel' ? 'duplicate' : action === 'reopen' ? null : stored.closeReason,
    closeNote: action === 'cancel' ? 'Same as #12' : action === 'reopen' ? '' : stored.closeNote,
  };
}

describe('applyRequestTransition', () => {
  it.each(transitionCases)('%s', (_title, { who, name, status, settings, action, answer }) => {
    const stored = storedRequest(status);
    const actor = CAST[who];
    const input: TransitionInput = INPUTS[name];
    const outcome = applyRequestTransition(actor, stored, settings, input, NOW, isMember);

    if (answer === 'unchanged') {
      expect(outcome).toEqual({
        ok: true,
        changed: false,
        record: stored,
        action: null,
        from: status,
      });
    } else if (answer !== 'ok') {
      expect(outcome.ok ? 'ok' : outcome.code).toBe(answer);
      if (!outcome.ok && answer === 'already_claimed') expect(outcome.holderId).toBe(IDS.assignee);
    } else {
      expect(outcome).toEqual({
        ok: true,
        changed: true,
        action,
        from: status,
        record: after(stored, action!, input, actor.userId),
      });
    }
  });

  it.each([
    ['non-member', 'nonmember'],
    ['pending member', 'pending'],
    ['removed member', 'removed'],
    ['removed coordinator', 'removedCoordinator'],
  ] as const)('refuses a %s anything, even a move already made', (_label, who) => {
    for (const name of Object.keys(INPUTS) as InputName[]) {
      for (const status of REQUEST_STATUSES) {
        const outcome = applyRequestTransition(
          CAST[who],
          storedRequest(status),
          { claiming: 'anyone' },
          INPUTS[name],
          NOW,
          isMember,
        );
        expect(outcome, `${name} from ${status}`).toMatchObject({ ok: false });
        if (INPUTS[name].to === status) expect(outcome).toEqual({ ok: false, code: 'forbidden' });
      }
    }
  });

  it('requires a close reason to cancel', () => {
    const outcome = applyRequestTransition(
      CAST.requester,
      storedRequest('open'),
      { claiming: 'anyone' },
      { to: 'cancelled' },
      NOW,
      isMember,
    );
    expect(outcome).toEqual({ ok: false, code: 'invalid' });
  });

  it('treats a repeated claim by the same member as a replay that changes nothing', () => {
    const group = { claiming: 'anyone' as const };
    const first = applyRequestTransition(
      CAST.member,
      storedRequest('open'),
      group,
      { to: 'claimed' },
      NOW,
      isMember,
    );
    if (!first.ok) throw new Error('first claim must apply');
    expect(first.record).toMatchObject({ status: 'claimed', assigneeId: IDS.member });
    const again = applyRequestTransition(
      CAST.member,
      first.record,
      group,
      { to: 'claimed', expectedFrom: 'open' },
      NOW,
      isMember,
    );
    expect(again).toMatchObject({ ok: true, changed: false, record: first.record });
  });

  it('tells the second of two claimers who holds the request', () => {
    const group = { claiming: 'anyone' as const };
    const first = applyRequestTransition(
      CAST.member,
      storedRequest('open'),
      group,
      { to: 'claimed' },
      NOW,
      isMember,
    );
    if (!first.ok) throw new Error('first claim must apply');
    const second = applyRequestTransition(
      CAST.assignee,
      first.record,
      group,
      { to: 'claimed', expectedFrom: 'open' },
      NOW,
      isMember,
    );
    expect(second).toEqual({ ok: false, code: 'already_claimed', holderId: IDS.member });
  });

  it('clears the assignee and close reason when a coordinator reopens a cancelled request', () => {
    const stored = makeRequest({
      status: 'cancelled',
      assigneeId: IDS.assignee,
      closeReason: 'referred',
      closeNote: 'Went to the food bank',
    });
    const outcome = applyRequestTransition(
      CAST.coordinator,
      stored,
      { claiming: 'anyone' },
      { to: 'open' },
      NOW,
      isMember,
    );
    expect(outcome).toMatchObject({
      ok: true,
      action: 'reopen',
      record: { status: 'open', assigneeId: null, closeReason: null, closeNote: '' },
    });
  });
});

/*
 * A transition carries the status its author saw (`expectedFrom`, the mutation's `from`).
 * When the stored status moved on since, the author's intent is stale: refused, though the
 * move might still fit the new status — unless the request already is where they wanted it.
 */
const STALE: readonly {
  who: CastMember;
  saw: RequestStatus;
  now: RequestStatus;
  input: InputName;
  answer: Answer;
  why: string;
}[] = [
  {
    who: 'coordinator',
    saw: 'open',
    now: 'claimed',
    input: 'assignHelper',
    answer: 'already_claimed',
    why: 'someone claimed it while the coordinator chose a helper',
  },
  {
    who: 'coordinator',
    saw: 'claimed',
    now: 'claimed',
    input: 'assignHelper',
    answer: 'ok',
    why: 'a reassignment of what the coordinator saw claimed',
  },
  {
    who: 'member',
    saw: 'open',
    now: 'claimed',
    input: 'claimSelf',
    answer: 'already_claimed',
    why: 'another member claimed it first',
  },
  {
    who: 'assignee',
    saw: 'claimed',
    now: 'in_progress',
    input: 'done',
    answer: 'illegal_transition',
    why: 'it was started from another device since',
  },
  {
    who: 'requester',
    saw: 'open',
    now: 'claimed',
    input: 'cancelled',
    answer: 'illegal_transition',
    why: 'someone offered to help since the requester decided to withdraw',
  },
  {
    who: 'coordinator',
    saw: 'in_progress',
    now: 'claimed',
    input: 'open',
    answer: 'illegal_transition',
    why: 'it was released and claimed again since',
  },
  {
    who: 'coordinator',
    saw: 'done',
    now: 'cancelled',
    input: 'open',
    answer: 'illegal_transition',
    why: 'the request the coordinator meant to reopen was cancelled since',
  },
  {
    who: 'member',
    saw: 'claimed',
    now: 'in_progress',
    input: 'done',
    answer: 'forbidden',
    why: 'a member may not complete it either way: permission first',
  },
  {
    who: 'assignee',
    saw: 'claimed',
    now: 'done',
    input: 'done',
    answer: 'unchanged',
    why: 'it is already done: the replay of a completion whose answer was lost',
  },
  {
    who: 'assignee',
    saw: 'open',
    now: 'claimed',
    input: 'claimSelf',
    answer: 'unchanged',
    why: 'the assignee holds it already: the replay of their own claim',
  },
  {
    who: 'coordinator',
    saw: 'claimed',
    now: 'open',
    input: 'open',
    answer: 'unchanged',
    why: 'it was released already',
  },
];

describe('applyRequestTransition, when the status moved on since the author saw it', () => {
  it.each(STALE)('$who asking $input of a request seen $saw, now $now: $answer ($why)', (row) => {
    const stored = storedRequest(row.now);
    const input = { ...INPUTS[row.input], expectedFrom: row.saw };
    const outcome = applyRequestTransition(
      CAST[row.who],
      stored,
      { claiming: 'anyone' },
      input,
      NOW,
      isMember,
    );
    const got = !outcome.ok ? outcome.code : outcome.changed ? 'ok' : 'unchanged';
    expect(got).toBe(row.answer);
    if (!outcome.ok && row.answer === 'already_claimed') {
      expect(outcome.holderId).toBe(IDS.assignee);
    }
  });
});

describe('an assignment', () => {
  it.each([
    ['someone who is no member of the group', IDS.outsider],
    ['someone who left the group', IDS.formerMember],
  ])('to %s is refused, naming the assignee', (_who, assigneeId) => {
    const outcome = applyRequestTransition(
      CAST.coordinator,
      storedRequest('open'),
      { claiming: 'anyone' },
      { to: 'claimed', assigneeId, expectedFrom: 'open' },
      NOW,
      isMember,
    );
    expect(outcome).toEqual({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'assigneeId', code: 'not_a_member' }],
    });
  });

  it('asks about the one named, and about nobody for a claim of your own', () => {
    const asked: string[] = [];
    const check = (userId: string) => {
      asked.push(userId);
      return true;
    };
    const group = { claiming: 'anyone' as const };
    applyRequestTransition(
      CAST.member,
      storedRequest('open'),
      group,
      { to: 'claimed' },
      NOW,
      check,
    );
    expect(asked).toEqual([]);
    const assign = { to: 'claimed', assigneeId: IDS.helper };
    applyRequestTransition(CAST.coordinator, storedRequest('open'), group, assign, NOW, check);
    expect(asked).toEqual([IDS.helper]);
  });
});

describe('with requestsNeedApproval', () => {
  it('a member’s request waits as new, is claimed by nobody until a coordinator approves it', () => {
    const group = makeGroup({ requestsNeedApproval: true });
    const created = prepareCreate(CAST.requester, 'request', makeRequest(), group, NOW, isMember);
    if (!created.ok || created.record.type !== 'request') throw new Error('create must apply');
    const waiting = created.record;
    expect(waiting.status).toBe('new');
    const claim = { to: 'claimed', expectedFrom: 'new' };
    expect(applyRequestTransition(CAST.member, waiting, group, claim, NOW, isMember)).toEqual({
      ok: false,
      code: 'illegal_transition',
    });
    const approve = { to: 'open', expectedFrom: 'new' };
    expect(applyRequestTransition(CAST.member, waiting, group, approve, NOW, isMember)).toEqual({
      ok: false,
      code: 'forbidden',
    });
    const approved = applyRequestTransition(
      CAST.coordinator,
      waiting,
      group,
      approve,
      NOW,
      isMember,
    );
    if (!approved.ok) throw new Error('approval must apply');
    expect(approved).toMatchObject({ action: 'approve', record: { status: 'open' } });
    const claimed = applyRequestTransition(
      CAST.member,
      approved.record,
      group,
      { to: 'claimed', expectedFrom: 'open' },
      NOW,
      isMember,
    );
    expect(claimed).toMatchObject({
      ok: true,
      record: { status: 'claimed', assigneeId: IDS.member },
    });
  });

  it('a request left new after approval is turned off is still the coordinators’ to approve', () => {
    const group = makeGroup({ requestsNeedApproval: false });
    const waiting = storedRequest('new');
    expect(can(CAST.coordinator, 'approve', waiting, group)).toBe(true);
    expect(can(CAST.requester, 'approve', waiting, group)).toBe(false);
  });
});

describe('a new request starts', () => {
  const cases = CAST_MEMBERS.flatMap((who) =>
    [true, false].map((requestsNeedApproval) => ({
      who,
      requestsNeedApproval,
      // Only a coordinator's own requests skip the wait.
      expected:
        requestsNeedApproval && !(COORDINATORS as readonly string[]).includes(who) ? 'new' : 'open',
    })),
  );

  it.each(cases)(
    '$expected when $who creates it and requestsNeedApproval is $requestsNeedApproval',
    ({ who, requestsNeedApproval, expected }) => {
      expect(initialRequestStatus({ requestsNeedApproval }, CAST[who])).toBe(expected);
    },
  );

  it.each([
    { requestsNeedApproval: true, expected: 'new' },
    { requestsNeedApproval: false, expected: 'open' },
  ])(
    '$expected through prepareCreate for a member when requestsNeedApproval is $requestsNeedApproval',
    ({ requestsNeedApproval, expected }) => {
      const input = makeRequest({ status: 'done', assigneeId: IDS.member, closeReason: 'other' });
      const outcome = prepareCreate(
        CAST.requester,
        'request',
        input,
        makeGroup({ requestsNeedApproval }),
        NOW,
        isMember,
      );
      expect(outcome).toMatchObject({
        ok: true,
        record: { status: expected, assigneeId: null, closeReason: null, updatedAt: NOW },
      });
    },
  );

  it('open when a coordinator enters it on behalf of a neighbour, even with approval on', () => {
    const outcome = prepareCreate(
      CAST.coordinator,
      'request',
      makeOnBehalfRequest({ status: 'new' }),
      makeGroup({ requestsNeedApproval: true }),
      NOW,
      isMember,
    );
    expect(outcome).toMatchObject({ ok: true, record: { status: 'open' } });
  });
});
