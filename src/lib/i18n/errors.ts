import { m } from '$lib/paraglide/messages';
import type { FieldError } from '$lib/domain';
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
  const fn = (API_ERRORS as Record<string, () => string>)[code] ?? m.error_internal;
  const text = fn();
  return retryAfter ? `${text} ${m.error_retry_after({ seconds: retryAfter })}` : text;
}

/** One domain field error in words, using its limit where it has one. */
export function fieldErrorMessage(error: FieldError): string {
  const limit = error.limit;
  switch (error.code) {
    case 'required':
      return m.fe_required();
    case 'too_long':
      return limit !== undefined ? m.fe_too_long({ limit }) : m.fe_too_long_plain();
    case 'too_short':
      return limit !== undefined ? m.fe_too_short({ limit }) : m.fe_too_short_plain();
    case 'too_many':
      return limit !== undefined ? m.fe_too_many({ limit }) : m.fe_invalid_format();
    case 'invalid_format':
      return error.path === 'login' ? m.fe_login_format() : m.fe_invalid_format();
    case 'invalid_choice':
      return m.fe_invalid_choice();
    case 'out_of_range':
      return m.fe_out_of_range();
    case 'unknown_field':
      return m.fe_unknown_field();
    case 'requester_or_on_behalf_of':
      return m.fe_on_behalf();
    case 'minutes_required':
      return m.fe_minutes_required();
    case 'amount_required':
      return m.fe_amount_required();
    case 'text_required':
      return m.fe_text_required();
    case 'forbidden':
      return m.fe_forbidden();
    case 'not_found':
      return m.fe_not_found();
    default:
      return m.fe_invalid_type();
  }
}

/**
 * Whole-record checks carry an empty path; the form shows them on the field they are
 * about. Keys are the domain's record-level check codes.
 */
const RECORD_CHECK_FIELD: Record<string, string> = {
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
    const path = error.path || RECORD_CHECK_FIELD[error.code] || '';
    out[path] ??= fieldErrorMessage(error);
  }
  return out;
}
