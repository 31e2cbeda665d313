import type { FieldError, TransitionCode } from '../domain';
import type { ErrorCode } from '../protocol';

/** Why a service refused; forms translate `code` and each field error's `code`. */
export type ServiceErrorCode =
  | TransitionCode
  | ErrorCode
  /** No network (only the online-only account/group calls return this). */
  | 'offline'
  /** Nobody is signed in on this device. */
  | 'unauthenticated';

export interface ServiceError {
  ok: false;
  code: ServiceErrorCode;
  /** Field errors straight from the domain schemas or the server. */
  errors?: FieldError[];
  /** For `already_claimed`: who holds it (user id), when known. */
  holderId?: string;
  /** The server's English message (fallback only; show the translated code). */
  message?: string;
}

/** Errors are values: forms keep what was typed and show `errors` next to their fields. */
export type ServiceResult<R> = { ok: true; record: R } | ServiceError;

export function fail(
  code: ServiceErrorCode,
  extra: Omit<ServiceError, 'ok' | 'code'> = {},
): ServiceError {
  return { ok: false, code, ...extra };
}
