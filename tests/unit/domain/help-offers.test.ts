import { describe, expect, it } from 'vitest';
import {
  can,
  decideHelpAction,
  parseRecord,
  prepareAppend,
  REQUEST_STATUSES,
  standingOffers,
  type Actor,
  type ClaimingMode,
  type Log,
  type RequestStatus,
} from '../../../src/lib/domain';
import {
  CAST,
  IDS,
  NOW,
  makeGroup,
  makeLog,
  makeOnBehalfRequest,
  makeRequest,
  makeTask,
} from '../../fixtures/records';

/*
 * "Offer to help" (DESIGN.md: where members may not claim, they offer and a coordinator
 * assigns): who may offer, and take an offer back, on which requests under which setting.
 */

const PEOPLE = {
  member: CAST.member,
  requester: CAST.requester,
  assignee: CAST.assignee,
  coordinator: CAST.coordinator,
  coordinatorRequester: CAST.coordinatorRequester,
  nonmember: CAST.nonmember,
  pending: CAST.pending,
  removed: CAST.removed,
} satisfies Record<string, Actor>;
type Person = keyof typeof PEOPLE;
const PERSONS = Object.keys(PEOPLE) as Person[];
const CLAIMING: ClaimingMode[] = ['anyone', 'coordinators_assign'];

/** A request in `status`, held by the assignee where a status means someone holds it. */
function requestIn(status: RequestStatus) {
  const held = status === 'claimed' || status === 'in_progress' || status === 'done';
  return makeRequest({ status, assigneeId: held ? IDS.assignee : null });
}

const a = (status: string) => (/^[aeiou]/.test(status) ? `an ${status}` : `a ${status}`);

/** Who may offer: a plain member, on a request still waiting, that they may not claim. */
function mayOffer(person: Person, status: RequestStatus, claiming: ClaimingMode): boolean {
  if (person !== 'member' && person !== 'assignee') return false;
  // The assignee of a held request holds it; on a waiting one they are any other member.
  if (status === 'new') return true;
  return status === 'open' && claiming === 'coordinators_assign';
}

/** Who may take an offer back: an active member who did not ask, while it is unfinished. */
function mayWithdraw(person: Person, status: RequestStatus): boolean {
  if (['requester', 'coordinatorRequester', 'nonmember', 'pending', 'removed'].includes(person))
    return false;
  return status !== 'done' && status !== 'cancelled';
}

const cases = CLAIMING.flatMap((claiming) =>
  REQUEST_STATUSES.flatMap((status) => PERSONS.map((person) => ({ claiming, status, person }))),
);

describe('offer_help', () => {
  it.each(
    cases.map((c) => {
      const allowed = mayOffer(c.person, c.status, c.claiming);
      return [
        `${c.person} ${allowed ? 'may' : 'may not'} offer on ${a(c.status)} request (claiming: ${c.claiming})`,
        { ...c, allowed },
      ] as const;
    }),
  )('%s', (_title, { person, status, claiming, allowed }) => {
    expect(can(PEOPLE[person], 'offer_help', requestIn(status), makeGroup({ claiming }))).toBe(
      allowed,
    );
  });

  it('lets a member offer on a request entered on behalf of a neighbour', () => {
    const onBehalf = makeOnBehalfRequest();
    const group = makeGroup({ claiming: 'coordinators_assign' });
    expect(can(CAST.member, 'offer_help', onBehalf, group)).toBe(true);
  });

  it('takes no offers on a group job (tasks are claimed or assigned directly)', () => {
    const group = makeGroup({ claiming: 'coordinators_assign' });
    expect(can(CAST.member, 'offer_help', makeTask(), group)).toBe(false);
    expect(decideHelpAction(CAST.member, 'offer_help', makeTask(), group)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('says the status moved on (not forbidden) to a member offering on a claimed request', () => {
    const group = makeGroup({ claiming: 'coordinators_assign' });
    expect(decideHelpAction(CAST.member, 'offer_help', requestIn('claimed'), group)).toEqual({
      ok: false,
      code: 'illegal_transition',
    });
    expect(decideHelpAction(CAST.coordinator, 'offer_help', requestIn('claimed'), group)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('is not answered without the group (its claiming setting decides)', () => {
    const noGroup = undefined as unknown as Parameters<typeof can>[3];
    expect(can(CAST.member, 'offer_help', makeRequest(), noGroup)).toBe(false);
  });
});

describe('withdraw_offer', () => {
  it.each(
    cases.map((c) => {
      const allowed = mayWithdraw(c.person, c.status);
      return [
        `${c.person} ${allowed ? 'may' : 'may not'} withdraw an offer on ${a(c.status)} request (claiming: ${c.claiming})`,
        { ...c, allowed },
      ] as const;
    }),
  )('%s', (_title, { person, status, claiming, allowed }) => {
    expect(can(PEOPLE[person], 'withdraw_offer', requestIn(status), makeGroup({ claiming }))).toBe(
      allowed,
    );
  });
});

describe('an offer entry', () => {
  const group = makeGroup({ claiming: 'coordinators_assign' });
  const offer = (overrides: Partial<Log> = {}) =>
    makeLog({
      createdBy: IDS.member,
      kind: 'offer',
      text: 'I can go Tuesday after 5',
      ...overrides,
    });

  it('is appended for a member where coordinators assign', () => {
    expect(prepareAppend(CAST.member, offer(), makeRequest(), group, NOW)).toMatchObject({
      ok: true,
      record: { kind: 'offer', text: 'I can go Tuesday after 5', updatedAt: NOW },
    });
  });

  it('may say nothing more than "I can help"', () => {
    expect(prepareAppend(CAST.member, offer({ text: '' }), makeRequest(), group, NOW).ok).toBe(
      true,
    );
  });

  it('is refused where the member may simply claim the request', () => {
    const anyone = makeGroup({ claiming: 'anyone' });
    expect(prepareAppend(CAST.member, offer(), makeRequest(), anyone, NOW)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('is refused from a coordinator, who assigns instead', () => {
    const mine = offer({ createdBy: IDS.coordinator });
    expect(prepareAppend(CAST.coordinator, mine, makeRequest(), group, NOW)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('is refused on a request someone holds since, as a move that no longer fits', () => {
    expect(prepareAppend(CAST.member, offer(), requestIn('claimed'), group, NOW)).toEqual({
      ok: false,
      code: 'illegal_transition',
    });
  });

  it('is refused when the group is not known (the setting decides)', () => {
    expect(prepareAppend(CAST.member, offer(), makeRequest(), undefined, NOW)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('is refused in the name of someone else', () => {
    const forged = offer({ createdBy: IDS.helper });
    expect(prepareAppend(CAST.member, forged, makeRequest(), group, NOW)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('does not let an offer open the log to notes: a member other than the assignee still may not note', () => {
    const note = makeLog({ createdBy: IDS.member });
    expect(prepareAppend(CAST.member, note, makeRequest(), group, NOW)).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('keeps its note short and counts no time or money', () => {
    expect(parseRecord('log', offer({ text: 'x'.repeat(280) })).ok).toBe(true);
    expect(parseRecord('log', offer({ text: 'x'.repeat(281) }))).toEqual({
      ok: false,
      errors: [{ path: 'text', code: 'too_long' }],
    });
    expect(parseRecord('log', offer({ minutes: 30 }))).toEqual({
      ok: false,
      errors: [{ path: 'minutes', code: 'unknown_field' }],
    });
    expect(parseRecord('log', offer({ kind: 'offer_withdrawn', text: '', amount: 5 }))).toEqual({
      ok: false,
      errors: [{ path: 'amount', code: 'unknown_field' }],
    });
  });

  it('is withdrawn by its author, even after the request was approved where anyone claims', () => {
    const withdrawal = offer({ kind: 'offer_withdrawn', text: '' });
    const anyone = makeGroup({ claiming: 'anyone' });
    expect(prepareAppend(CAST.member, withdrawal, makeRequest(), anyone, NOW).ok).toBe(true);
    expect(prepareAppend(CAST.member, withdrawal, requestIn('done'), anyone, NOW)).toEqual({
      ok: false,
      code: 'illegal_transition',
    });
  });
});

describe('standingOffers', () => {
  let n = 0;
  /** An entry by `who` at minute `minute` of the day. */
  function entry(who: string, kind: Log['kind'], minute: number, text = ''): Log {
    n += 1;
    return makeLog({
      id: `01J00000000000000000LOG${String(n).padStart(3, '0')}`,
      createdBy: who,
      kind,
      text,
      at: `2026-11-21T10:${String(minute).padStart(2, '0')}:00.000Z`,
      ...(kind === 'status'
        ? { transition: { from: 'claimed', to: 'open', action: 'release' } as const }
        : {}),
    });
  }
  const open = makeRequest();

  it('lists each member who offered, oldest first, with their note and time', () => {
    const logs = [
      entry(IDS.helper, 'offer', 5, 'After 5 on Tuesday'),
      entry(IDS.member, 'offer', 1),
      entry(IDS.requester, 'note', 2, 'Thank you!'),
    ];
    expect(standingOffers(open, logs)).toEqual([
      { userId: IDS.member, text: '', at: '2026-11-21T10:01:00.000Z', logId: logs[1]!.id },
      {
        userId: IDS.helper,
        text: 'After 5 on Tuesday',
        at: '2026-11-21T10:05:00.000Z',
        logId: logs[0]!.id,
      },
    ]);
  });

  it('shows a second offer of one member once, with the later note', () => {
    const logs = [entry(IDS.member, 'offer', 1, 'Monday'), entry(IDS.member, 'offer', 3, 'Tue')];
    expect(standingOffers(open, logs)).toEqual([
      expect.objectContaining({ userId: IDS.member, text: 'Tue', logId: logs[1]!.id }),
    ]);
  });

  it('ends an offer its author withdrew, and lets them offer again later', () => {
    const withdrawn = [entry(IDS.member, 'offer', 1), entry(IDS.member, 'offer_withdrawn', 2)];
    expect(standingOffers(open, withdrawn)).toEqual([]);
    const again = [...withdrawn, entry(IDS.member, 'offer', 4, 'Free after all')];
    expect(standingOffers(open, again)).toEqual([
      expect.objectContaining({ userId: IDS.member, text: 'Free after all' }),
    ]);
  });

  it('judges by when entries happened, not the order they arrived in', () => {
    const offered = entry(IDS.member, 'offer', 1);
    const withdrawn = entry(IDS.member, 'offer_withdrawn', 2);
    expect(standingOffers(open, [withdrawn, offered])).toEqual([]);
  });

  it('does not list the member who holds the request now, nor one who released it since', () => {
    const logs = [entry(IDS.assignee, 'offer', 1), entry(IDS.member, 'offer', 2)];
    const held = makeRequest({ status: 'claimed', assigneeId: IDS.assignee });
    expect(standingOffers(held, logs).map((o) => o.userId)).toEqual([IDS.member]);
    const released = [...logs, entry(IDS.member, 'status', 3)];
    expect(standingOffers(open, released).map((o) => o.userId)).toEqual([IDS.assignee]);
  });

  it('ignores a withdrawal with no offer before it', () => {
    const logs = [entry(IDS.member, 'offer_withdrawn', 1), entry(IDS.helper, 'offer_withdrawn', 2)];
    expect(standingOffers(open, logs)).toEqual([]);
  });
});
