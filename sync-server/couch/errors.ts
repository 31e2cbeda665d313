/** The database could not be reached or failed (connection refused, timeout, 5xx). */
export class DatabaseUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The database is unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** A write lost the optimistic-lock race on `_rev` (CouchDB 409) or the id exists. */
export class ConflictError extends Error {
  constructor() {
    super('Document update conflict');
    this.name = 'ConflictError';
  }
}

/** Any other error status from CouchDB that the caller did not expect (a bug on our side). */
export class CouchRequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
  ) {
    super(`CouchDB answered ${statusCode}: ${reason}`);
    this.name = 'CouchRequestError';
  }
}

export function statusOf(error: unknown): number | undefined {
  if (error && typeof error === 'object' && 'statusCode' in error) {
    const code = (error as { statusCode: unknown }).statusCode;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}
