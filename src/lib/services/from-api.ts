import type { ApiResult } from '../sync/api-client';
import type { ServiceError } from './result';

/** An API failure as a service error (field errors kept for the form). */
export function apiFailure(result: Extract<ApiResult<unknown>, { ok: false }>): ServiceError {
  return {
    ok: false,
    code: result.code,
    message: result.message,
    ...(result.fields ? { errors: result.fields } : {}),
  };
}
