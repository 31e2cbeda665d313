import { describe, expect, it } from 'vitest';
import {
  TASK_ACTIONS,
  TASK_STATUSES,
  applyTaskTransition,
  availableTaskActions,
  decideTaskAction,
  prepareCreate,
  type ClaimingMode,
  type TaskAction,
  type TaskStatus,
  type TransitionInput,
} from '../../../src/lib/domain';
import { CAST, IDS, NOW, makeGroup, makeTask } from '../../fixtures/records';

/*
 * Tasks are group jobs (a pantry shift, or a step of a request): coordinators create and
 * assign them, members pick them up where the group lets anyone claim. The same cast as the
 * request tables, with `creator` a member who made the task (say, a coordinator since demoted).
 */

type Expected = 'ok' | 'forbidden' | 'illegal_transition' | 'already_claimed' | 'invalid';

const PEOPLE = {
  coordinator: CAST.coordinator,
  creator: CAST.requester,
  assignee: CAST.assignee,
  member: CAST.member,
  nonmember: CAST.nonmember,
  pending: CAST.pending,
  removed: CAST.removed,
  removedCoordinator: CAST.removedCoordinator,
};
type Person = keyof typeof PEOPLE;
const PERSONS = Object.keys(PEOPLE) as Person[];
const ACTIVE: readonly Person[] = ['coordinator', 'creator', 'assignee', 'member'];

const CLAIMING: readonly ClaimingMode[] = ['anyone', 'coordinators_assign'];
const HELD: readonly TaskStatus[] = ['claimed', 'done'];

const FROM: Record<TaskAction, readonly TaskStatus[]> = {
  claim: ['open'],
  assign: ['open', 'claimed'],
  release: ['claimed'],
  complete: ['claimed'],
  cancel: ['open', 'claimed'],
  reopen: ['done', 'cancelled'],
};

const TO: Record<TaskAction, TaskStatus> = {
  claim: 'claimed',
  assign: 'claimed',
  release: 'open',
  complete: 'done',
  cancel: 'cancelled',
  reopen: 'open',
};

function storedTask(status: TaskStatus) {
  return makeTask({
    status,
    createdBy: IDS.requester,
    assigneeId: HELD.includes(status) ? IDS.assignee : null,
  });
}

function expectedDecision(
  person: Person,
  action: TaskAction,
  status: TaskStatus,
  claiming: ClaimingMode,
): Expected {
  if (!ACTIVE.includes(person)) return 'forbidden';
  const holder = person === 'assignee' && HELD.includes(status);
  if (!FROM[action].includes(status)) {
    return action === 'claim' && HELD.includes(status) && !holder
      ? 'already_claimed'
      : 'illegal_transition';
  }
  const coordinator = person === 'coordinator';
  switch (action) {
    case 'claim':
      return coordinator || claiming === 'anyone' ? 'ok' : 'forbidden';
    case 'assign':
    case 'reopen':
      return coordinator ? 'ok' : 'forbidden';
    case 'release':
    case 'complete':
      return coordinator || holder ? 'ok' : 'forbidden';
    case 'cancel':
      return coordinator || person === 'creator' ? 'ok' : 'forbidden';
  }
}

const decisionCases = PERSONS.flatMap((person) =>
  TASK_ACTIONS.flatMap((action) =>
    TASK_STATUSES.flatMap((status) =>
      CLAIMING.map((claiming) => {
        const expected = expectedDecision(person, action, status, claiming);
        const title = `${person} may ${action} a ${status} task (claiming: ${claiming}): ${expected}`;
        return [title, { person, action, status, claiming, expected }] as const;
      }),
    ),
  ),
);

describe('decideTaskAction', () => {
  it.each(decisionCases)('%s', (_title, { person, action, status, claiming, expected }) => {
    const decision = decideTaskAction(
      PEOPLE[person],
      action,
      storedTask(status),
      { claiming },
      action === 'assign' ? IDS.helper : undefined,
    );
    expect(decision.ok ? 'ok' : decision.code).toBe(expected);
  });

  it('rejects an assignment that names nobody as invalid', () => {
    expect(
      decideTaskAction(CAST.coordinator, 'assign', storedTask('open'), { claiming: 'anyone' }),
    ).toEqual({ ok: false, code: 'invalid' });
  });
});

describe('availableTaskActions', () => {
  const cases = PERSONS.flatMap((person) =>
    TASK_STATUSES.flatMap((status) =>
      CLAIMING.map((claiming) => {
        const expected = TASK_ACTIONS.filter(
          (action) => expectedDecision(person, action, status, claiming) === 'ok',
        );
        const title = `offers ${person} on a ${status} task (claiming: ${claiming}): [${expected.join(', ')}]`;
        return [title, { person, status, claiming, expected }] as const;
      }),
    ),
  );

  it.each(cases)('%s', (_title, { person, status, claiming, expected }) => {
    expect(availableTaskActions(PEOPLE[person], storedTask(status), { claiming })).toEqual(
      expected,
    );
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

function actionFor(status: TaskStatus, name: InputName, person: Person): TaskAction | null {
  const rule = (action: TaskAction) => (FROM[action].includes(status) ? action : null);
  switch (name) {
    case 'open':
      return rule('release') ?? rule('reopen');
    case 'claimSelf':
      // Claiming for yourself stays a claim: a task someone else holds is already_claimed.
      if (status === 'open') return 'claim';
      return rule('assign') && (person === 'coordinator' ? 'assign' : 'claim');
    case 'assignHelper':
      return rule('assign');
    case 'done':
      return rule('complete');
    case 'cancelled':
      return rule('cancel');
    default:
      return null;
  }
}

function isReplay(status: TaskStatus, name: InputName, person: Person): boolean {
  const input: TransitionInput = INPUTS[name];
  if (input.to !== status) return false;
  if (status !== 'claimed') return true;
  return (input.assigneeId ?? PEOPLE[person].userId) === IDS.assignee;
}

const transitionCases = PERSONS.flatMap((person) =>
  (Object.keys(INPUTS) as InputName[]).flatMap((name) =>
    TASK_STATUSES.flatMap((status) =>
      CLAIMING.flatMap((claiming) => {
        const active = ACTIVE.includes(person);
        let expected: Expected | 'unchanged';
        let action: TaskAction | null = null;
        if (isReplay(status, name, person)) {
          if (!active) return [];
          expected = 'unchanged';
        } else {
          action = actionFor(status, name, person);
          expected =
            action === null
              ? 'illegal_transition'
              : expectedDecision(person, action, status, claiming);
        }
        const title = `${person} asking a ${status} task for ${name} (claiming: ${claiming}): ${expected}`;
        return [[title, { person, name, status, claiming, action, expected }] as const];
      }),
    ),
  ),
);

describe('applyTaskTransition', () => {
  it.each(transitionCases)('%s', (_title, { person, name, status, claiming, action, expected }) => {
    const stored = storedTask(status);
    const actor = PEOPLE[person];
    const input: TransitionInput = INPUTS[name];
    const outcome = applyTaskTransition(actor, stored, { claiming }, input, NOW);

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
      return;
    }
    if (!outcome.ok || action === null) throw new Error(`expected ${action} to apply`);
    expect(outcome).toMatchObject({ changed: true, action, from: status });
    const assigneeId =
      action === 'claim' || action === 'assign'
        ? (input.assigneeId ?? actor.userId)
        : action === 'release' || action === 'reopen'
          ? null
          : stored.assigneeId;
    expect(outcome.record).toEqual({ ...stored, status: TO[action], updatedAt: NOW, assigneeId });
  });

  it.each([
    ['non-member', CAST.nonmember],
    ['pending member', CAST.pending],
    ['removed member', CAST.removed],
  ] as const)(
    'refuses a %s who repeats the transition a task already made, rather than answering ok',
    (_label, actor) => {
      for (const status of ['open', 'done', 'cancelled'] as const) {
        const outcome = applyTaskTransition(
          actor,
          storedTask(status),
          { claiming: 'anyone' },
          { to: status },
          NOW,
        );
        expect(outcome, status).toEqual({ ok: false, code: 'forbidden' });
      }
    },
  );

  it('tells the second of two claimers who holds the task', () => {
    const group = { claiming: 'anyone' as const };
    const first = applyTaskTransition(
      CAST.member,
      storedTask('open'),
      group,
      { to: 'claimed' },
      NOW,
    );
    if (!first.ok) throw new Error('first claim must apply');
    const second = applyTaskTransition(CAST.assignee, first.record, group, { to: 'claimed' }, NOW);
    expect(second).toEqual({ ok: false, code: 'already_claimed', holderId: IDS.member });
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
    );
    expect(outcome).toMatchObject({
      ok: true,
      record: { status: 'claimed', assigneeId: IDS.helper },
    });
  });

  it('may not be created by a member', () => {
    const outcome = prepareCreate(
      CAST.member,
      'task',
      makeTask({ createdBy: IDS.member }),
      makeGroup(),
      NOW,
    );
    expect(outcome).toEqual({ ok: false, code: 'forbidden' });
  });
});
