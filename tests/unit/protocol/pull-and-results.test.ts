import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  API_BASE,
  ERROR_CODES,
  HTTP_STATUS,
  PULL_MAX_LIMIT,
  REJECT_CODES,
  apiErrorSchema,
  createGroupSchema,
  healthResponseSchema,
  inviteCodeSchema,
  loginSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushResponseSchema,
  signUpSchema,
} from '../../../src/lib/protocol';
import { defaultGroupSettings, validate } from '../../../src/lib/domain';
import { IDS, makeRequest } from '../../fixtures/records';

describe('pullQuerySchema', () => {
  it('accepts a first pull with no cursor and no limit', () => {
    expect(v.safeParse(pullQuerySchema, {})).toMatchObject({ success: true, output: {} });
  });

  it('reads the limit from the query string as a number', () => {
    expect(v.parse(pullQuerySchema, { cursor: 'abc_DEF-123', limit: '250' })).toEqual({
      cursor: 'abc_DEF-123',
      limit: 250,
    });
  });

  it.each(['1', String(PULL_MAX_LIMIT)])('accepts the limit %s', (limit) => {
    expect(v.safeParse(pullQuerySchema, { limit }).success).toBe(true);
  });

  it.each([
    ['zero', '0'],
    ['more than the most a page holds', String(PULL_MAX_LIMIT + 1)],
    ['negative', '-1'],
    ['in words', 'ten'],
    ['in exponent form', '1e3'],
    ['fractional', '2.5'],
    ['too many digits', '000001'],
    ['a number rather than query text', 100],
  ])('refuses a limit that is %s', (_what, limit) => {
    expect(v.safeParse(pullQuerySchema, { limit }).success).toBe(false);
  });

  it.each([
    ['characters outside base64url', 'abc/def=='],
    ['a JSON object', '{"seq":1}'],
    ['more than 20,000 characters', 'a'.repeat(20_001)],
    ['a number', 5],
  ])('refuses a cursor with %s', (_what, cursor) => {
    expect(v.safeParse(pullQuerySchema, { cursor }).success).toBe(false);
  });

  it('refuses a query parameter the protocol does not have', () => {
    expect(v.safeParse(pullQuerySchema, { since: '0' }).success).toBe(false);
  });

  it.each([
    ['limit', { limit: '0' }, 'out_of_range'],
    ['limit', { limit: String(PULL_MAX_LIMIT + 1) }, 'out_of_range'],
    ['limit', { limit: 'ten' }, 'invalid_format'],
    ['limit', { limit: 100 }, 'invalid_type'],
    ['cursor', { cursor: 'abc/def==' }, 'invalid_format'],
    ['cursor', { cursor: 'a'.repeat(20_001) }, 'too_long'],
    ['cursor', { cursor: 5 }, 'invalid_type'],
    ['since', { since: '0' }, 'unknown_field'],
  ])('names a bad %s by a code the app translates (%j → %s)', (path, query, code) => {
    const result = validate(pullQuerySchema, query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ path, code }));
  });
});

describe('pullResponseSchema', () => {
  it('accepts a page of records with its cursor', () => {
    const page = { records: [makeRequest()], purge: [IDS.otherGroup], cursor: 'c1', more: true };
    expect(v.safeParse(pullResponseSchema, page).success).toBe(true);
  });

  it('refuses a page without `more`', () => {
    expect(v.safeParse(pullResponseSchema, { records: [], purge: [], cursor: 'c1' }).success).toBe(
      false,
    );
  });
});

describe('pushResponseSchema', () => {
  const record = makeRequest();

  it.each([
    ['applied', { mid: 'm1', status: 'applied', record }],
    [
      'merged',
      {
        mid: 'm2',
        status: 'merged',
        record,
        conflicts: [{ field: 'title', yours: 'Milk', theirs: 'Bread' }],
      },
    ],
    [
      'rejected',
      {
        mid: 'm3',
        status: 'rejected',
        code: 'already_claimed',
        message: 'Someone else is on it',
        record,
        holder: { userId: IDS.member, displayName: 'Ada' },
      },
    ],
  ])('accepts an %s result', (_status, result) => {
    expect(v.safeParse(pushResponseSchema, { results: [result] }).success).toBe(true);
  });

  it.each(REJECT_CODES)('accepts a rejection with the code %s', (code) => {
    const result = { mid: 'm', status: 'rejected', code, message: 'No' };
    expect(v.safeParse(pushResponseSchema, { results: [result] }).success).toBe(true);
  });

  it.each([
    ['an unknown status', { mid: 'm', status: 'ignored' }],
    [
      'a rejection with an unknown code',
      { mid: 'm', status: 'rejected', code: 'nope', message: '' },
    ],
    ['a rejection without a message', { mid: 'm', status: 'rejected', code: 'forbidden' }],
    ['a merge without its conflicts', { mid: 'm', status: 'merged', record }],
    ['an applied result without the stored record', { mid: 'm', status: 'applied' }],
  ])('refuses %s', (_what, result) => {
    expect(v.safeParse(pushResponseSchema, { results: [result] }).success).toBe(false);
  });
});

describe('error codes', () => {
  it('has an HTTP status for every error code', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each([
    ['invalid', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['already_claimed', 409],
    ['illegal_transition', 409],
    ['payload_too_large', 413],
    ['too_many_mutations', 413],
    ['unsupported_version', 426],
    ['rate_limited', 429],
  ] as const)('sends %s as HTTP %i', (code, status) => {
    expect(HTTP_STATUS[code]).toBe(status);
  });

  it('every code a mutation can be rejected with, except conflict, is an error code', () => {
    expect(REJECT_CODES.filter((c) => !(ERROR_CODES as readonly string[]).includes(c))).toEqual([
      'conflict',
    ]);
  });

  it('accepts an error body with per-field problems and refuses an unknown code', () => {
    const body = {
      error: {
        code: 'invalid',
        message: 'Check the title',
        fields: [{ path: 'title', code: 'too_long', limit: 140 }],
      },
    };
    expect(v.safeParse(apiErrorSchema, body).success).toBe(true);
    expect(v.safeParse(apiErrorSchema, { error: { code: 'oops', message: 'x' } }).success).toBe(
      false,
    );
  });

  it.each([
    [{ status: 'ok', version: '0.1.0', database: { kind: 'embedded', ok: true } }, true],
    [{ status: 'degraded', version: '0.1.0', database: { kind: 'couchdb', ok: false } }, true],
    [{ status: 'fine', version: '0.1.0', database: { kind: 'embedded', ok: true } }, false],
    [{ status: 'ok', version: '0.1.0', database: { kind: 'sqlite', ok: true } }, false],
    [{ status: 'ok', version: '0.1.0' }, false],
  ])('reads the health answer %j: %s', (body, valid) => {
    expect(v.is(healthResponseSchema, body)).toBe(valid);
  });

  it('puts the protocol version in the API path', () => {
    expect(API_BASE).toBe('/api/v1');
  });
});

describe('account and group bodies', () => {
  it('normalizes a login to trimmed lower case', () => {
    expect(v.parse(loginSchema, '  Ada.Lovelace@Example.ORG ')).toBe('ada.lovelace@example.org');
  });

  it.each([
    ['shorter than 3 characters', 'ab'],
    ['with spaces inside', 'ada lovelace'],
    ['with a script tag', '<script>'],
    ['longer than an email can be', `${'a'.repeat(250)}@x.org`],
  ])('refuses a login %s', (_what, login) => {
    expect(v.safeParse(loginSchema, login).success).toBe(false);
  });

  it('refuses a sign-up with a password shorter than 8 characters', () => {
    expect(
      v.safeParse(signUpSchema, { name: 'Ada', login: 'ada', password: 'short' }).success,
    ).toBe(false);
    expect(
      v.safeParse(signUpSchema, { name: 'Ada', login: 'ada', password: 'long enough' }).success,
    ).toBe(true);
  });

  it('reads an invite code typed in lower case', () => {
    expect(v.parse(inviteCodeSchema, ' ab12cd ')).toBe('AB12CD');
    expect(v.safeParse(inviteCodeSchema, 'ab-12').success).toBe(false);
  });

  it('accepts a new group with the default settings and refuses unknown fields', () => {
    const body = { id: IDS.group, ...defaultGroupSettings('Flatbush Neighbors') };
    expect(v.safeParse(createGroupSchema, body).success).toBe(true);
    expect(v.safeParse(createGroupSchema, { ...body, role: 'admin' }).success).toBe(false);
  });
});
