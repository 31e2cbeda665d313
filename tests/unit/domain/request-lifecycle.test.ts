import { describe, expect, it } from 'vitest';
import {
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  applyRequestTransition,
  availableRequestActions,
  decideRequestAction,
  initialRequestStatus,
  prepareCreate,
  type ClaimingMode,
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
  makeGroup,
  makeOnBehalfRequest,
  makeRequest,
  type CastMember,
} from '../../fixtures/records';

/*
 * The tables below spell out DESIGN.md's request lifecycle and permission table as data, and
 * every case of action × status × actor × group setting is checked against them.
 */

type Expected = 'ok' | 'forbidden' | 'illegal_transition' | 'already_claimed' | 'invalid';

const CLAIMING: readonly ClaimingMode[] = ['anyone', 'coordinators_assign'];

/** Statuses in which someone (IDS.assignee) holds the request. */
const HELD: readonly RequestStatus[] = ['claimed', 'in_progress', 'done'];

/** Which statuses each action leaves from (DESIGN.md; see the notes on release/complete). */
const FROM: Record<RequestAction, readonly RequestStatus[]> = {
  approve: ['new'],
  claim: ['open'],
  // Reassigning a held request is a coordinator's triage.
  assign: ['open', 'claimed', 'in_progress'],
  // DESIGN.md draws `claimed → open`; releasing after starting is allowed as well.
  release: ['claimed', 'in_progress'],
  start: ['claimed'],
  // DESIGN.md draws `claimed → in_progress → done`; finishing without "start" is allowed.
  complete: ['claimed', 'in_progress'],
  cancel: ['new', 'open', 'claimed', 'in_progress'],
  reopen: ['done', 'cancelled'],
};

const TO: Record<RequestAction, RequestStatus> = {
  approve: 'open',
  claim: 'claimed',
  assign: 'claimed',
  release: 'open',
  start: 'in_progress',
  complete: 'done',
  cancel: 'cancelled',
  reopen: 'open',
};

function storedRequest(status: RequestStatus) {
  return makeRequest({
    status,
    assigneeId: HELD.includes(status) ? IDS.assignee : null,
    closeReason: status === 'cancelled' ? 'withdrawn' : null,
  });
}

function holds(kind: CastMember, status: RequestStatus): boolean {
  return kind === 'assignee' && HELD.includes(status);
}

/** What DESIGN.md's permission table says about `kind` taking `action` now. */
function expectedDecision(
  kind: CastMember,
  action: RequestAction,
  status: RequestStatus,
  claiming: ClaimingMode,
): Expected {
  if (!ACTIVE_CAST.includes(kind)) return 'forbidden';
  const heldByOther = HELD.includes(status) && !holds(kind, status);
  if (!FROM[action].includes(status)) {
    // "A claim of a request that someone else claimed first is rejected" as already_claimed.
    return action === 'claim' && heldByOther ? 'already_claimed' : 'illegal_transition';
  }
  const coordinator = kind === 'coordinator';
  switch (action) {
    case 'approve':
    case 'reopen':
    case 'assign':
      return coordinator ? 'ok' : 'forbidden';
    case 'claim':
      // Nobody claims their own request: they asked for the help.
      if (kind === 'requester') return 'forbidden';
      return coordinator || claiming === 'anyone' ? 'ok' : 'forbidden';
    case 'release':
    case 'start':
    case 'complete':
      return coordinator || holds(kind, status) ? 'ok' : 'forbidden';
    case 'cancel':
      return coordinator || kind === 'requester' ? 'ok' : 'forbidden';
  }
}

const decisionCases = CAST_MEMBERS.flatMap((kind) =>
  REQUEST_ACTIONS.flatMap((action) =>
    REQUEST_STATUSES.flatMap((status) =>
      CLAIMING.map((claiming) => {
        const expected = expectedDecision(kind, action, status, claiming);
        const title = `${kind} may ${action} a ${status} request (claiming: ${claiming}): ${expected}`;
        return [title, { kind, action, status, claiming, expected }] as const;
      }),
    ),
  ),
);

describe('decideRequestAction', () => {
  it.each(decisionCases)('%s', (_title, { kind, action, status, claiming, expected }) => {
    const decision = decideRequestAction(
      CAST[kind],
      action,
      storedRequest(status),
      { claiming },
      action === 'assign' ? IDS.helper : undefined,
    );
    expect(decision.ok ? 'ok' : decision.code).toBe(expected);
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

  it('lets the requester cancel their request after it was claimed by someone else', () => {
    expect(
      decideRequestAction(CAST.requester, 'cancel', storedRequest('in_progress'), {
        claiming: 'anyone',
      }),
    ).toEqual({ ok: true });
  });
});

describe('availableRequestActions', () => {
  const cases = CAST_MEMBERS.flatMap((kind) =>
    REQUEST_STATUSES.flatMap((status) =>
      CLAIMING.map((claiming) => {
        const expected = REQUEST_ACTIONS.filter(
          (action) => expectedDecision(kind, action, status, claiming) === 'ok',
        );
        const title = `offers ${kind} on a ${status} request (claiming: ${claiming}): [${expected.join(', ')}]`;
        return [title, { kind, status, claiming, expected }] as const;
      }),
    ),
  );

  it.each(cases)('%s', (_title, { kind, status, claiming, expected }) => {
    expect(availableRequestActions(CAST[kind], storedRequest(status), { claiming })).toEqual(
      expected,
    );
  });

  it('offers nothing but the lifecycle to a member of a finished request', () => {
    expect(
      availableRequestActions(CAST.member, storedRequest('done'), { claiming: 'anyone' }),
    ).toEqual([]);
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

/** Which action a transition to `input` means, read against the stored status. */
function actionFor(status: RequestStatus, name: InputName, kind: CastMember): RequestAction | null {
  const rule = (action: RequestAction) => (FROM[action].includes(status) ? action : null);
  switch (name) {
    case 'open':
      return rule('approve') ?? rule('release') ?? rule('reopen');
    case 'claimSelf':
      // Claiming for yourself is a claim, whatever the stored status: a held request gets
      // already_claimed, not a permission error about assigning.
      return status === 'open'
        ? 'claim'
        : rule('assign') && (kind === 'coordinator' ? 'assign' : 'claim');
    case 'assignHelper':
      return rule('assign');
    case 'in_progress':
      return rule('start');
    case 'done':
      return rule('complete');
    case 'cancelled':
      return rule('cancel');
    default:
      return null;
  }
}

function isReplay(status: RequestStatus, name: InputName, kind: CastMember): boolean {
  const input: TransitionInput = INPUTS[name];
  if (input.to !== status) return false;
  if (status !== 'claimed') return true;
  const wanted = input.assigneeId ?? CAST[kind].userId;
  return wanted === IDS.assignee;
}

const transitionCases = CAST_MEMBERS.flatMap((kind) =>
  (Object.keys(INPUTS) as InputName[]).flatMap((name) =>
    REQUEST_STATUSES.flatMap((status) =>
      CLAIMING.flatMap((claiming) => {
        const active = ACTIVE_CAST.includes(kind);
        let expected: Expected | 'unchanged';
        let action: RequestAction | null = null;
        if (isReplay(status, name, kind)) {
          // Replays by people outside the group are checked on their own, below.
          if (!active) return [];
          expected = 'unchanged';
        } else {
          action = actionFor(status, name, kind);
          // A move the lifecycle does not have is illegal for anyone: the lifecycle is checked
          // before the actor.
          expected =
            action === null
              ? 'illegal_transition'
              : expectedDecision(kind, action, status, claiming);
        }
        const title = `${kind} asking a ${status} request for ${name} (claiming: ${claiming}): ${expected}`;
        return [[title, { kind, name, status, claiming, action, expected }] as const];
      }),
    ),
  ),
);

describe('applyRequestTransition', () => {
  it.each(transitionCases)('%s', (_title, { kind, name, status, claiming, action, expected }) => {
    const stored = storedRequest(status);
    const actor = CAST[kind];
    const input: TransitionInput = INPUTS[name];
    const outcome = applyRequestTransition(actor, stored, { claiming }, input, NOW);

    if (expected === 'unchanged') {
      expect(outcome).toEqual({
        ok: true,
        changed: false,
        record: stored,
        action: null,
        from: status,
      });
      return;
    }
    if (expected !== 'ok') {
      expect(outcome.ok ? 'ok' : outcome.code).toBe(expected);
      if (!outcome.ok && expected === 'already_claimed') {
        expect(outcome.holderId).toBe(IDS.assignee);
      }
      return;
    }
    if (!outcome.ok || action === null) throw new Error(`expected ${action} to apply`);
    expect(outcome.changed).toBe(true);
    expect(outcome.action).toBe(action);
    expect(outcome.from).toBe(status);
    const assigneeId =
      action === 'claim'
        ? actor.userId
        : action === 'assign'
          ? (input.assigneeId ?? actor.userId)
          : action === 'release' || action === 'reopen'
            ? null
            : stored.assigneeId;
    expect(outcome.record).toEqual({
      ...stored,
      status: TO[action],
      updatedAt: NOW,
      assigneeId,
      closeReason:
        action === 'cancel' ? 'duplicate' : action === 'reopen' ? null : stored.closeReason,
      closeNote: action === 'cancel' ? 'Same as #12' : action === 'reopen' ? '' : stored.closeNote,
    });
  });

  it.each([
    ['non-member', 'nonmember'],
    ['pending member', 'pending'],
    ['removed member', 'removed'],
    ['removed coordinator', 'removedCoordinator'],
  ] as const)(
    'refuses a %s who repeats the transition a request already made, rather than answering ok',
    (_label, kind) => {
      for (const status of REQUEST_STATUSES.filter((s) => s !== 'claimed')) {
        const outcome = applyRequestTransition(
          CAST[kind],
          storedRequest(status),
          { claiming: 'anyone' },
          { to: status, closeReason: 'other' },
          NOW,
        );
        expect(outcome, status).toEqual({ ok: false, code: 'forbidden' });
      }
    },
  );

  it('requires a close reason to cancel', () => {
    const outcome = applyRequestTransition(
      CAST.requester,
      storedRequest('open'),
      { claiming: 'anyone' },
      { to: 'cancelled' },
      NOW,
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
    );
    if (!first.ok) throw new Error('first claim must apply');
    expect(first.record).toMatchObject({ status: 'claimed', assigneeId: IDS.member });
    const again = applyRequestTransition(CAST.member, first.record, group, { to: 'claimed' }, NOW);
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
    );
    if (!first.ok) throw new Error('first claim must apply');
    const second = applyRequestTransition(
      CAST.assignee,
      first.record,
      group,
      { to: 'claimed' },
      NOW,
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
    );
    expect(outcome).toMatchObject({
      ok: true,
      action: 'reopen',
      record: { status: 'open', assigneeId: null, closeReason: null, closeNote: '' },
    });
  });

  it('keeps every other field of the request as it was', () => {
    const stored = storedRequest('claimed');
    const outcome = applyRequestTransition(
      CAST.assignee,
      stored,
      { claiming: 'anyone' },
      { to: 'in_progress' },
      NOW,
    );
    if (!outcome.ok) throw new Error('start must apply');
    const { status: _status, updatedAt: _updatedAt, ...rest } = outcome.record;
    const { status: _s, updatedAt: _u, ...storedRest } = stored;
    expect(rest).toEqual(storedRest);
  });
});

describe('a new request starts', () => {
  const cases = CAST_MEMBERS.flatMap((kind) =>
    [true, false].map((requestsNeedApproval) => ({
      kind,
      requestsNeedApproval,
      expected: requestsNeedApproval && kind !== 'coordinator' ? 'new' : 'open',
    })),
  );

  it.each(cases)(
    '$expected when $kind creates it and requestsNeedApproval is $requestsNeedApproval',
    ({ kind, requestsNeedApproval, expected }) => {
      expect(initialRequestStatus({ requestsNeedApproval }, CAST[kind])).toBe(expected);
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
    );
    expect(outcome).toMatchObject({ ok: true, record: { status: 'open' } });
  });
});
