import { describe, expect, it } from 'vitest';
import { matchesText, searchText, textQuery, tokenize } from '../../../src/lib/db/words';

/** Match `query` against parts both ways a row can hold them: as they are, and folded. */
function both(query: string, parts: string[]): [boolean, boolean] {
  const q = textQuery(query)!;
  return [matchesText(q, undefined, parts), matchesText(q, searchText(parts), parts)];
}

describe('search text', () => {
  it('folds case and accents and puts one space before every word', () => {
    expect(searchText(['Café  RUN', null, 'Crème-brûlée', undefined])).toBe(
      ' cafe run creme brulee ',
    );
    expect(tokenize('Crème, BRÛLÉE!')).toEqual(['creme', 'brulee']);
  });

  it.each([
    ['whe', ['A wheelchair ramp'], true],
    ['ramp WHEEL', ['A wheelchair', 'ramp'], true],
    ['chair', ['A wheelchair ramp'], false],
    ['24 7', ['Open 24/7'], true],
    ['ramp zebra', ['A wheelchair ramp'], false],
    ['x-ray', ['Needs an X-Ray'], true],
    ['ray', ['Needs an X-Ray'], true],
    ['a1', ['Flat A1b'], true],
    ['1b', ['Flat A1b'], false],
  ])('"%s" in %j: %s, whether the row is plain ASCII or folded', (query, parts, expected) => {
    expect(both(query, parts)).toEqual([expected, expected]);
  });

  it('matches accented words only through the folded text, which such rows keep', () => {
    const q = textQuery('cafe')!;
    expect(matchesText(q, searchText(['Café run']), ['Café run'])).toBe(true);
    expect(matchesText(textQuery('café')!, undefined, ['A cafe run'])).toBe(true);
    // A word that is not plain ASCII can never match plain ASCII text.
    expect(matchesText(textQuery('straße')!, undefined, ['strasse'])).toBe(false);
    expect(matchesText(textQuery('ñandú')!, undefined, ['A nandu'])).toBe(true);
  });

  it('has no query for text without a word', () => {
    expect(textQuery(' !? ')).toBeNull();
  });
});
