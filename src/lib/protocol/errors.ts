import * as v from 'valibot';

/**
 * Every error code the server sends, in a body `{ error: { code, message } }` or in a
 * rejected mutation. The app turns codes into words; the server's `message` is a fallback.
 */
export const ERROR_CODES = [
  'invalid',
  'forbidden',
  'not_found',
  'already_claimed',
  'illegal_transition',
  'unauthorized',
  'bad_credentials',
  'login_taken',
  'rate_limited',
  'payload_too_large',
  'too_many_mutations',
  'unsupported_version',
  'bad_origin',
  'invite_invalid',
  'last_coordinator',
  'already_member',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status each code is sent with, where it ends a whole request. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  already_claimed: 409,
  illegal_transition: 409,
  unauthorized: 401,
  bad_credentials: 401,
  login_taken: 409,
  rate_limited: 429,
  payload_too_large: 413,
  too_many_mutations: 413,
  unsupported_version: 426,
  bad_origin: 403,
  invite_invalid: 404,
  last_coordinator: 409,
  already_member: 409,
  unavailable: 503,
  internal: 500,
};

export const fieldErrorSchema = v.object({
  path: v.string(),
  code: v.string(),
  limit: v.optional(v.number()),
});

export const apiErrorSchema = v.object({
  error: v.object({
    code: v.picklist(ERROR_CODES),
    message: v.string(),
    /** Per-field problems for `invalid`, so forms can point at the field. */
    fields: v.optional(v.array(fieldErrorSchema)),
  }),
});
export type ApiError = v.InferOutput<typeof apiErrorSchema>;
