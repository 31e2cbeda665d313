import * as v from 'valibot';
import { isId } from './ids';
import { LIMITS } from './limits';

/**
 * Issue messages are stable codes, not English: the app translates them
 * (with the issue's `requirement` as the limit) and the server sends them as-is.
 */
export type ValidationCode =
  | 'required'
  | 'too_long'
  | 'too_short'
  | 'too_many'
  | 'invalid_format'
  | 'invalid_choice'
  | 'out_of_range'
  | 'unknown_field'
  | 'invalid_type'
  | 'duplicate';

export const text = (max: number) => v.pipe(v.string('invalid_type'), v.maxLength(max, 'too_long'));

export const requiredText = (max: number) =>
  v.pipe(
    v.string('invalid_type'),
    v.check((s) => s.trim().length > 0, 'required'),
    v.maxLength(max, 'too_long'),
  );

export const idSchema = v.pipe(
  v.string('invalid_type'),
  v.check((s: string) => isId(s), 'invalid_format'),
);

export const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item, 'invalid_type'), v.maxLength(max, 'too_many'));

function yearInRange(year: number): boolean {
  return year >= LIMITS.minYear && year <= LIMITS.maxYear;
}

const TIMESTAMP = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const DAY = /^(\d{4})-\d{2}-\d{2}$/;

/** An instant, as `Date.prototype.toISOString()` writes it (UTC). */
export const timestamp = v.pipe(
  v.string('invalid_type'),
  v.check(
    (s) =>
      TIMESTAMP.test(s) &&
      !Number.isNaN(Date.parse(s)) &&
      new Date(s).toISOString().slice(0, 19) === s.slice(0, 19),
    'invalid_format',
  ),
  v.check((s) => yearInRange(Number(s.slice(0, 4))), 'out_of_range'),
);

/** A calendar day (`YYYY-MM-DD`), for "needed by" and due dates: no time zone games. */
export const day = v.pipe(
  v.string('invalid_type'),
  v.check(
    (s) =>
      DAY.test(s) &&
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s,
    'invalid_format',
  ),
  v.check((s) => yearInRange(Number(s.slice(0, 4))), 'out_of_range'),
);

/**
 * A category: one of the built-in ids (`groceries`, …, translated in the app) or a group's
 * own short label as people write it — "pañales", "Baby supplies", "Niños 0-5". Words of
 * letters (any script, accents included) and digits, joined by single spaces or hyphens;
 * no space at either end. Underscores are kept for labels made before labels were allowed.
 */
export const category = v.pipe(
  v.string('invalid_type'),
  v.check((s) => s.trim().length > 0, 'required'),
  v.maxLength(LIMITS.category, 'too_long'),
  v.regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N}_]*(?:[ -][\p{L}\p{M}\p{N}_]+)*$/u, 'invalid_format'),
);

/** A group's categories: the same one twice, in any case, would be two filters for one thing. */
export const categoryList = v.pipe(
  list(category, LIMITS.categories),
  v.minLength(1, 'required'),
  v.check(
    (names) => new Set(names.map((n) => n.normalize('NFC').toLowerCase())).size === names.length,
    'duplicate',
  ),
);

export const languageTag = v.pipe(
  v.string('invalid_type'),
  v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'invalid_format'),
  v.maxLength(LIMITS.language, 'too_long'),
);

export const httpUrl = v.pipe(
  v.string('invalid_type'),
  v.maxLength(LIMITS.url, 'too_long'),
  v.check((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:';
    } catch {
      return false;
    }
  }, 'invalid_format'),
);

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * True when any object inside `value` has a key that could reach a prototype.
 * Checked before schemas run, because JSON.parse makes `__proto__` an own key
 * that a later spread or merge would turn into a prototype change.
 */
export function hasForbiddenKeys(value: unknown, depth = 0): boolean {
  if (depth > 32) return true;
  if (Array.isArray(value)) return value.some((item) => hasForbiddenKeys(item, depth + 1));
  if (value === null || typeof value !== 'object') return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return true;
    if (hasForbiddenKeys((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

export interface FieldError {
  /** Dot path of the field, e.g. `title` or `private.phone`; '' for the whole value. */
  path: string;
  code: ValidationCode | string;
  /** The limit that was broken, where there is one (max length, max items, …). */
  limit?: number;
}

export function toFieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    const code =
      issue.type !== 'strict_object'
        ? issue.message
        : issue.expected === 'never'
          ? 'unknown_field'
          : path === ''
            ? 'invalid_type'
            : 'required';
    const limit = typeof issue.requirement === 'number' ? issue.requirement : undefined;
    return limit === undefined ? { path, code } : { path, code, limit };
  });
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Parse untrusted input: forbidden keys first, then the schema. Never throws. */
export function validate<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): Validated<v.InferOutput<S>> {
  if (hasForbiddenKeys(input)) {
    return { ok: false, errors: [{ path: '', code: 'unknown_field' }] };
  }
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, errors: toFieldErrors(result.issues) };
}
