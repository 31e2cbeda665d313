/** The wire protocol's version; it is also in every API path (`/api/v1/...`). */
export const PROTOCOL_VERSION = 1;
export const API_BASE = `/api/v${PROTOCOL_VERSION}`;
/** At most this many mutations in one push. */
export const MAX_MUTATIONS_PER_PUSH = 500;
/** Bytes; larger request bodies get 413. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const PULL_DEFAULT_LIMIT = 1000;
export const PULL_MAX_LIMIT = 5000;
/** The session cookie's name. */
export const SESSION_COOKIE = 'nb_session';
