import { describe, expect, it } from 'vitest';
import { isPullPage } from '../../../src/lib/protocol/pull-page-check';
import { IDS, makeLog, makeMembership, makeRequest, makeTask } from '../../fixtures/records';

const page = (patch: Record<string, unknown> = {}) => ({
  records: [makeRequest(), makeTask(), makeLog(), makeMembership()],
  purge: [IDS.otherGroup],
  cursor: 'c1',
  more: false,
  ...patch,
});

describe('isPullPage', () => {
  it('takes a page of records with its cursor', () => {
    expect(isPullPage(page())).toBe(true);
  });

  it('takes an empty last page, and one with an estimate of what remains', () => {
    expect(isPullPage(page({ records: [], purge: [] }))).toBe(true);
    expect(isPullPage(page({ more: true, remaining: 1200 }))).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a list', []],
    ['text', 'records'],
  ])('refuses %s as a page', (_what, body) => {
    expect(isPullPage(body)).toBe(false);
  });

  it.each([
    ['no cursor', { cursor: undefined }],
    ['a cursor that is a number', { cursor: 5 }],
    ['no `more`', { more: undefined }],
    ['`more` as text', { more: 'false' }],
    ['`remaining` as text', { remaining: '12' }],
    ['no purge list', { purge: undefined }],
    ['a purge list with a number in it', { purge: [IDS.group, 7] }],
    ['records that are not a list', { records: { 0: makeRequest() } }],
  ])('refuses a page with %s', (_what, patch) => {
    expect(isPullPage(page(patch))).toBe(false);
  });

  it.each([
    ['null', null],
    ['a list', [makeRequest()]],
    ['without an id', { ...makeRequest(), id: undefined }],
    ['with a numeric id', { ...makeRequest(), id: 42 }],
    ['without a group', { ...makeRequest(), groupId: undefined }],
    ['of an unknown type', { ...makeRequest(), type: 'user' }],
    ['of a type that is an Object property', { ...makeRequest(), type: 'constructor' }],
  ])('refuses a page with a record that is %s', (_what, record) => {
    expect(isPullPage(page({ records: [makeRequest(), record] }))).toBe(false);
  });
});
