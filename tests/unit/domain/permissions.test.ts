import { describe, expect, it } from 'vitest';
import { can, editableFields, redact, type Action, type AnyRecord } from '../../../src/lib/domain';
import {
  CAST,
  IDS,
  makeGroup,
  makeLog,
  makeMembership,
  makeOffer,
  makeOnBehalfRequest,
  makeRequest,
  makeTask,
} from '../../fixtures/records';

/*
 * DESIGN.md's permission table, record by record. `author` made the record (and is the
 * requester of the request, the member of the membership); `assignee` holds the request or
 * task; `member` is anyone else in the group.
 */

const PEOPLE = {
  coordinator: CAST.coordinator,
  author: CAST.requester,
  assignee: CAST.assignee,
  member: CAST.member,
  nonmember: CAST.nonmember,
  pending: CAST.pending,
  removed: CAST.removed,
  removedCoordinator: CAST.removedCoordinator,
};
type Person = keyof typeof PEOPLE;
const PERSONS = Object.keys(PEOPLE) as Person[];

const RECORDS = {
  request: makeRequest({ status: 'claimed', assigneeId: IDS.assignee }),
  'on-behalf request': makeOnBehalfRequest({ status: 'claimed', assigneeId: IDS.assignee }),
  offer: makeOffer({ createdBy: IDS.requester }),
  task: makeTask({ createdBy: IDS.requester, status: 'claimed', assigneeId: IDS.assignee }),
  group: makeGroup(),
  membership: makeMembership({ userId: IDS.requester, createdBy: IDS.requester }),
  log: makeLog(),
} satisfies Record<string, AnyRecord>;
type RecordName = keyof typeof RECORDS;
const RECORD_NAMES = Object.keys(RECORDS) as RecordName[];

const ACTIVE: Person[] = ['coordinator', 'author', 'assignee', 'member'];
const COORDINATOR: Person[] = ['coordinator'];
const NOBODY: Person[] = [];

/** Who may take each action on each record; everyone else may not. */
const TABLE: Record<Action, Record<RecordName, Person[]>> = {
  view: {
    request: ACTIVE,
    'on-behalf request': ACTIVE,
    offer: ACTIVE,
    task: ACTIVE,
    group: ACTIVE,
    membership: ACTIVE,
    log: ACTIVE,
  },
  // A request's private part: coordinators, the requester and the assignee. A membership's:
  // coordinators and the member themself. Other records have none to hide.
  view_private: {
    request: ['coordinator', 'author', 'assignee'],
    'on-behalf request': ['coordinator', 'assignee'],
    offer: ACTIVE,
    task: ACTIVE,
    group: ACTIVE,
    membership: ['coordinator', 'author'],
    log: ACTIVE,
  },
  // Members post their own requests and offers; only coordinators post on behalf of a
  // neighbour or create tasks; groups, memberships and logs are made another way.
  create: {
    request: ['author'],
    'on-behalf request': COORDINATOR,
    offer: ['author'],
    task: COORDINATOR,
    group: NOBODY,
    membership: NOBODY,
    log: NOBODY,
  },
  create_on_behalf: everywhere(COORDINATOR),
  manage_members: everywhere(COORDINATOR),
  manage_invites: everywhere(COORDINATOR),
  edit_group: everywhere(COORDINATOR),
  // "Edit or cancel a request: own / any"; logs are append-only.
  edit: {
    request: ['coordinator', 'author'],
    'on-behalf request': COORDINATOR,
    offer: ['coordinator', 'author'],
    task: ['coordinator', 'author'],
    group: COORDINATOR,
    membership: ['author'],
    log: NOBODY,
  },
  archive: {
    request: ['coordinator', 'author'],
    'on-behalf request': COORDINATOR,
    offer: ['coordinator', 'author'],
    task: COORDINATOR,
    group: COORDINATOR,
    membership: NOBODY,
    log: NOBODY,
  },
  append_log: {
    request: ['coordinator', 'author', 'assignee'],
    'on-behalf request': ['coordinator', 'assignee'],
    offer: NOBODY,
    task: ['coordinator', 'assignee'],
    group: NOBODY,
    membership: NOBODY,
    log: NOBODY,
  },
};

function everywhere(people: Person[]): Record<RecordName, Person[]> {
  return Object.fromEntries(RECORD_NAMES.map((name) => [name, people])) as Record<
    RecordName,
    Person[]
  >;
}

const canCases = (Object.keys(TABLE) as Action[]).flatMap((action) =>
  RECORD_NAMES.flatMap((recordName) =>
    PERSONS.map((person) => {
      const allowed = TABLE[action][recordName].includes(person);
      const title = `${person} ${allowed ? 'may' : 'may not'} ${action} a ${recordName}`;
      return [title, { action, recordName, person, allowed }] as const;
    }),
  ),
);

describe('can', () => {
  it.each(canCases)('%s', (_title, { action, recordName, person, allowed }) => {
    expect(can(PEOPLE[person], action, RECORDS[recordName])).toBe(allowed);
  });

  it('lets a member create a request only in their own name', () => {
    const forSomeoneElse = makeRequest({ requesterId: IDS.member, createdBy: IDS.requester });
    expect(can(CAST.requester, 'create', forSomeoneElse)).toBe(false);
    expect(can(CAST.member, 'create', forSomeoneElse)).toBe(true);
  });

  it('lets a member create an offer only in their own name', () => {
    expect(can(CAST.member, 'create', makeOffer({ createdBy: IDS.requester }))).toBe(false);
  });

  it('loses the assignee their view of the private part once the request is released', () => {
    const released = makeRequest({ status: 'open', assigneeId: null });
    expect(can(CAST.assignee, 'view_private', released)).toBe(false);
  });
});

const REQUEST_FIELDS = [
  'category',
  'title',
  'details',
  'neighborhood',
  'urgency',
  'neededBy',
  'contactless',
  'recurring',
  'private',
];
const FIELDS: Record<RecordName, Partial<Record<Person, string[]>>> = {
  // Status, assignee and close reason move only by transitions; the name of the neighbour
  // only on a request entered on their behalf, by a coordinator.
  request: { coordinator: REQUEST_FIELDS, author: REQUEST_FIELDS },
  'on-behalf request': {
    coordinator: [...REQUEST_FIELDS.slice(0, 8), 'onBehalfOf', 'private'],
  },
  offer: {
    coordinator: ['category', 'title', 'details', 'neighborhood', 'availability', 'status'],
    author: ['category', 'title', 'details', 'neighborhood', 'availability', 'status'],
  },
  task: {
    coordinator: ['title', 'details', 'checklist', 'due'],
    author: ['title', 'details', 'checklist', 'due'],
  },
  group: {
    coordinator: [
      'name',
      'description',
      'area',
      'neighborhoods',
      'languages',
      'listed',
      'contactLinks',
      'safetyGuidelines',
      'categories',
      'joinPolicy',
      'requestsNeedApproval',
      'claiming',
      'exchangeMode',
    ],
  },
  // A member's own profile; role and status are a coordinator's, through member management.
  membership: { author: ['displayName', 'neighborhoods', 'languages', 'skills', 'private'] },
  log: {},
};

describe('editableFields', () => {
  const cases = RECORD_NAMES.flatMap((recordName) =>
    PERSONS.map((person) => {
      const expected = FIELDS[recordName][person] ?? [];
      const title = `${person} may change on a ${recordName}: ${expected.length ? expected.join(', ') : 'nothing'}`;
      return [title, { recordName, person, expected }] as const;
    }),
  );

  it.each(cases)('%s', (_title, { recordName, person, expected }) => {
    expect([...editableFields(PEOPLE[person], RECORDS[recordName])].sort()).toEqual(
      [...expected].sort(),
    );
  });
});

describe('redact', () => {
  const privateReaders = TABLE.view_private;
  const cases = RECORD_NAMES.flatMap((recordName) =>
    PERSONS.map((person) => {
      const outcome = !TABLE.view[recordName].includes(person)
        ? 'nothing'
        : 'private' in RECORDS[recordName] && !privateReaders[recordName].includes(person)
          ? 'the record without its private part'
          : 'the whole record';
      return [
        `gives ${person} ${outcome} of a ${recordName}`,
        { recordName, person, outcome },
      ] as const;
    }),
  );

  it.each(cases)('%s', (_title, { recordName, person, outcome }) => {
    const record = RECORDS[recordName];
    const before = structuredClone(record);
    const result = redact(record, PEOPLE[person]);
    if (outcome === 'nothing') {
      expect(result).toBeNull();
    } else if (outcome === 'the whole record') {
      expect(result).toEqual(record);
    } else {
      const { private: _hidden, ...rest } = record as AnyRecord & { private?: unknown };
      expect(result).toEqual(rest);
      expect(result).not.toHaveProperty('private');
    }
    expect(record, 'the stored record is left as it was').toEqual(before);
  });

  it('keeps a request without a private part as it is for any member', () => {
    const { private: _p, ...bare } = makeRequest();
    expect(redact(bare, CAST.member)).toEqual(bare);
  });
});
