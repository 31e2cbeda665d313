import { describe, expect, it } from 'vitest';
import type { LogKind } from '../../../src/lib/domain';
import {
  anyStatusLabel,
  categoryLabel,
  languageName,
  logKindLabel,
} from '../../../src/lib/i18n/labels';
import { overwriteGetLocale } from '../../../src/lib/paraglide/runtime';

overwriteGetLocale(() => 'en');

describe('a label typed by a member is never looked up on Object.prototype', () => {
  it.each([
    ['constructor', 'Constructor'],
    ['toString', 'toString'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['__proto__', '__proto__'],
    ['valueOf', 'valueOf'],
  ])('category %s is shown as %s', (name, shown) => {
    expect(categoryLabel(name)).toBe(shown);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'a status %s in a log entry is shown as written',
    (status) => {
      expect(anyStatusLabel(status)).toBe(status);
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'a language tag %s falls back to Intl or the tag itself, not a function of Object',
    (tag) => {
      expect(typeof languageName(tag, 'en')).toBe('string');
    },
  );
});

describe('our own words still apply', () => {
  it('a default category is translated, a group label is shown as written, a slug becomes words', () => {
    expect(categoryLabel('groceries')).toBe('Groceries');
    expect(categoryLabel('Pañales')).toBe('Pañales');
    expect(categoryLabel('baby_supplies')).toBe('Baby supplies');
  });

  it('a known status is translated', () => {
    expect(anyStatusLabel('in_progress')).not.toBe('in_progress');
  });

  it('a log kind this version does not know (written by a newer app) shows as its code', () => {
    expect(logKindLabel('offer')).not.toBe('offer');
    expect(logKindLabel('handover' as LogKind)).toBe('handover');
  });
});
