import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import { ConflictError, CouchRequestError, DatabaseUnavailableError } from '../couch/errors';
import { ApiError } from './api-error';

/** Seconds a client should wait before retrying while the database is down. */
export const DB_RETRY_AFTER_SECONDS = 5;

/** Fastify's own client errors (parsing, limits, media types) as API errors. */
function fromFastify(error: FastifyError): ApiError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('invalid', 'Send JSON (content-type: application/json).', {
        status: 415,
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('invalid', 'The request body is empty.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('invalid', 'The content-length does not match the body.');
    default:
      break;
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ApiError('invalid', 'The request body is not valid JSON.');
  }
  if (/prototype|constructor/i.test(error.message) && error.statusCode === 400) {
    return new ApiError('invalid', 'The request body contains forbidden keys.');
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('invalid', 'The request could not be read.', { status: error.statusCode });
  }
  return undefined;
}

/**
 * CouchDB's own 4xx answers are about the sync-server's requests, never the caller's: a
 * wrong COUCHDB_URL password must not read as "your session ended" (401) to every app. A
 * database that refuses our credentials is unusable until an operator fixes it (503); any
 * other status is a bug on our side (500). Both are logged.
 */
function fromCouch(error: CouchRequestError, log: FastifyBaseLogger): ApiError {
  if (error.statusCode === 401 || error.statusCode === 403) {
    log.error({ err: error }, 'the database refused our credentials: check COUCHDB_URL');
    return new ApiError('unavailable', 'The database is unavailable; try again shortly.', {
      headers: { 'retry-after': String(DB_RETRY_AFTER_SECONDS) },
    });
  }
  log.error({ err: error }, 'unexpected database answer');
  return new ApiError('internal', 'Something went wrong on the server.');
}

/**
 * Every error leaves as `{ error: { code, message } }`. Bad input is always 4xx; the
 * database being down is 503 with Retry-After; anything else is a logged 500 whose
 * details stay in the log.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    let apiError: ApiError;
    if (error instanceof ApiError) {
      apiError = error;
    } else if (error instanceof DatabaseUnavailableError) {
      request.log.warn({ err: error.cause ?? error }, 'database unavailable');
      apiError = new ApiError('unavailable', 'The database is unavailable; try again shortly.', {
        headers: { 'retry-after': String(DB_RETRY_AFTER_SECONDS) },
      });
    } else if (error instanceof CouchRequestError) {
      apiError = fromCouch(error, request.log);
    } else if (error instanceof ConflictError) {
      // Conflicts are retried where they are expected; one that escapes is contention.
      request.log.warn({ err: error }, 'unresolved write conflict');
      apiError = new ApiError('unavailable', 'The server is busy; try again.', {
        headers: { 'retry-after': '1' },
      });
    } else {
      const fromFramework = fromFastify(error as FastifyError);
      if (fromFramework) {
        apiError = fromFramework;
      } else {
        request.log.error({ err: error }, 'unhandled error');
        apiError = new ApiError('internal', 'Something went wrong on the server.');
      }
    }
    for (const [name, value] of Object.entries(apiError.headers)) reply.header(name, value);
    const body: { code: string; message: string; fields?: unknown } = {
      code: apiError.code,
      message: apiError.message,
    };
    if (apiError.fields !== undefined) body.fields = apiError.fields;
    return reply
      .code(apiError.statusCode)
      .type('application/json; charset=utf-8')
      .send({ error: body });
  });
}
