/**
 * The one error shape of the API: `{ error: { code, message, details? } }` with a 4xx/5xx
 * status. Routes throw ApiError; the error handler (error-handler.ts) writes it.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'invalid', message, details);
export const unauthorized = () => new ApiError(401, 'unauthenticated', 'Sign in to continue.');
export const forbidden = (message = 'You are not allowed to do that.') =>
  new ApiError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new ApiError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
