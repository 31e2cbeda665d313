import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyRecord, Request } from '../../src/lib/domain';
import type { MutationResult } from '../../src/lib/protocol';
import { addMember, createGroup, type TestGroup } from './support/groups';
import {
  appendOf,
  archiveOf,
  createOf,
  logRecord,
  offerRecord,
  pullAll,
  push,
  requestRecord,
  taskRecord,
  transitionOf,
  updateOf,
} from './support/sync';
import { useTestServer } from './support/test-server';
import { signUp, type SignedInUser } from './support/users';

const server = useTestServer();

type Member = SignedInUser & { membershipId: string };
interface Cast {
  group: TestGroup;
  coordinator: SignedInUser;
  requester: Member;
  assignee: Member;
  member: Member;
  outsider: SignedInUser;
}

async function cast(settings: Parameters<typeof createGroup>[1] = {}): Promise<Cast> {
  const group = await createGroup(server, settings);
  const [requester, assignee, member, outsider] = await Promise.all([
    addMember(server, group, 'Requester'),
    addMember(server, group, 'Assignee'),
    addMember(server, group, 'Member'),
    signUp(server, 'Outsider'),
  ]);
  return { group, coordinator: group.coordinator, requester, assignee, member, outsider };
}

/** An open request by the cast's requester, claimed by the assignee when `claimed`. */
async function openRequest(c: Cast, claimed = false): Promise<Request> {
  const record = requestRecord(c.group.id, c.requester.id);
  const [created] = await push(c.requester.client, [createOf(record)]);
  expect(created?.status).toBe('applied');
  if (claimed) {
    const [claim] = await push(c.assignee.client, [transitionOf(record, 'open', 'claimed')]);
    expect(claim?.status).toBe('applied');
  }
  return record;
}

function statusOf(result: MutationResult | undefined) {
  return result?.status === 'rejected' ? `rejected:${result.code}` : result?.status;
}

function pulledRequest(records: AnyRecord[], id: string) {
  return records.find((r) => r.id === id) as Request | undefined;
}

describe('permission matrix (DESIGN.md)', () => {
  let c: Cast;
  let request: Request;
  beforeAll(async () => {
    c = await cast();
    request = await openRequest(c, true);
  });

  describe("a request's private part", () => {
    it.each([
      ['coordinator', true],
      ['requester', true],
      ['assignee', true],
      ['member', false],
    ] as const)('is pulled by the %s: %s', async (who, sees) => {
      const { records } = await pullAll(c[who].client);
      const pulled = pulledRequest(records, request.id);
      expect(pulled?.title).toBe(request.title);
      if (sees) expect(pulled?.private).toEqual(request.private);
      else expect(pulled && 'private' in pulled).toBe(false);
      if (!sees) expect(JSON.stringify(records)).not.toContain(request.private?.address ?? '@@');
    });

    it("is not in another member's push answer either", async () => {
      const [result] = await push(c.member.client, [
        updateOf(request, { title: 'x' }, { title: request.title }),
      ]);
      expect(statusOf(result)).toBe('rejected:forbidden');
      expect(JSON.stringify(result)).not.toContain(request.private?.address ?? '@@');
    });

    it("of a member's own membership is theirs and coordinators' only", async () => {
      const [own] = await push(c.member.client, [
        updateOf(
          { id: c.member.membershipId, groupId: c.group.id, type: 'membership' },
          { private: { phone: '+1 555 0142' } },
          { private: null },
        ),
      ]);
      expect(statusOf(own)).toBe('applied');
      const byOther = await pullAll(c.requester.client);
      expect(JSON.stringify(byOther.records)).not.toContain('0142');
      const byCoordinator = await pullAll(c.coordinator.client);
      expect(JSON.stringify(byCoordinator.records)).toContain('0142');
    });
  });

  it.each([
    ['member', 'request', 'applied'],
    ['member', 'offer', 'applied'],
    ['member', 'task', 'rejected:forbidden'],
    ['coordinator', 'task', 'applied'],
  ] as const)('the %s creating a %s: %s', async (who, type, expected) => {
    const user = c[who];
    const record =
      type === 'request'
        ? requestRecord(c.group.id, user.id)
        : type === 'offer'
          ? offerRecord(c.group.id, user.id)
          : taskRecord(c.group.id, user.id);
    const [result] = await push(user.client, [createOf(record)]);
    expect(statusOf(result)).toBe(expected);
  });

  it.each([
    ['member', 'rejected:forbidden'],
    ['coordinator', 'applied'],
  ] as const)('the %s creating a request on behalf of a neighbour: %s', async (who, expected) => {
    const user = c[who];
    const record = requestRecord(c.group.id, user.id, { requesterId: null, onBehalfOf: 'Mrs. K' });
    const [result] = await push(user.client, [createOf(record)]);
    expect(statusOf(result)).toBe(expected);
  });

  it('refuses a request claiming to be someone else’s', async () => {
    const forged = requestRecord(c.group.id, c.member.id, { requesterId: c.requester.id });
    const [result] = await push(c.member.client, [createOf(forged)]);
    expect(statusOf(result)).toBe('rejected:forbidden');
  });

  describe('lifecycle moves of an assigned request', () => {
    it.each([
      ['member', 'claimed', 'in_progress', 'rejected:forbidden'],
      ['requester', 'claimed', 'in_progress', 'rejected:forbidden'],
      ['assignee', 'claimed', 'in_progress', 'applied'],
      ['member', 'in_progress', 'done', 'rejected:forbidden'],
      ['assignee', 'in_progress', 'done', 'applied'],
    ] as const)('%s moving %s → %s: %s', async (who, from, to, expected) => {
      const [result] = await push(c[who].client, [transitionOf(request, from, to)]);
      expect(statusOf(result)).toBe(expected);
    });
  });

  it.each([
    ['assignee', 'applied'],
    ['member', 'rejected:forbidden'],
  ] as const)('the %s releasing a claimed request: %s', async (who, expected) => {
    const fresh = await openRequest(c, true);
    const [result] = await push(c[who].client, [transitionOf(fresh, 'claimed', 'open')]);
    expect(statusOf(result)).toBe(expected);
  });

  it.each([
    ['requester', 'applied'],
    ['coordinator', 'applied'],
    ['member', 'rejected:forbidden'],
  ] as const)('the %s editing a request: %s', async (who, expected) => {
    const fresh = await openRequest(c);
    const [result] = await push(c[who].client, [
      updateOf(fresh, { title: `Edited by ${who}` }, { title: fresh.title }),
    ]);
    expect(statusOf(result)).toBe(expected);
  });

  it.each([
    ['requester', 'applied'],
    ['coordinator', 'applied'],
    ['member', 'rejected:forbidden'],
    ['assignee', 'rejected:forbidden'],
  ] as const)('the %s cancelling a request: %s', async (who, expected) => {
    const fresh = await openRequest(c, true);
    const [result] = await push(c[who].client, [
      transitionOf(fresh, 'claimed', 'cancelled', { closeReason: 'withdrawn' }),
    ]);
    expect(statusOf(result)).toBe(expected);
  });

  it.each([
    ['coordinator', 'applied'],
    ['member', 'rejected:forbidden'],
  ] as const)('the %s assigning a request to someone: %s', async (who, expected) => {
    const fresh = await openRequest(c);
    const [result] = await push(c[who].client, [
      transitionOf(fresh, 'open', 'claimed', { assigneeId: c.assignee.id }),
    ]);
    expect(statusOf(result)).toBe(expected);
  });

  it.each([
    ['requester', 'applied'],
    ['assignee', 'applied'],
    ['coordinator', 'applied'],
    ['member', 'rejected:forbidden'],
  ] as const)('the %s logging on a request: %s', async (who, expected) => {
    const [result] = await push(c[who].client, [appendOf(logRecord(request, c[who].id))]);
    expect(statusOf(result)).toBe(expected);
  });

  it('never lets anyone edit or forge a log entry', async () => {
    const log = logRecord(request, c.requester.id);
    await push(c.requester.client, [appendOf(log)]);
    const [edit] = await push(c.requester.client, [
      updateOf(log, { text: 'changed' }, { text: log.text }),
    ]);
    expect(statusOf(edit)).toBe('rejected:forbidden');
    const forged = logRecord(request, c.requester.id, {
      kind: 'status',
      transition: { from: 'open', to: 'done', action: 'complete' },
    });
    const [status] = await push(c.requester.client, [appendOf(forged)]);
    expect(statusOf(status)).toBe('rejected:forbidden');
  });

  it.each([
    ['coordinator', 'applied'],
    ['member', 'rejected:forbidden'],
  ] as const)('the %s editing the group: %s', async (who, expected) => {
    const [result] = await push(c[who].client, [
      updateOf(
        c.group.group,
        { description: `by ${who}` },
        { description: c.group.group.description },
      ),
    ]);
    expect(statusOf(result)).toBe(expected);
  });

  it('refuses members changing roles, approving or removing, and non-coordinators inviting', async () => {
    const base = `/api/v1/groups/${c.group.id}/members`;
    expect(
      (await c.member.client.post(`${base}/${c.member.id}/role`, { role: 'coordinator' })).status,
    ).toBe(403);
    expect((await c.member.client.post(`${base}/${c.requester.id}/approve`)).status).toBe(403);
    expect((await c.member.client.delete(`${base}/${c.requester.id}`)).status).toBe(403);
    expect((await c.member.client.post(`/api/v1/groups/${c.group.id}/invites`, {})).status).toBe(
      403,
    );
  });

  it('the archive of a request: own or coordinator only', async () => {
    const fresh = await openRequest(c);
    const [byMember] = await push(c.member.client, [archiveOf(fresh)]);
    expect(statusOf(byMember)).toBe('rejected:forbidden');
    const [byRequester] = await push(c.requester.client, [archiveOf(fresh)]);
    expect(byRequester).toMatchObject({ status: 'applied', record: { archived: true } });
  });
});

describe('more of the matrix', () => {
  let c: Cast;
  beforeAll(async () => {
    c = await cast();
  });

  it.each([
    ['member', 'rejected:forbidden'],
    ['coordinator', 'applied'],
    ['requester', 'applied'],
  ] as const)("the %s editing the requester's offer: %s", async (who, expected) => {
    const offer = offerRecord(c.group.id, c.requester.id);
    const [created] = await push(c.requester.client, [createOf(offer)]);
    expect(created?.status).toBe('applied');
    const [result] = await push(c[who].client, [
      updateOf(offer, { title: `Edited by ${who}` }, { title: offer.title }),
    ]);
    expect(statusOf(result)).toBe(expected);
  });

  /** A request of the cast's requester, claimed and done, or cancelled by its requester. */
  async function finished(end: 'done' | 'cancelled'): Promise<Request> {
    const record = await openRequest(c, end === 'done');
    const [finish] = await push(
      end === 'done' ? c.assignee.client : c.requester.client,
      end === 'done'
        ? [transitionOf(record, 'claimed', 'done')]
        : [transitionOf(record, 'open', 'cancelled', { closeReason: 'withdrawn' })],
    );
    expect(finish?.status).toBe('applied');
    return record;
  }

  it.each([
    ['coordinator', 'done', 'applied'],
    ['coordinator', 'cancelled', 'applied'],
    ['member', 'done', 'rejected:forbidden'],
    ['member', 'cancelled', 'rejected:forbidden'],
    ['requester', 'done', 'rejected:forbidden'],
    ['requester', 'cancelled', 'rejected:forbidden'],
    ['assignee', 'done', 'rejected:forbidden'],
  ] as const)('the %s reopening a %s request: %s', async (who, end, expected) => {
    const record = await finished(end);
    const [result] = await push(c[who].client, [transitionOf(record, end, 'open')]);
    expect(statusOf(result)).toBe(expected);
    if (expected === 'applied') {
      expect(result).toMatchObject({
        record: { status: 'open', assigneeId: null, closeReason: null },
      });
    }
  });

  it('a coordinator who asked for the help may not claim their own request', async () => {
    const own = requestRecord(c.group.id, c.coordinator.id);
    const [created] = await push(c.coordinator.client, [createOf(own)]);
    expect(created?.status).toBe('applied');
    const [claim] = await push(c.coordinator.client, [transitionOf(own, 'open', 'claimed')]);
    expect(statusOf(claim)).toBe('rejected:forbidden');
    const [assign] = await push(c.coordinator.client, [
      transitionOf(own, 'open', 'claimed', { assigneeId: c.assignee.id }),
    ]);
    expect(statusOf(assign)).toBe('applied');
  });

  it('the loser of a claim is told who holds it, and sees the request without its private part', async () => {
    const record = await openRequest(c, true);
    const [lost] = await push(c.member.client, [transitionOf(record, 'open', 'claimed')]);
    expect(lost).toMatchObject({
      status: 'rejected',
      code: 'already_claimed',
      holder: { userId: c.assignee.id, displayName: 'Assignee' },
      record: { id: record.id, status: 'claimed', assigneeId: c.assignee.id },
    });
    expect(lost?.status === 'rejected' && lost.record).toBeTruthy();
    expect(lost && 'record' in lost && lost.record && 'private' in lost.record).toBe(false);
    expect(JSON.stringify(lost)).not.toContain(record.private?.address ?? '@@');
  });

  describe('handing work to someone', () => {
    let former: Member;
    beforeAll(async () => {
      former = await addMember(server, c.group, 'Former');
      const removed = await c.coordinator.client.delete(
        `/api/v1/groups/${c.group.id}/members/${former.id}`,
      );
      expect(removed.status, removed.text).toBe(200);
    });

    const NOT_A_MEMBER = {
      status: 'rejected',
      code: 'invalid',
      fields: [{ path: 'assigneeId', code: 'not_a_member' }],
    };

    it.each(['outsider', 'former'] as const)(
      'a coordinator assigning a request to the %s is refused, naming the assignee',
      async (who) => {
        const record = await openRequest(c);
        const assigneeId = who === 'outsider' ? c.outsider.id : former.id;
        const [result] = await push(c.coordinator.client, [
          transitionOf(record, 'open', 'claimed', { assigneeId }),
        ]);
        expect(result).toMatchObject(NOT_A_MEMBER);
        const { records } = await pullAll(c.coordinator.client);
        expect(pulledRequest(records, record.id)).toMatchObject({
          status: 'open',
          assigneeId: null,
        });
      },
    );

    it.each(['outsider', 'former'] as const)(
      'a coordinator making a task for the %s is refused',
      async (who) => {
        const assigneeId = who === 'outsider' ? c.outsider.id : former.id;
        const task = taskRecord(c.group.id, c.coordinator.id, { assigneeId });
        const [result] = await push(c.coordinator.client, [createOf(task)]);
        expect(result).toMatchObject(NOT_A_MEMBER);
      },
    );

    it('a coordinator assigning a request or a task to a member is applied', async () => {
      const record = await openRequest(c);
      const [assigned] = await push(c.coordinator.client, [
        transitionOf(record, 'open', 'claimed', { assigneeId: c.member.id }),
      ]);
      expect(assigned).toMatchObject({ status: 'applied', record: { assigneeId: c.member.id } });
      const task = taskRecord(c.group.id, c.coordinator.id, { assigneeId: c.member.id });
      const [made] = await push(c.coordinator.client, [createOf(task)]);
      expect(made).toMatchObject({ status: 'applied', record: { status: 'claimed' } });
    });
  });
});

describe('group settings that change the matrix', () => {
  it('coordinators_assign: members cannot claim, coordinators can', async () => {
    const c = await cast({ claiming: 'coordinators_assign' });
    const record = await openRequest(c);
    const [byMember] = await push(c.member.client, [transitionOf(record, 'open', 'claimed')]);
    expect(statusOf(byMember)).toBe('rejected:forbidden');
    const [byCoordinator] = await push(c.coordinator.client, [
      transitionOf(record, 'open', 'claimed'),
    ]);
    expect(statusOf(byCoordinator)).toBe('applied');
  });

  it.each([
    ['anyone', 'member', 'applied'],
    ['anyone', 'coordinator', 'applied'],
    ['coordinators_assign', 'member', 'rejected:forbidden'],
    ['coordinators_assign', 'coordinator', 'applied'],
  ] as const)('claiming: %s — the %s claiming a task: %s', async (claiming, who, expected) => {
    const c = await cast({ claiming });
    const task = taskRecord(c.group.id, c.coordinator.id);
    const [created] = await push(c.coordinator.client, [createOf(task)]);
    expect(created).toMatchObject({ status: 'applied', record: { status: 'open' } });
    const [claim] = await push(c[who].client, [transitionOf(task, 'open', 'claimed')]);
    expect(statusOf(claim)).toBe(expected);
  });

  it('requestsNeedApproval: member requests start new; only coordinators approve', async () => {
    const c = await cast({ requestsNeedApproval: true });
    const record = requestRecord(c.group.id, c.requester.id);
    const [created] = await push(c.requester.client, [createOf(record)]);
    expect(created).toMatchObject({ status: 'applied', record: { status: 'new' } });
    const [byMember] = await push(c.member.client, [transitionOf(record, 'new', 'open')]);
    expect(statusOf(byMember)).toBe('rejected:forbidden');
    const [byCoordinator] = await push(c.coordinator.client, [transitionOf(record, 'new', 'open')]);
    expect(statusOf(byCoordinator)).toBe('applied');
  });
});

describe('offers to help (where members may not claim)', () => {
  const offerOf = (parent: Request, userId: string, text = 'I can go Tuesday after 5') =>
    appendOf(logRecord(parent, userId, { kind: 'offer', text }));

  it("coordinators_assign: a member's offer is applied, the coordinator pulls it and assigns them", async () => {
    const c = await cast({ claiming: 'coordinators_assign' });
    const record = await openRequest(c);
    const offer = offerOf(record, c.member.id);
    const [offered] = await push(c.member.client, [offer]);
    expect(offered).toMatchObject({
      status: 'applied',
      record: { kind: 'offer', text: 'I can go Tuesday after 5', createdBy: c.member.id },
    });

    const { records } = await pullAll(c.coordinator.client);
    expect(records.find((r) => r.id === offer.id)).toMatchObject({
      type: 'log',
      kind: 'offer',
      parentId: record.id,
      createdBy: c.member.id,
      text: 'I can go Tuesday after 5',
    });

    const [assigned] = await push(c.coordinator.client, [
      transitionOf(record, 'open', 'claimed', { assigneeId: c.member.id }),
    ]);
    expect(assigned).toMatchObject({ status: 'applied', record: { assigneeId: c.member.id } });
    // Held now: another offer no longer fits the request.
    const [late] = await push(c.assignee.client, [offerOf(record, c.assignee.id)]);
    expect(statusOf(late)).toBe('rejected:illegal_transition');
  });

  it.each([
    ['requester', 'rejected:forbidden'],
    ['coordinator', 'rejected:forbidden'],
    ['outsider', 'rejected:forbidden'],
  ] as const)('coordinators_assign: the %s offering to help: %s', async (who, expected) => {
    const c = await cast({ claiming: 'coordinators_assign' });
    const record = await openRequest(c);
    const [result] = await push(c[who].client, [offerOf(record, c[who].id)]);
    expect(statusOf(result)).toBe(expected);
    const { records } = await pullAll(c.coordinator.client);
    expect(records.some((r) => r.type === 'log' && r.parentId === record.id)).toBe(false);
  });

  it('anyone: a member offering on an open request is refused (they claim it instead)', async () => {
    const c = await cast({ claiming: 'anyone' });
    const record = await openRequest(c);
    const [result] = await push(c.member.client, [offerOf(record, c.member.id)]);
    expect(statusOf(result)).toBe('rejected:forbidden');
  });

  it('anyone: a member may offer on a request waiting for approval, and withdraw it', async () => {
    const c = await cast({ claiming: 'anyone', requestsNeedApproval: true });
    const record = requestRecord(c.group.id, c.requester.id);
    const [created] = await push(c.requester.client, [createOf(record)]);
    expect(created).toMatchObject({ status: 'applied', record: { status: 'new' } });
    const [offered] = await push(c.member.client, [offerOf(record, c.member.id, '')]);
    expect(statusOf(offered)).toBe('applied');
    const withdrawal = logRecord(record, c.member.id, { kind: 'offer_withdrawn', text: '' });
    const [withdrawn] = await push(c.member.client, [appendOf(withdrawal)]);
    expect(statusOf(withdrawn)).toBe('applied');
  });
});

describe('outside a group', () => {
  it('a non-member pulls nothing of the group and every push is forbidden', async () => {
    const c = await cast();
    const record = await openRequest(c);
    const pulled = await pullAll(c.outsider.client);
    expect(pulled.records).toEqual([]);
    const [result] = await push(c.outsider.client, [
      updateOf(record, { title: 'x' }, { title: record.title }),
    ]);
    expect(statusOf(result)).toBe('rejected:forbidden');
    const [created] = await push(c.outsider.client, [
      createOf(requestRecord(c.group.id, c.outsider.id)),
    ]);
    expect(statusOf(created)).toBe('rejected:forbidden');
    expect((await c.outsider.client.get(`/api/v1/groups/${c.group.id}/invites`)).status).toBe(404);
  });

  it("a member of one group cannot read or write another group's records by id", async () => {
    const a = await cast();
    const b = await cast();
    const secret = await openRequest(b);
    const pulled = await pullAll(a.member.client);
    expect(pulled.records.some((r) => r.groupId === b.group.id)).toBe(false);
    const [viaOwnGroup] = await push(a.member.client, [
      updateOf({ ...secret, groupId: a.group.id }, { title: 'x' }, { title: secret.title }),
    ]);
    expect(statusOf(viaOwnGroup)).toBe('rejected:not_found');
    const [viaOtherGroup] = await push(a.member.client, [transitionOf(secret, 'open', 'claimed')]);
    expect(statusOf(viaOtherGroup)).toBe('rejected:forbidden');
    expect(JSON.stringify(viaOtherGroup)).not.toContain(secret.title);
  });

  it("a removed member's open session loses access at its next request and is told to purge", async () => {
    const c = await cast();
    const record = await openRequest(c);
    const before = await pullAll(c.member.client);
    expect(before.records.some((r) => r.id === record.id)).toBe(true);

    const removed = await c.coordinator.client.delete<{ membership: { status: string } }>(
      `/api/v1/groups/${c.group.id}/members/${c.member.id}`,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.membership.status).toBe('removed');

    const after = await pullAll(c.member.client, before.cursor);
    expect(after.purge).toEqual([c.group.id]);
    expect(after.records).toEqual([]);
    const [result] = await push(c.member.client, [transitionOf(record, 'open', 'claimed')]);
    expect(statusOf(result)).toBe('rejected:forbidden');
    const fresh = await pullAll(c.member.client);
    expect(fresh.records).toEqual([]);
  });

  it('a pending member sees nothing until approved', async () => {
    const c = await cast({ joinPolicy: 'approval' });
    const record = await openRequest(c);
    const pending = await signUp(server, 'Pending');
    const invite = await c.coordinator.client.post<{ invite: { code: string } }>(
      `/api/v1/groups/${c.group.id}/invites`,
      {},
    );
    await pending.client.post('/api/v1/join', { code: invite.body.invite.code });
    expect((await pullAll(pending.client)).records).toEqual([]);
    const [result] = await push(pending.client, [transitionOf(record, 'open', 'claimed')]);
    expect(statusOf(result)).toBe('rejected:forbidden');
  });
});
