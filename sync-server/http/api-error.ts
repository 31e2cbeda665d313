import { HTTP_STATUS, type ErrorCode } from '../../src/lib/protocol';
import type { FieldError } from '../../src/lib/domain';

/**
 * The one error shape of the API: `{ error: { code, message, fields? } }` with a 4xx/5xx
 * status (codes from src/lib/protocol). Routes throw ApiError; error-handler.ts writes it.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { status?: number; fields?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = options.status ?? HTTP_STATUS[code];
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }
  readonly statusCode: number;
  readonly fields: FieldError[] | undefined;
  readonly headers: Record<string, string>;
}

export const invalid = (message: string, fields?: FieldError[]) =>
  new ApiError('invalid', message, fields ? { fields } : {});
export const unauthorized = () => new ApiError('unauthorized', 'Sign in to continue.');
export const forbidden = (message = 'You are not allowed to do that.') =>
  new ApiError('forbidden', message);
export const notFound = (message = 'Not found.') => new ApiError('not_found', message);
