import { describe, expect, it } from 'vitest';
import { parseRecord, prepareAppend, prepareCreate, statusLog } from '../../../src/lib/domain';
import {
  CAST,
  IDS,
  NOW,
  isMember,
  makeGroup,
  makeLog,
  makeMembership,
  makeOffer,
  makeOnBehalfRequest,
  makeRequest,
  makeTask,
} from '../../fixtures/records';

const group = makeGroup();

describe('prepareCreate', () => {
  it('stamps server time, clears the revision and archive flag of a new request', () => {
    const outcome = prepareCreate(
      CAST.requester,
      'request',
      makeRequest({ archived: true, updatedAt: '2026-01-01T00:00:00.000Z' }),
      group,
      NOW,
      isMember,
    );
    if (!outcome.ok) throw new Error('create must apply');
    expect(outcome.record).toMatchObject({ updatedAt: NOW, archived: false });
    expect(outcome.record).not.toHaveProperty('rev');
  });

  it('refuses a record claiming to be made by someone else', () => {
    expect(
      prepareCreate(
        CAST.member,
        'request',
        makeRequest({ requesterId: IDS.member }),
        group,
        NOW,
        isMember,
      ),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses a record for another group', () => {
    expect(
      prepareCreate(
        CAST.requester,
        'request',
        makeRequest({ groupId: IDS.otherGroup }),
        group,
        NOW,
        isMember,
      ),
    ).toEqual({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'groupId', code: 'invalid_format' }],
    });
  });

  it('refuses a member entering a request on behalf of a neighbour', () => {
    const request = makeOnBehalfRequest({ createdBy: IDS.member });
    expect(prepareCreate(CAST.member, 'request', request, group, NOW, isMember)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it.each([
    ['a non-member', CAST.nonmember],
    ['a pending member', CAST.pending],
    ['a removed member', CAST.removed],
  ] as const)('refuses an offer from %s', (_who, actor) => {
    const offer = makeOffer({ createdBy: actor.userId });
    expect(prepareCreate(actor, 'offer', offer, group, NOW, isMember)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('refuses an offer that starts closed', () => {
    expect(
      prepareCreate(CAST.member, 'offer', makeOffer({ status: 'closed' }), group, NOW, isMember),
    ).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('refuses an invalid record with the field errors', () => {
    expect(
      prepareCreate(CAST.requester, 'request', makeRequest({ title: '' }), group, NOW, isMember),
    ).toEqual({ ok: false, code: 'invalid', errors: [{ path: 'title', code: 'required' }] });
  });

  it.each([
    ['group', makeGroup()],
    ['membership', makeMembership({ createdBy: IDS.coordinator })],
  ] as const)(
    'never creates a %s through a mutation, not even for a coordinator',
    (type, input) => {
      expect(prepareCreate(CAST.coordinator, type, input, group, NOW, isMember)).toEqual({
        ok: false,
        code: 'forbidden',
      });
    },
  );

  it('refuses to create a log entry, which is appended to its parent, as invalid', () => {
    const log = makeLog({ createdBy: IDS.coordinator });
    expect(prepareCreate(CAST.coordinator, 'log', log, group, NOW, isMember)).toEqual({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'type', code: 'logs_are_appended' }],
    });
  });
});

describe('prepareAppend', () => {
  const parent = makeRequest({ status: 'claimed', assigneeId: IDS.assignee });

  it.each([
    ['the requester', CAST.requester],
    ['the assignee', CAST.assignee],
    ['a coordinator', CAST.coordinator],
  ] as const)('lets %s log a note on the request', (_who, actor) => {
    const log = makeLog({ createdBy: actor.userId });
    expect(prepareAppend(actor, log, parent, group, NOW)).toMatchObject({
      ok: true,
      record: { updatedAt: NOW, archived: false },
    });
  });

  it('refuses a note from another member', () => {
    const log = makeLog({ createdBy: IDS.member });
    expect(prepareAppend(CAST.member, log, parent, group, NOW)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('refuses a status entry written by a person', () => {
    const log = makeLog({
      kind: 'status',
      transition: { from: 'claimed', to: 'done', action: 'complete' },
    });
    expect(prepareAppend(CAST.requester, log, parent, group, NOW)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('refuses a note that carries a transition, as if it recorded a status change', () => {
    const log = makeLog({ transition: { from: 'open', to: 'done', action: 'complete' } });
    expect(prepareAppend(CAST.requester, log, parent, group, NOW)).toEqual({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'transition', code: 'unknown_field' }],
    });
  });

  it('refuses an entry for a parent that does not exist or is elsewhere', () => {
    const log = makeLog();
    expect(prepareAppend(CAST.requester, log, null, group, NOW)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(
      prepareAppend(CAST.requester, log, makeRequest({ id: IDS.offer }), group, NOW),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });

  it('lets the assignee log time on a task', () => {
    const task = makeTask({ status: 'claimed', assigneeId: IDS.assignee });
    const log = makeLog({ createdBy: IDS.assignee, parentId: IDS.task, kind: 'time', minutes: 90 });
    expect(prepareAppend(CAST.assignee, log, task, group, NOW).ok).toBe(true);
  });
});

describe('statusLog', () => {
  it('writes a valid status entry for a transition', () => {
    const log = statusLog({
      id: IDS.log,
      parent: makeRequest(),
      actorId: IDS.member,
      from: 'open',
      to: 'claimed',
      action: 'claim',
      now: NOW,
    });
    expect(parseRecord('log', log).ok).toBe(true);
    expect(log).toMatchObject({
      kind: 'status',
      parentId: IDS.request,
      createdBy: IDS.member,
      transition: { from: 'open', to: 'claimed', action: 'claim' },
    });
  });
});
