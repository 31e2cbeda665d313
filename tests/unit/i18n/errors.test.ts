import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECORD_TYPES, opMisfit, type MutationKind } from '../../../src/lib/domain';
import { errorMessage, fieldErrorMessage, fieldMessages } from '../../../src/lib/i18n/errors';
import { overwriteGetLocale } from '../../../src/lib/paraglide/runtime';

let current: 'en' | 'es' = 'en';
overwriteGetLocale(() => current);
afterEach(() => {
  current = 'en';
});

/**
 * Every field code the shared rules can give: the issue codes their schemas name (a
 * valibot message argument, `…, 'code')`), the `{ path, code }` errors the rules build,
 * and every op misfit. Read from the source so a code added there is checked here.
 */
function domainFieldCodes(): string[] {
  const codes = new Set<string>();
  for (const dir of ['src/lib/domain', 'src/lib/protocol']) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const [, code] of source.matchAll(/,\s*'([a-z_]+)',?\s*\)/g)) codes.add(code!);
      for (const [, code] of source.matchAll(/path: [^{}]*?code: '([a-z_]+)'/g)) codes.add(code!);
    }
  }
  const ops: MutationKind[] = ['create', 'update', 'transition', 'append', 'archive'];
  for (const op of ops) {
    for (const type of RECORD_TYPES) {
      const misfit = opMisfit(op, type);
      if (misfit) codes.add(misfit);
    }
  }
  return [...codes].sort();
}

const codes = domainFieldCodes();
const fallback = (locale: 'en' | 'es') => {
  current = locale;
  return fieldErrorMessage({ path: 'x', code: 'no_such_code' });
};

describe('every field code the rules can give has words of its own', () => {
  it('the scan finds the codes the rules are known to give', () => {
    for (const known of [
      'required',
      'too_long',
      'invalid_format',
      'duplicate',
      'not_a_member',
      'logs_are_appended',
      'only_logs_are_appended',
      'no_lifecycle',
      'requester_or_on_behalf_of',
    ]) {
      expect(codes).toContain(known);
    }
  });

  it.each(codes.filter((c) => c !== 'invalid_type'))(
    '%s reads as its own message in English and Spanish',
    (code) => {
      for (const locale of ['en', 'es'] as const) {
        const none = fallback(locale);
        current = locale;
        const text = fieldErrorMessage({ path: 'field', code, limit: 3 });
        expect(text, `${code} in ${locale}`).not.toBe(none);
        expect(text.trim()).not.toBe('');
      }
    },
  );

  it('English and Spanish differ for the new codes', () => {
    for (const code of ['duplicate', 'not_a_member', 'logs_are_appended', 'no_lifecycle']) {
      current = 'en';
      const en = fieldErrorMessage({ path: 'x', code });
      current = 'es';
      expect(fieldErrorMessage({ path: 'x', code })).not.toBe(en);
    }
  });
});

describe('codes from the wire are looked up among our own keys only', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'a field code %s reads as "not valid" and lands on its own path',
    (code) => {
      expect(fieldErrorMessage({ path: 'title', code })).toBe(fallback('en'));
      current = 'en';
      expect(fieldMessages([{ path: '', code }])).toEqual({ '': fallback('en') });
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'an error code %s reads as the generic server error',
    (code) => {
      expect(errorMessage(code)).toBe(errorMessage('internal'));
    },
  );
});
