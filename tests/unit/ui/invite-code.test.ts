import { describe, expect, it } from 'vitest';
import { inviteCodeFrom } from '../../../src/lib/ui/invite-code';

describe('an invite code typed or pasted on the join page', () => {
  it.each([
    ['AB12CD34', 'AB12CD34'],
    ['  ab12cd34 ', 'AB12CD34'],
    ['ab12 cd34', 'AB12CD34'],
    ['AB12-CD34', 'AB12CD34'],
    ['https://aid.example.org/join/ab12cd34', 'AB12CD34'],
    ['https://aid.example.org/app/join/AB12CD34?utm=x#top', 'AB12CD34'],
    ['aid.example.org/join/AB12CD34', 'AB12CD34'],
    ['https://aid.example.org/join?code=ab12cd34', 'AB12CD34'],
  ])('%s → %s', (typed, code) => {
    expect(inviteCodeFrom(typed)).toBe(code);
  });

  it.each([
    '',
    'ab1',
    'AB12CD34AB12CD34X',
    'AB12_CD34',
    'https://aid.example.org/groups',
    'ñandú12',
  ])('refuses %j', (typed) => {
    expect(inviteCodeFrom(typed)).toBeNull();
  });
});
