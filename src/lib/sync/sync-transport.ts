import * as v from 'valibot';
import type { FieldError } from '$lib/domain';
import { isPullPage } from '$lib/protocol/pull-page-check';
import {
  API_BASE,
  pushResponseSchema,
  type Mutation,
  type PullResponse,
  type PushResponse,
} from '$lib/protocol';

/**
 * Why a sync call failed, as the engine needs to react to it:
 * - `offline`: no answer at all (no network, server down) → retry with backoff;
 * - `unauthorized`: the session ended → pause until the user signs in again, outbox untouched;
 * - `upgrade`: the server no longer speaks this protocol (426) → offer the app update;
 * - `server`: any other failed answer (5xx, 429, a bad body) → retry with backoff;
 * - `refused`: (push only, decided by push-outbox.ts) the server refuses a change and the
 *   engine cannot tell that the change itself is at fault → keep it, retry with backoff,
 *   and show "needs attention".
 */
export type SyncFailureKind = 'offline' | 'unauthorized' | 'upgrade' | 'server' | 'refused';

export interface SyncFailure {
  ok: false;
  kind: SyncFailureKind;
  status: number;
  message: string;
  /** The API's error code, when the answer had an `{ error: { code } }` body. */
  code?: string;
  /** Per-field problems of a 400 `invalid` (paths such as `mutations.3.record.title`). */
  fields?: FieldError[];
  /** From `Retry-After`, when the server asked for a pause. */
  retryAfterMs?: number;
}

export type SyncCall<T> = { ok: true; data: T } | SyncFailure;

/**
 * How long one call may take before it counts as no answer: a hung request (a dead
 * connection the OS has not noticed, a captive portal that never replies) would otherwise
 * keep the engine "syncing" and hold the sync lock for ever. A push may carry 500 mutations
 * that the server decides one by one, so it gets longer than one pull page; each page has
 * its own clock.
 */
export const PUSH_TIMEOUT_MS = 60_000;
export const PULL_TIMEOUT_MS = 30_000;

/** The two sync calls the engine makes; tests pass a fake. */
export interface SyncTransport {
  push(mutations: Mutation[]): Promise<SyncCall<PushResponse>>;
  pull(cursor: string | null, limit: number): Promise<SyncCall<PullResponse>>;
}

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : undefined;
}

async function failure(response: Response): Promise<SyncFailure> {
  let message = response.statusText;
  let error: { code?: unknown; message?: unknown; fields?: unknown } | undefined;
  try {
    error = ((await response.json()) as { error?: typeof error }).error;
    if (typeof error?.message === 'string') message = error.message;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const kind: SyncFailureKind =
    response.status === 401 ? 'unauthorized' : response.status === 426 ? 'upgrade' : 'server';
  return {
    ok: false,
    kind,
    status: response.status,
    message,
    ...(typeof error?.code === 'string' ? { code: error.code } : {}),
    ...(Array.isArray(error?.fields) ? { fields: error.fields as FieldError[] } : {}),
    retryAfterMs: retryAfter(response),
  };
}

/**
 * One call with a deadline: at `timeoutMs` the request is aborted and the call answers
 * `offline` (retried with backoff), whether or not the fetch honours the abort — the
 * race settles it even for a fetch that never settles.
 */
async function call<T>(
  url: string,
  init: RequestInit,
  check: (body: unknown) => boolean,
  timeoutMs: number,
): Promise<SyncCall<T>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<SyncFailure>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({
        ok: false,
        kind: 'offline',
        status: 0,
        message: `No answer within ${timeoutMs / 1000} s.`,
      });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      exchange<T>(url, { ...init, signal: controller.signal }, check),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function exchange<T>(
  url: string,
  init: RequestInit,
  check: (body: unknown) => boolean,
): Promise<SyncCall<T>> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', ...init });
  } catch (error) {
    return { ok: false, kind: 'offline', status: 0, message: String(error) };
  }
  if (!response.ok) return failure(response);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, kind: 'server', status: response.status, message: 'invalid JSON' };
  }
  // A shape check, not a full validation: the server validated the records it stores.
  if (!check(body)) {
    return { ok: false, kind: 'server', status: response.status, message: 'unexpected answer' };
  }
  return { ok: true, data: body as T };
}

/** The real transport: same-origin fetch with the session cookie. */
export function httpTransport(base = API_BASE): SyncTransport {
  return {
    push: (mutations) =>
      call<PushResponse>(
        `${base}/sync/push`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ mutations }),
        },
        (body) => v.is(pushResponseSchema, body),
        PUSH_TIMEOUT_MS,
      ),
    pull: (cursor, limit) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      return call<PullResponse>(
        `${base}/sync/pull?${query}`,
        { method: 'GET' },
        isPullPage,
        PULL_TIMEOUT_MS,
      );
    },
  };
}
