import { describe, expect, it } from 'vitest';
import { isId, parseRecord, RECORD_TYPES } from '../../../src/lib/domain';
import { FACTORIES, IDS, makeOnBehalfRequest } from '../../fixtures/records';

describe('test fixtures', () => {
  it.each(RECORD_TYPES)('make a valid %s record', (type) => {
    expect(parseRecord(type, FACTORIES[type]())).toEqual({ ok: true, value: FACTORIES[type]() });
  });

  it('make a valid on-behalf request', () => {
    expect(parseRecord('request', makeOnBehalfRequest()).ok).toBe(true);
  });

  it('use valid and distinct ULIDs for the cast', () => {
    const ids = Object.values(IDS);
    expect(ids.every(isId)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
