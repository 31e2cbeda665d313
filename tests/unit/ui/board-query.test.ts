import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  boardQueryFromParams,
  boardQueryToParams,
  defaultBoardQuery,
} from '../../../src/lib/ui/board-query';

const PAGE = 50;

describe('the needs board query in the URL', () => {
  it('round-trips every filter, the search and how many rows were shown', () => {
    const query = {
      status: 'claimed' as const,
      category: 'pañales',
      urgency: 'urgent' as const,
      neighborhood: 'North End',
      mine: true,
      q: 'bread milk',
      shown: 150,
    };
    const params = boardQueryToParams(query, PAGE);
    expect(params.toString()).toBe(
      'status=claimed&category=pa%C3%B1ales&urgency=urgent&hood=North+End&mine=1&q=bread+milk&shown=150',
    );
    expect(boardQueryFromParams(new URLSearchParams(params.toString()), PAGE)).toEqual(query);
  });

  it('the default board has an empty query', () => {
    expect(boardQueryToParams(defaultBoardQuery(PAGE), PAGE).toString()).toBe('');
    expect(boardQueryFromParams(new URLSearchParams(''), PAGE)).toEqual(defaultBoardQuery(PAGE));
  });

  it('a hand-edited link with unknown values opens the default board, rows rounded to pages', () => {
    const query = boardQueryFromParams(
      new URLSearchParams('status=lost&urgency=now&shown=12345&mine=yes'),
      PAGE,
    );
    expect(query).toEqual({ ...defaultBoardQuery(PAGE), shown: 1000 });
    expect(boardQueryFromParams(new URLSearchParams('shown=120'), PAGE).shown).toBe(100);
    expect(boardQueryFromParams(new URLSearchParams('shown=-5'), PAGE).shown).toBe(PAGE);
  });

  it('counts the filters that narrow the board (search is counted apart)', () => {
    expect(activeFilterCount(defaultBoardQuery(PAGE))).toBe(0);
    expect(
      activeFilterCount({ ...defaultBoardQuery(PAGE), category: 'meals', mine: true, q: 'x' }),
    ).toBe(2);
    expect(activeFilterCount({ ...defaultBoardQuery(PAGE), status: 'all' })).toBe(1);
  });
});
