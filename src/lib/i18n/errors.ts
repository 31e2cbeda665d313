import { m } from '$lib/paraglide/messages';
import type { FieldError, OpMisfit, ValidationCode } from '$lib/domain';
import type { ErrorCode } from '$lib/protocol';

/**
 * The one place that turns error codes into words: domain `FieldError` codes for forms,
 * protocol `ErrorCode`s (plus the API client's `offline`) for everything else.
 */

const API_ERRORS: Record<ErrorCode | 'offline', () => string> = {
  invalid: m.error_invalid,
  forbidden: m.error_forbidden,
  not_found: m.error_not_found,
  already_claimed: m.error_already_claimed,
  illegal_transition: m.error_illegal_transition,
  unauthorized: m.error_unauthorized,
  bad_credentials: m.error_bad_credentials,
  login_taken: m.error_login_taken,
  rate_limited: m.error_rate_limited,
  payload_too_large: m.error_payload_too_large,
  too_many_mutations: m.error_too_many_mutations,
  unsupported_version: m.error_unsupported_version,
  bad_origin: m.error_bad_origin,
  invite_invalid: m.error_invite_invalid,
  last_coordinator: m.error_last_coordinator,
  already_member: m.error_already_member,
  unavailable: m.error_unavailable,
  internal: m.error_internal,
  offline: m.error_offline,
};

/** A server or client error code in words; `retryAfter` (seconds) adds when to try again. */
export function errorMessage(code: string, retryAfter?: number): string {
  const fn = Object.hasOwn(API_ERRORS, code)
    ? API_ERRORS[code as keyof typeof API_ERRORS]
    : m.error_internal;
  const text = fn();
  return retryAfter ? `${text} ${m.error_retry_after({ seconds: retryAfter })}` : text;
}

/**
 * Every code a `FieldError` can carry: the schemas' issue codes, the op misfits, and the
 * rules' own (a record-level check, an assignee who is not a member, …). Typed as a record
 * so a new `ValidationCode` or `OpMisfit` in the domain does not compile until it has words.
 */
type FieldCode =
  | ValidationCode
  | OpMisfit
  | 'requester_or_on_behalf_of'
  | 'minutes_required'
  | 'amount_required'
  | 'text_required'
  | 'forbidden'
  | 'not_found'
  | 'not_a_member';

const FIELD_WORDS: Record<FieldCode, (error: FieldError) => string> = {
  required: () => m.fe_required(),
  too_long: ({ limit }) => (limit !== undefined ? m.fe_too_long({ limit }) : m.fe_too_long_plain()),
  too_short: ({ limit }) =>
    limit !== undefined ? m.fe_too_short({ limit }) : m.fe_too_short_plain(),
  too_many: ({ limit }) => (limit !== undefined ? m.fe_too_many({ limit }) : m.fe_invalid_format()),
  invalid_format: ({ path }) => (path === 'login' ? m.fe_login_format() : m.fe_invalid_format()),
  invalid_choice: () => m.fe_invalid_choice(),
  out_of_range: () => m.fe_out_of_range(),
  unknown_field: () => m.fe_unknown_field(),
  invalid_type: () => m.fe_invalid_type(),
  duplicate: () => m.fe_duplicate(),
  logs_are_appended: () => m.fe_logs_are_appended(),
  only_logs_are_appended: () => m.fe_only_logs_are_appended(),
  no_lifecycle: () => m.fe_no_lifecycle(),
  requester_or_on_behalf_of: () => m.fe_on_behalf(),
  minutes_required: () => m.fe_minutes_required(),
  amount_required: () => m.fe_amount_required(),
  text_required: () => m.fe_text_required(),
  forbidden: () => m.fe_forbidden(),
  not_found: () => m.fe_not_found(),
  not_a_member: () => m.fe_not_a_member(),
};

/**
 * One field error in words, using its limit where it has one. Codes come over the wire, so
 * only our own keys count (a `constructor` code must not reach Object.prototype); an unknown
 * one reads as "not valid".
 */
export function fieldErrorMessage(error: FieldError): string {
  const words = Object.hasOwn(FIELD_WORDS, error.code)
    ? FIELD_WORDS[error.code as FieldCode]
    : undefined;
  return words ? words(error) : m.fe_invalid_type();
}

/**
 * Whole-record checks carry an empty path; the form shows them on the field they are
 * about. Keys are the domain's record-level check codes.
 */
const RECORD_CHECK_FIELD: Partial<Record<FieldCode, string>> = {
  requester_or_on_behalf_of: 'onBehalfOf',
  minutes_required: 'minutes',
  amount_required: 'amount',
  text_required: 'text',
};

/**
 * Field errors as `{ path: message }` (the first per field), for `aria-invalid` and the
 * message under each control. Nested paths keep their dots (`private.phone`).
 */
export function fieldMessages(errors: readonly FieldError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors ?? []) {
    const recordField = Object.hasOwn(RECORD_CHECK_FIELD, error.code)
      ? RECORD_CHECK_FIELD[error.code as FieldCode]
      : undefined;
    const path = error.path || recordField || '';
    out[path] ??= fieldErrorMessage(error);
  }
  return out;
}
