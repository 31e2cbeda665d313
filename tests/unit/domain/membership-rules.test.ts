import { describe, expect, it } from 'vitest';
import {
  hasNoCoordinator,
  initialMembershipStatus,
  isActiveCoordinator,
  wouldLeaveNoCoordinator,
  type MemberStanding,
  type StandingChange,
} from '../../../src/lib/domain';

const ana: MemberStanding = { userId: 'ana', role: 'coordinator', status: 'active' };
const ben: MemberStanding = { userId: 'ben', role: 'coordinator', status: 'active' };
const cai: MemberStanding = { userId: 'cai', role: 'member', status: 'active' };
const dee: MemberStanding = { userId: 'dee', role: 'coordinator', status: 'pending' };
const eli: MemberStanding = { userId: 'eli', role: 'coordinator', status: 'removed' };

describe('joining by code', () => {
  it('makes an active member of a group that joins by code alone', () => {
    expect(initialMembershipStatus({ joinPolicy: 'code' })).toBe('active');
  });

  it('makes a pending member of a group that approves newcomers', () => {
    expect(initialMembershipStatus({ joinPolicy: 'approval' })).toBe('pending');
  });
});

describe('a group keeps at least one coordinator', () => {
  const cases: Array<[string, MemberStanding[], StandingChange, boolean]> = [
    ['the only coordinator leaving', [ana, cai], { userId: 'ana', status: 'removed' }, true],
    ['the only coordinator demoted', [ana, cai], { userId: 'ana', role: 'member' }, true],
    [
      'the only coordinator demoted and removed at once',
      [ana, cai],
      { userId: 'ana', role: 'member', status: 'removed' },
      true,
    ],
    [
      'the only active coordinator leaving while another is pending or removed',
      [ana, dee, eli],
      { userId: 'ana', status: 'removed' },
      true,
    ],
    [
      'one of two coordinators leaving',
      [ana, ben, cai],
      { userId: 'ana', status: 'removed' },
      false,
    ],
    ['one of two coordinators demoted', [ana, ben], { userId: 'ben', role: 'member' }, false],
    ['a member leaving', [ana, cai], { userId: 'cai', status: 'removed' }, false],
    ['a member promoted', [ana, cai], { userId: 'cai', role: 'coordinator' }, false],
    [
      'the coordinator "changed" to what they are',
      [ana],
      { userId: 'ana', role: 'coordinator' },
      false,
    ],
    ['a pending coordinator removed', [ana, dee], { userId: 'dee', status: 'removed' }, false],
    ['someone not in the list', [ana], { userId: 'zed', status: 'removed' }, false],
    [
      'a member leaving a group without coordinators',
      [cai, eli],
      { userId: 'cai', status: 'removed' },
      false,
    ],
  ];

  it.each(cases)('%s → blocked: %s', (_name, members, change, blocked) => {
    expect(wouldLeaveNoCoordinator(members, change)).toBe(blocked);
  });

  it('counts only active coordinators as coordinators', () => {
    expect([ana, ben, cai, dee, eli].map(isActiveCoordinator)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(hasNoCoordinator([cai, dee, eli])).toBe(true);
    expect(hasNoCoordinator([cai, ben])).toBe(false);
    expect(hasNoCoordinator([])).toBe(true);
  });
});
