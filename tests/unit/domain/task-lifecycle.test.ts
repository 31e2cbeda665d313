import { describe, expect, it } from 'vitest';
import {
  TASK_ACTIONS,
  TASK_STATUSES,
  applyTaskTransition,
  availableTaskActions,
  can,
  decideTaskAction,
  prepareCreate,
  type Actor,
  type ClaimingMode,
  type Task,
  type TaskAction,
  type TaskStatus,
  type TransitionInput,
} from '../../../src/lib/domain';
import { CAST, IDS, NOW, isMember, makeGroup, makeTask } from '../../fixtures/records';

/*
 * Tasks are group jobs (a pantry shift, or a step of a request): coordinators create and
 * assign them, members pick them up where the group lets anyone claim. The task was made by
 * IDS.requester (`creator`: say, a coordinator since demoted) and, once claimed, is held by
 * IDS.assignee; `coordinatorCreator` and `coordinatorAssignee` are those people as
 * coordinators. Who may do what is written out below as data.
 */

type Code = 'forbidden' | 'illegal_transition' | 'already_claimed' | 'invalid';
type Settings = { claiming: ClaimingMode; requestsNeedApproval: boolean };

const SETTINGS: readonly Settings[] = [
  { claiming: 'anyone', requestsNeedApproval: false },
  { claiming: 'anyone', requestsNeedApproval: true },
  { claiming: 'coordinators_assign', requestsNeedApproval: false },
  { claiming: 'coordinators_assign', requestsNeedApproval: true },
];

const PEOPLE = {
  coordinator: CAST.coordinator,
  coordinatorCreator: CAST.coordinatorRequester,
  coordinatorAssignee: CAST.coordinatorAssignee,
  creator: CAST.requester,
  assignee: CAST.assignee,
  member: CAST.member,
  nonmember: CAST.nonmember,
  pending: CAST.pending,
  removed: CAST.removed,
  removedCoordinator: CAST.removedCoordinator,
} satisfies Record<string, Actor>;
type Person = keyof typeof PEOPLE;
const PERSONS = Object.keys(PEOPLE) as Person[];
const ACTIVE: readonly Person[] = [
  'coordinator',
  'coordinatorCreator',
  'coordinatorAssignee',
  'creator',
  'assignee',
  'member',
];

const COORDINATORS = ['coordinator', 'coordinatorCreator', 'coordinatorAssignee'] as const;
const HOLDERS = [...COORDINATORS, 'assignee'] as const;
const MAKERS = [...COORDINATORS, 'creator'] as const;
const NOT_HOLDING = ['coordinator', 'coordinatorCreator', 'creator', 'member'] as const;

type Who = readonly Person[] | Record<ClaimingMode, readonly Person[]>;

function whoMay(who: Who, claiming: ClaimingMode): readonly Person[] {
  return Array.isArray(who) ? who : (who as Record<ClaimingMode, readonly Person[]>)[claiming];
}

/**
 * Who may take each move from each status (`decideTaskAction`, and `can` with the group);
 * an assignment names IDS.helper. Other active people are refused `forbidden` in a listed
 * status and `illegal_transition` elsewhere, except where `ALREADY_CLAIMED` says they are
 * told someone holds it.
 */
const MAY: Record<TaskAction, Partial<Record<TaskStatus, Who>>> = {
  claim: {
    // A task has no requester: its creator may pick it up like anyone else.
    open: { anyone: ACTIVE, coordinators_assign: COORDINATORS },
  },
  assign: { open: COORDINATORS, claimed: COORDINATORS },
  release: { claimed: HOLDERS },
  complete: { claimed: HOLDERS },
  cancel: { open: MAKERS, claimed: MAKERS },
  reopen: { done: COORDINATORS, cancelled: COORDINATORS },
};

const ALREADY_CLAIMED: Partial<Record<TaskAction, Partial<Record<TaskStatus, Who>>>> = {
  claim: { claimed: NOT_HOLDING, done: NOT_HOLDING },
};

function storedTask(status: TaskStatus): Task {
  return makeTask({
    status,
    createdBy: IDS.requester,
    assigneeId: status === 'claimed' || status === 'done' ? IDS.assignee : null,
  });
}

function expected(
  who: Person,
  action: TaskAction,
  status: TaskStatus,
  claiming: ClaimingMode,
): 'ok' | Code {
  if (!ACTIVE.includes(who)) return 'forbidden';
  const row = MAY[action][status];
  if (row) return whoMay(row, claiming).includes(who) ? 'ok' : 'forbidden';
  const taken = ALREADY_CLAIMED[action]?.[status];
  return taken && whoMay(taken, claiming).includes(who) ? 'already_claimed' : 'illegal_transition';
}

function label(settings: Settings): string {
  return `claiming ${settings.claiming}, approval ${settings.requestsNeedApproval ? 'on' : 'off'}`;
}

const decisionCases = PERSONS.flatMap((who) =>
  TASK_ACTIONS.flatMap((action) =>
    TASK_STATUSES.flatMap((status) =>
      SETTINGS.map((settings) => {
        const answer = expected(who, action, status, settings.claiming);
        const title = `${who} may ${action} a ${status} task (${label(settings)}): ${answer}`;
        return [title, { who, action, status, settings, answer }] as const;
      }),
    ),
  ),
);

describe('decideTaskAction', () => {
  it.each(decisionCases)('%s', (_title, { who, action, status, settings, answer }) => {
    const decision = decideTaskAction(
      PEOPLE[who],
      action,
      storedTask(status),
      settings,
      action === 'assign' ? IDS.helper : undefined,
    );
    expect(decision.ok ? 'ok' : decision.code).toBe(answer);
  });

  it('rejects an assignment that names nobody as invalid', () => {
    expect(
      decideTaskAction(CAST.coordinator, 'assign', storedTask('open'), { claiming: 'anyone' }),
    ).toEqual({ ok: false, code: 'invalid' });
  });
});

describe('can, for the moves of a task', () => {
  it.each(decisionCases)('%s', (_title, { who, action, status, settings, answer }) => {
    expect(can(PEOPLE[who], action, storedTask(status), settings)).toBe(answer === 'ok');
  });

  it.each(['approve', 'start'] as const)('answers no to %s, which tasks do not have', (action) => {
    expect(can(CAST.coordinator, action, storedTask('open'), makeGroup())).toBe(false);
    expect(can(CAST.coordinator, action, storedTask('claimed'), makeGroup())).toBe(false);
  });
});

describe('availableTaskActions', () => {
  const cases = PERSONS.flatMap((who) =>
    TASK_STATUSES.flatMap((status) =>
      SETTINGS.map((settings) => {
        const actions = TASK_ACTIONS.filter(
          (action) => expected(who, action, status, settings.claiming) === 'ok',
        );
        const title = `offers ${who} on a ${status} task (${label(settings)}): [${actions.join(', ')}]`;
        return [title, { who, status, settings, actions }] as const;
      }),
    ),
  );

  it.each(cases)('%s', (_title, { who, status, settings, actions }) => {
    expect(availableTaskActions(PEOPLE[who], storedTask(status), settings)).toEqual(actions);
  });
});

const INPUTS = {
  open: { to: 'open' },
  claimSelf: { to: 'claimed' },
  assignHelper: { to: 'claimed', assigneeId: IDS.helper },
  done: { to: 'done' },
  cancelled: { to: 'cancelled' },
  // A request status, not a task one.
  in_progress: { to: 'in_progress' },
} satisfies Record<string, TransitionInput>;
type InputName = keyof typeof INPUTS;

interface Row {
  action: TaskAction | null;
  may?: Who;
  replay?: readonly Person[];
  told?: Partial<Record<Person, Code>>;
}

const none: Row = { action: null };
const replayForAll: Row = { action: null, replay: ACTIVE };

/**
 * What `applyTaskTransition` answers each active person asking for each input from each
 * stored status. Asking to be `claimed` yourself of a held task is an assignment to yourself:
 * a coordinator may (taking it over); anyone else is told it is taken.
 */
const APPLY: Record<InputName, Record<TaskStatus, Row>> = {
  open: {
    open: replayForAll,
    claimed: { action: 'release', may: HOLDERS },
    done: { action: 'reopen', may: COORDINATORS },
    cancelled: { action: 'reopen', may: COORDINATORS },
  },
  claimSelf: {
    open: { action: 'claim', may: MAY.claim.open! },
    claimed: {
      action: 'assign',
      may: ['coordinator', 'coordinatorCreator'],
      replay: ['assignee', 'coordinatorAssignee'],
      told: { creator: 'already_claimed', member: 'already_claimed' },
    },
    done: none,
    cancelled: none,
  },
  assignHelper: {
    open: { action: 'assign', may: COORDINATORS },
    claimed: { action: 'assign', may: COORDINATORS },
    done: none,
    cancelled: none,
  },
  done: {
    open: none,
    claimed: { action: 'complete', may: HOLDERS },
    done: replayForAll,
    cancelled: none,
  },
  cancelled: {
    open: { action: 'cancel', may: MAKERS },
    claimed: { action: 'cancel', may: MAKERS },
    done: none,
    cancelled: replayForAll,
  },
  in_progress: { open: none, claimed: none, done: none, cancelled: none },
};

type Answer = 'ok' | 'unchanged' | Code;

function applyAnswer(row: Row, who: Person, claiming: ClaimingMode): Answer {
  if (row.replay?.includes(who)) return 'unchanged';
  if (row.action === null) return 'illegal_transition';
  if (row.may && whoMay(row.may, claiming).includes(who)) return 'ok';
  return row.told?.[who] ?? 'forbidden';
}

const transitionCases = ACTIVE.flatMap((who) =>
  (Object.keys(INPUTS) as InputName[]).flatMap((name) =>
    TASK_STATUSES.flatMap((status) =>
      SETTINGS.map((settings) => {
        const row = APPLY[name][status];
        const answer = applyAnswer(row, who, settings.claiming);
        const title = `${who} asking a ${status} task for ${name} (${label(settings)}): ${answer}`;
        return [title, { who, name, status, settings, action: row.action, answer }] as const;
      }),
    ),
  ),
);

function after(stored: Task, action: TaskAction, input: TransitionInput, actorId: string): Task {
  const to: Record<TaskAction, TaskStatus> = {
    claim: 'claimed',
    assign: 'claimed',
    release: 'open',
    complete: 'done',
    cancel: 'cancelled',
    reopen: 'open',
  };
  const assigneeId: Record<TaskAction, string | null> = {
    claim: actorId,
    assign: input.assigneeId ?? actorId,
    release: null,
    complete: stored.assigneeId,
    cancel: stored.assigneeId,
    reopen: null,
  };
  return { ...stored, status: to[action], updatedAt: NOW, assigneeId: assigneeId[action] };
}

describe('applyTaskTransition', () => {
  it.each(transitionCases)('%s', (_title, { who, name, status, settings, action, answer }) => {
    const stored = storedTask(status);
    const actor = PEOPLE[who];
    const input: TransitionInput = INPUTS[name];
    const outcome = applyTaskTransition(actor, stored, settings, input, NOW, isMember);

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
    ['non-member', CAST.nonmember],
    ['pending member', CAST.pending],
    ['removed member', CAST.removed],
    ['removed coordinator', CAST.removedCoordinator],
  ] as const)('refuses a %s anything, even a move already made', (_label, actor) => {
    for (const name of Object.keys(INPUTS) as InputName[]) {
      for (const status of TASK_STATUSES) {
        const outcome = applyTaskTransition(
          actor,
          storedTask(status),
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

  it('tells the second of two claimers who holds the task', () => {
    const group = { claiming: 'anyone' as const };
    const first = applyTaskTransition(
      CAST.member,
      storedTask('open'),
      group,
      { to: 'claimed' },
      NOW,
      isMember,
    );
    if (!first.ok) throw new Error('first claim must apply');
    const second = applyTaskTransition(
      CAST.assignee,
      first.record,
      group,
      { to: 'claimed', expectedFrom: 'open' },
      NOW,
      isMember,
    );
    expect(second).toEqual({ ok: false, code: 'already_claimed', holderId: IDS.member });
  });
});

describe('applyTaskTransition, when the status moved on since the author saw it', () => {
  it.each([
    ['coordinator', 'open', 'claimed', 'assignHelper', 'already_claimed'],
    ['member', 'open', 'claimed', 'claimSelf', 'already_claimed'],
    ['creator', 'open', 'claimed', 'cancelled', 'illegal_transition'],
    ['coordinator', 'done', 'cancelled', 'open', 'illegal_transition'],
    ['coordinator', 'claimed', 'claimed', 'assignHelper', 'ok'],
    ['assignee', 'open', 'claimed', 'claimSelf', 'unchanged'],
    ['assignee', 'claimed', 'done', 'done', 'unchanged'],
  ] as const)('%s asking a task seen %s, now %s, for %s: %s', (who, saw, now, input, answer) => {
    const outcome = applyTaskTransition(
      PEOPLE[who],
      storedTask(now),
      { claiming: 'anyone' },
      { ...INPUTS[input], expectedFrom: saw },
      NOW,
      isMember,
    );
    expect(!outcome.ok ? outcome.code : outcome.changed ? 'ok' : 'unchanged').toBe(answer);
  });
});

describe('a task assignment', () => {
  it.each([
    ['someone who is no member of the group', IDS.outsider],
    ['someone who left the group', IDS.formerMember],
  ])('to %s is refused, naming the assignee', (_who, assigneeId) => {
    const outcome = applyTaskTransition(
      CAST.coordinator,
      storedTask('open'),
      { claiming: 'anyone' },
      { to: 'claimed', assigneeId },
      NOW,
      isMember,
    );
    expect(outcome).toEqual({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'assigneeId', code: 'not_a_member' }],
    });
  });
});

describe('a new task', () => {
  it('starts open when nobody is named, whatever status the device sent', () => {
    const outcome = prepareCreate(
      CAST.coordinator,
      'task',
      makeTask({ status: 'done' }),
      makeGroup(),
      NOW,
      isMember,
    );
    expect(outcome).toMatchObject({ ok: true, record: { status: 'open', assigneeId: null } });
  });

  it('starts claimed when a coordinator names who does it', () => {
    const outcome = prepareCreate(
      CAST.coordinator,
      'task',
      makeTask({ status: 'open', assigneeId: IDS.helper }),
      makeGroup(),
      NOW,
      isMember,
    );
    expect(outcome).toMatchObject({
      ok: true,
      record: { status: 'claimed', assigneeId: IDS.helper },
    });
  });

  it('starts claimed by the coordinator who made it for themself', () => {
    const outcome = prepareCreate(
      CAST.coordinator,
      'task',
      makeTask({ assigneeId: IDS.coordinator }),
      makeGroup(),
      NOW,
      () => false,
    );
    expect(outcome).toMatchObject({ ok: true, record: { assigneeId: IDS.coordinator } });
  });

  it.each([
    ['someone who is no member of the group', IDS.outsider],
    ['someone who left the group', IDS.formerMember],
  ])('may not be made for %s', (_who, assigneeId) => {
    const outcome = prepareCreate(
      CAST.coordinator,
      'task',
      makeTask({ assigneeId }),
      makeGroup(),
      NOW,
      isMember,
    );
    expect(outcome).toEqual({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'assigneeId', code: 'not_a_member' }],
    });
  });

  it('may not be created by a member', () => {
    const outcome = prepareCreate(
      CAST.member,
      'task',
      makeTask({ createdBy: IDS.member }),
      makeGroup(),
      NOW,
      isMember,
    );
    expect(outcome).toEqual({ ok: false, code: 'forbidden' });
  });
});
