import 'fake-indexeddb/auto';
import {
  defaultGroupSettings,
  newId,
  type Group,
  type Membership,
  type Request,
  type Role,
  type Task,
} from '../../../src/lib/domain';
import { toRow, useDatabase, type NeighborlyDB } from '../../../src/lib/db';
import { setMeta } from '../../../src/lib/db/meta';

let counter = 0;

/** A fresh, empty database for one test (fake-indexeddb keeps databases per name). */
export function freshDb(): NeighborlyDB {
  counter += 1;
  return useDatabase(`test-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`);
}

export const T0 = '2026-03-02T10:00:00.000Z';

export function makeGroup(overrides: Partial<Group> = {}): Group {
  const id = overrides.id ?? newId();
  return {
    id,
    type: 'group',
    groupId: id,
    createdAt: T0,
    createdBy: overrides.createdBy ?? newId(),
    updatedAt: T0,
    archived: false,
    ...defaultGroupSettings('Elm Street'),
    neighborhoods: ['North', 'South'],
    ...overrides,
  };
}

export function makeMembership(
  group: Group,
  userId: string,
  role: Role = 'member',
  overrides: Partial<Membership> = {},
): Membership {
  return {
    id: newId(),
    type: 'membership',
    groupId: group.id,
    createdAt: T0,
    createdBy: userId,
    updatedAt: T0,
    archived: false,
    userId,
    displayName: `User ${userId.slice(-4)}`,
    role,
    status: 'active',
    neighborhoods: [],
    languages: ['en'],
    skills: [],
    ...overrides,
  };
}

export function makeRequest(group: Group, overrides: Partial<Request> = {}): Request {
  const requesterId = overrides.requesterId === undefined ? newId() : overrides.requesterId;
  return {
    id: newId(),
    type: 'request',
    groupId: group.id,
    createdAt: T0,
    createdBy: requesterId ?? newId(),
    updatedAt: T0,
    archived: false,
    category: 'groceries',
    title: 'Groceries for the week',
    details: '',
    neighborhood: 'North',
    urgency: 'soon',
    neededBy: null,
    contactless: true,
    recurring: null,
    status: 'open',
    closeReason: null,
    closeNote: '',
    requesterId,
    onBehalfOf: requesterId === null ? 'Mrs Lee' : null,
    assigneeId: null,
    ...overrides,
  };
}

export function makeTask(group: Group, overrides: Partial<Task> = {}): Task {
  return {
    id: newId(),
    type: 'task',
    groupId: group.id,
    createdAt: T0,
    createdBy: newId(),
    updatedAt: T0,
    archived: false,
    requestId: null,
    title: 'Pantry shift',
    details: '',
    checklist: [],
    due: null,
    assigneeId: null,
    status: 'open',
    ...overrides,
  };
}

/**
 * A signed-in user with an active membership in a new group, stored on the device:
 * the usual starting point of a service test.
 */
export async function signedInMember(
  database: NeighborlyDB,
  role: Role = 'member',
  groupOverrides: Partial<Group> = {},
) {
  const userId = newId();
  const group = makeGroup(groupOverrides);
  const membership = makeMembership(group, userId, role);
  await database.groups.put(toRow(group));
  await database.memberships.put(toRow(membership));
  await setMeta('session', {
    user: { id: userId, name: 'Ana', login: 'ana@example.org' },
    signedInAt: T0,
  });
  return { userId, group, membership };
}
