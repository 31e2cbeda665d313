import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Actor, AnyRecord, Log, Request, Task } from '../../../src/lib/domain';
import type { Mutation } from '../../../src/lib/protocol';
import { applyLocal } from '../../../src/lib/services/apply-local';
import { decideMutation, type Grounds } from '../../../sync-server/sync/decide-mutation';
import {
  CAST,
  IDS,
  NOW,
  isMember,
  makeGroup,
  makeLog,
  makeMembership,
  makeOffer,
  makeRequest,
  makeTask,
} from '../../fixtures/records';

/*
 * The phone judges a mutation before it is sent (the optimistic write, and the rebase of a
 * pending one onto a pulled version); the server judges it again, authoritatively. Both call
 * the same domain functions, so the same mutation on the same stored record gets the same
 * verdict on both: changed, unchanged, or refused with the same code.
 */

const group = makeGroup();
const NEW_ID = '01J0000000000000NEW0000000';

let seq = 0;
function envelope(type: AnyRecord['type'], id: string) {
  seq += 1;
  return { mid: `mid-${String(seq).padStart(8, '0')}`, type, id, groupId: IDS.group, at: NOW };
}

const create = (record: AnyRecord): Mutation => ({
  ...envelope(record.type, record.id),
  op: 'create',
  record: { ...record },
});
const append = (log: Log, type: AnyRecord['type'] = 'log'): Mutation => ({
  ...envelope(type, log.id),
  op: 'append',
  record: { ...log },
});
const update = (
  record: AnyRecord,
  set: Record<string, unknown>,
  from: Record<string, unknown>,
): Mutation => ({ ...envelope(record.type, record.id), op: 'update', set, from });
const transition = (
  record: AnyRecord,
  from: string,
  to: string,
  extra: { assigneeId?: string; closeReason?: 'withdrawn' } = {},
): Mutation => ({
  ...envelope(record.type, record.id),
  op: 'transition',
  from,
  to,
  logId: IDS.log,
  ...extra,
});
const archive = (record: AnyRecord): Mutation => ({
  ...envelope(record.type, record.id),
  op: 'archive',
});

const held = (status: 'claimed' | 'in_progress' | 'done'): Request =>
  makeRequest({ status, assigneeId: IDS.assignee });

interface Case {
  what: string;
  actor: Actor;
  /** What is stored under the mutation's id (for an append: its parent), if anything. */
  stored?: AnyRecord;
  mutation: Mutation;
  verdict: string;
  /** The group's settings, where the case needs others than the defaults. */
  group?: typeof group;
}

const assigning = makeGroup({ claiming: 'coordinators_assign' });
const offerBy = (who: string, overrides: Partial<Log> = {}) =>
  makeLog({
    id: NEW_ID,
    createdBy: who,
    kind: 'offer',
    text: 'I can go Tuesday after 5',
    ...overrides,
  });

const CASES: Case[] = [
  {
    what: 'a member creating a request of their own',
    actor: CAST.member,
    mutation: create(makeRequest({ id: NEW_ID, requesterId: IDS.member, createdBy: IDS.member })),
    verdict: 'changed',
  },
  {
    what: 'a member creating a request in someone else’s name',
    actor: CAST.member,
    mutation: create(makeRequest({ id: NEW_ID, createdBy: IDS.member })),
    verdict: 'forbidden',
  },
  {
    what: 'anyone creating a log entry instead of appending it',
    actor: CAST.requester,
    mutation: create(makeLog({ id: NEW_ID })),
    verdict: 'invalid',
  },
  {
    what: 'a create whose record is not the one its envelope names',
    actor: CAST.member,
    mutation: { ...create(makeOffer({ id: NEW_ID })), id: IDS.offer },
    verdict: 'invalid',
  },
  {
    what: 'a coordinator making a task for a helper',
    actor: CAST.coordinator,
    mutation: create(makeTask({ id: NEW_ID, assigneeId: IDS.helper })),
    verdict: 'changed',
  },
  {
    what: 'a coordinator making a task for someone outside the group',
    actor: CAST.coordinator,
    mutation: create(makeTask({ id: NEW_ID, assigneeId: IDS.outsider })),
    verdict: 'invalid',
  },
  {
    what: 'the requester noting something on their request',
    actor: CAST.requester,
    stored: makeRequest(),
    mutation: append(makeLog({ id: NEW_ID })),
    verdict: 'changed',
  },
  {
    what: 'another member noting something on the request',
    actor: CAST.member,
    stored: makeRequest(),
    mutation: append(makeLog({ id: NEW_ID, createdBy: IDS.member })),
    verdict: 'forbidden',
  },
  {
    what: 'a note dressed up as a status change',
    actor: CAST.requester,
    stored: makeRequest(),
    mutation: append(
      makeLog({ id: NEW_ID, transition: { from: 'open', to: 'done', action: 'complete' } }),
    ),
    verdict: 'invalid',
  },
  {
    what: 'a person writing a status entry',
    actor: CAST.requester,
    stored: makeRequest(),
    mutation: append(
      makeLog({
        id: NEW_ID,
        kind: 'status',
        transition: { from: 'open', to: 'done', action: 'complete' },
      }),
    ),
    verdict: 'forbidden',
  },
  {
    what: 'an append that says it is not a log entry',
    actor: CAST.requester,
    stored: makeRequest(),
    mutation: append(makeLog({ id: NEW_ID }), 'request'),
    verdict: 'invalid',
  },
  {
    what: 'a note on a request that is not there',
    actor: CAST.requester,
    mutation: append(makeLog({ id: NEW_ID })),
    verdict: 'invalid',
  },
  {
    what: 'a member offering to help where coordinators assign',
    actor: CAST.member,
    stored: makeRequest(),
    mutation: append(offerBy(IDS.member)),
    group: assigning,
    verdict: 'changed',
  },
  {
    what: 'a member offering to help where they may claim instead',
    actor: CAST.member,
    stored: makeRequest(),
    mutation: append(offerBy(IDS.member)),
    verdict: 'forbidden',
  },
  {
    what: 'a member offering to help on a request someone holds since',
    actor: CAST.member,
    stored: held('claimed'),
    mutation: append(offerBy(IDS.member)),
    group: assigning,
    verdict: 'illegal_transition',
  },
  {
    what: 'the requester offering to help on their own request',
    actor: CAST.requester,
    stored: makeRequest(),
    mutation: append(offerBy(IDS.requester)),
    group: assigning,
    verdict: 'forbidden',
  },
  {
    what: 'a member withdrawing their offer',
    actor: CAST.member,
    stored: makeRequest(),
    mutation: append(offerBy(IDS.member, { kind: 'offer_withdrawn', text: '' })),
    group: assigning,
    verdict: 'changed',
  },
  {
    what: 'the requester editing their request',
    actor: CAST.requester,
    stored: makeRequest(),
    mutation: update(makeRequest(), { title: 'Milk too' }, { title: makeRequest().title }),
    verdict: 'changed',
  },
  {
    what: 'the requester setting the title it already has',
    actor: CAST.requester,
    stored: makeRequest(),
    mutation: update(makeRequest(), { title: makeRequest().title }, { title: 'Older' }),
    verdict: 'unchanged',
  },
  {
    what: 'another member editing the request',
    actor: CAST.member,
    stored: makeRequest(),
    mutation: update(makeRequest(), { title: 'Mine now' }, { title: makeRequest().title }),
    verdict: 'forbidden',
  },
  {
    what: 'anyone editing a log entry',
    actor: CAST.requester,
    stored: makeLog(),
    mutation: update(makeLog(), { text: 'changed' }, { text: makeLog().text }),
    verdict: 'forbidden',
  },
  {
    what: 'an edit of a record that is not there',
    actor: CAST.requester,
    mutation: update(makeRequest(), { title: 'x' }, { title: makeRequest().title }),
    verdict: 'not_found',
  },
  {
    what: 'a member claiming an open request',
    actor: CAST.member,
    stored: makeRequest(),
    mutation: transition(makeRequest(), 'open', 'claimed'),
    verdict: 'changed',
  },
  {
    what: 'a member claiming a request someone claimed since they looked',
    actor: CAST.member,
    stored: held('claimed'),
    mutation: transition(makeRequest(), 'open', 'claimed'),
    verdict: 'already_claimed',
  },
  {
    what: 'a coordinator assigning a request someone claimed since they looked',
    actor: CAST.coordinator,
    stored: held('claimed'),
    mutation: transition(makeRequest(), 'open', 'claimed', { assigneeId: IDS.helper }),
    verdict: 'already_claimed',
  },
  {
    what: 'the assignee completing a request started since on another device',
    actor: CAST.assignee,
    stored: held('in_progress'),
    mutation: transition(makeRequest(), 'claimed', 'done'),
    verdict: 'illegal_transition',
  },
  {
    what: 'the requester withdrawing a request someone claimed since they looked',
    actor: CAST.requester,
    stored: held('claimed'),
    mutation: transition(makeRequest(), 'open', 'cancelled', { closeReason: 'withdrawn' }),
    verdict: 'illegal_transition',
  },
  {
    what: 'the assignee completing a request that is done already (a replay)',
    actor: CAST.assignee,
    stored: held('done'),
    mutation: transition(makeRequest(), 'claimed', 'done'),
    verdict: 'unchanged',
  },
  {
    what: 'a coordinator assigning a request to someone outside the group',
    actor: CAST.coordinator,
    stored: makeRequest(),
    mutation: transition(makeRequest(), 'open', 'claimed', { assigneeId: IDS.outsider }),
    verdict: 'invalid',
  },
  {
    what: 'a coordinator assigning a request to someone who left the group',
    actor: CAST.coordinator,
    stored: makeRequest(),
    mutation: transition(makeRequest(), 'open', 'claimed', { assigneeId: IDS.formerMember }),
    verdict: 'invalid',
  },
  {
    what: 'a coordinator assigning a task to a helper',
    actor: CAST.coordinator,
    stored: makeTask(),
    mutation: transition(makeTask(), 'open', 'claimed', { assigneeId: IDS.helper }),
    verdict: 'changed',
  },
  {
    what: 'a member claiming an open task, where anyone may',
    actor: CAST.member,
    stored: makeTask(),
    mutation: transition(makeTask(), 'open', 'claimed'),
    verdict: 'changed',
  },
  {
    what: 'a status change of an offer',
    actor: CAST.member,
    stored: makeOffer(),
    mutation: transition(makeOffer(), 'available', 'closed'),
    verdict: 'invalid',
  },
  {
    what: 'a status change of a request that is not there',
    actor: CAST.member,
    mutation: transition(makeRequest(), 'open', 'claimed'),
    verdict: 'not_found',
  },
  {
    what: 'the requester archiving their request',
    actor: CAST.requester,
    stored: makeRequest(),
    mutation: archive(makeRequest()),
    verdict: 'changed',
  },
  {
    what: 'the requester archiving their request again',
    actor: CAST.requester,
    stored: makeRequest({ archived: true }),
    mutation: archive(makeRequest()),
    verdict: 'unchanged',
  },
  {
    what: 'another member archiving a request that is archived already',
    actor: CAST.member,
    stored: makeRequest({ archived: true }),
    mutation: archive(makeRequest()),
    verdict: 'forbidden',
  },
  {
    what: 'anyone archiving a membership',
    actor: CAST.coordinator,
    stored: makeMembership(),
    mutation: archive(makeMembership()),
    verdict: 'forbidden',
  },
  {
    what: 'an archive of a record that is not there',
    actor: CAST.requester,
    mutation: archive(makeRequest()),
    verdict: 'not_found',
  },
];

function onThePhone({ actor, stored, mutation, group: rules = group }: Case): string {
  const out = applyLocal(stored, mutation, actor, rules, isMember);
  if (!out.ok) return out.code;
  return out.changed ? 'changed' : 'unchanged';
}

async function onTheServer({
  actor,
  stored,
  mutation,
  group: rules = group,
}: Case): Promise<string> {
  const grounds: Grounds = {
    actor,
    group: rules,
    read: (id) =>
      Promise.resolve(
        stored && stored.id === id ? { ...stored, _id: stored.id, _rev: '1-abc' } : undefined,
      ),
    holderOf: (userId) => Promise.resolve(userId ? { userId, displayName: 'Ana' } : undefined),
    isMember: (userId) => Promise.resolve(isMember(userId)),
  };
  const decision = await decideMutation(grounds, mutation);
  if (!('answer' in decision)) return 'changed';
  return decision.answer.status === 'rejected' ? decision.answer.code : 'unchanged';
}

describe('the phone and the server judge a mutation alike', () => {
  it.each(CASES.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    expect(onThePhone(c), 'on the phone').toBe(c.verdict);
    expect(await onTheServer(c), 'on the server').toBe(c.verdict);
  });

  it('both write the same record and status entry for a claim', async () => {
    const c = CASES.find((x) => x.what === 'a member claiming an open request')!;
    const phone = applyLocal(c.stored, c.mutation, c.actor, group, isMember);
    const grounds: Grounds = {
      actor: c.actor,
      group,
      read: () => Promise.resolve({ ...c.stored!, _id: c.stored!.id, _rev: '1-abc' }),
      holderOf: () => Promise.resolve(undefined),
      isMember: (userId) => Promise.resolve(isMember(userId)),
    };
    const server = await decideMutation(grounds, c.mutation);
    if (!phone.ok || 'answer' in server) throw new Error('both must write');
    const { updatedAt: _p, ...phoneRecord } = phone.record as Request;
    const { updatedAt: _s, ...serverRecord } = server.write as Request;
    expect(serverRecord).toEqual(phoneRecord);
    const stamp = { createdAt: NOW, updatedAt: NOW, at: NOW };
    expect({ ...server.log!(server.write), ...stamp }).toEqual({ ...phone.log, ...stamp });
  });

  it('both refuse a stale transition of a task', async () => {
    const c: Case = {
      what: 'a coordinator reopening a task seen done, cancelled since',
      actor: CAST.coordinator,
      stored: makeTask({ status: 'cancelled' }) as Task,
      mutation: transition(makeTask(), 'done', 'open'),
      verdict: 'illegal_transition',
    };
    expect(onThePhone(c)).toBe(c.verdict);
    expect(await onTheServer(c)).toBe(c.verdict);
  });
});
