import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATEGORIES,
  defaultGroupSettings,
  directoryCard,
  isDefaultCategory,
  isId,
  newId,
  parseRecord,
} from '../../../src/lib/domain';
import { makeGroup } from '../../fixtures/records';

describe('ids', () => {
  it('makes valid ULIDs that sort in the order they were made', () => {
    const ids = Array.from({ length: 200 }, () => newId());
    expect(ids.every(isId)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([null, 42, '', 'x'.repeat(26), '01J0000000000000REQ000100'])(
    'does not take %j for an id',
    (value) => {
      expect(isId(value)).toBe(false);
    },
  );
});

describe('a new group', () => {
  it('starts with settings that make a valid group: anyone may ask and help, contactless first', () => {
    const settings = defaultGroupSettings('Flatbush Neighbors');
    expect(settings).toMatchObject({
      claiming: 'anyone',
      requestsNeedApproval: false,
      joinPolicy: 'code',
      exchangeMode: 'contactless',
      listed: false,
      categories: [...DEFAULT_CATEGORIES],
    });
    expect(parseRecord('group', makeGroup(settings)).ok).toBe(true);
  });
});

describe('directoryCard', () => {
  it('shows the public face of a group and none of its settings', () => {
    const group = makeGroup({
      description: 'Groceries and rides',
      contactLinks: [{ label: 'Chat', url: 'https://example.org/chat' }],
    });
    expect(directoryCard(group)).toEqual({
      id: group.id,
      name: group.name,
      description: 'Groceries and rides',
      area: group.area,
      neighborhoods: group.neighborhoods,
      languages: group.languages,
      contactLinks: [{ label: 'Chat', url: 'https://example.org/chat' }],
    });
  });

  it('does not share lists with the group it was made from', () => {
    const group = makeGroup({ neighborhoods: ['Flatbush'] });
    directoryCard(group).neighborhoods.push('Elsewhere');
    expect(group.neighborhoods).toEqual(['Flatbush']);
  });
});

describe('names of things', () => {
  it('knows the default categories and nothing else as default', () => {
    expect(DEFAULT_CATEGORIES.every(isDefaultCategory)).toBe(true);
    expect(isDefaultCategory('diapers')).toBe(false);
  });
});
