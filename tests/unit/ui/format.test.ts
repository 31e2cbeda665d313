import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, formatDay, parseLocaleNumber } from '../../../src/lib/i18n/format';
import { overwriteGetLocale } from '../../../src/lib/paraglide/runtime';

let current: 'en' | 'es' = 'en';
overwriteGetLocale(() => current);
const setLocale = (locale: 'en' | 'es') => {
  current = locale;
};
afterEach(() => setLocale('en'));

describe('numbers as people type them', () => {
  it.each([
    ['es', '1.234,50', 1234.5],
    ['es', '4,35', 4.35],
    ['es', '4.35', 4.35],
    ['es', '1.234', 1234],
    ['es', '12', 12],
    ['en', '1,234.50', 1234.5],
    ['en', '4.35', 4.35],
    ['en', '4,35', 4.35],
    ['en', '1,234', 1234],
    ['en', '1 234,5', 1234.5],
    ['es', '1.234.567,8', 1234567.8],
  ] as const)('%s: %s → %d', (locale, typed, value) => {
    setLocale(locale);
    expect(parseLocaleNumber(typed)).toBeCloseTo(value, 10);
  });

  it('empty is nothing; letters, stray marks and broken groups are not numbers', () => {
    expect(parseLocaleNumber('  ')).toBeNull();
    for (const typed of ['abc', '4,3,5.1', '12.34.5', '1.23,4.5', '€4']) {
      expect(parseLocaleNumber(typed)).toBeNaN();
    }
  });
});

describe('dates and sizes through Intl', () => {
  it('a day of another year shows its year; this year it does not', () => {
    const now = new Date(2026, 5, 1);
    expect(formatDay('2026-03-03', now)).not.toMatch(/2026/);
    expect(formatDay('2025-03-03', now)).toMatch(/2025/);
    setLocale('es');
    expect(formatDay('2027-01-05', now)).toMatch(/2027/);
  });

  it('bytes in the locale’s digits', () => {
    expect(formatBytes(12_300_000)).toBe('12 MB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
    setLocale('es');
    expect(formatBytes(1_500_000_000)).toBe('1,5 GB');
    expect(formatBytes(512)).toMatch(/^512\s?B(yte)?/);
  });
});
