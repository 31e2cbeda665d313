import type { FieldError } from '../domain';
import {
  API_BASE,
  type ChangeRoleBody,
  type CreateGroupBody,
  type CreateGroupResponse,
  type CreateInviteBody,
  type DirectoryResponse,
  type ErrorCode,
  type HealthResponse,
  type Invite,
  type InvitePreview,
  type JoinBody,
  type JoinResponse,
  type MeResponse,
  type SignInBody,
  type SignUpBody,
  type User,
} from '../protocol';
import type { Membership } from '../domain';

/**
 * The small API client for the online-only calls (accounts, groups, invites, members,
 * directory). Errors are values: a network failure is `{ ok: false, code: 'offline' }`,
 * never an exception, so callers can keep what the user typed and say what to do next.
 */
export type ApiResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** 0 when the request never reached the server. */
      status: number;
      code: ErrorCode | 'offline';
      message: string;
      fields?: FieldError[];
      /** Seconds to wait, from `Retry-After` (429, 503). */
      retryAfter?: number;
    };

type Method = 'GET' | 'POST' | 'DELETE';

export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  init?: { signal?: AbortSignal; base?: string },
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${init?.base ?? API_BASE}${path}`, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: init?.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return { ok: false, status: 0, code: 'offline', message: 'The server could not be reached.' };
  }
  return readResponse<T>(response);
}

/** Turn a server response into an `ApiResult`, reading `{ error: { code, message } }` bodies. */
export async function readResponse<T>(response: Response): Promise<ApiResult<T>> {
  const text = await response.text().catch(() => '');
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (response.ok) return { ok: true, data: json as T };
  const retry = Number(response.headers.get('retry-after'));
  const error = (
    json as { error?: { code?: ErrorCode; message?: string; fields?: FieldError[] } } | undefined
  )?.error;
  return {
    ok: false,
    status: response.status,
    code:
      error?.code ??
      (response.status === 503
        ? 'unavailable'
        : response.status === 401
          ? 'unauthorized'
          : 'internal'),
    message: error?.message ?? response.statusText,
    ...(error?.fields ? { fields: error.fields } : {}),
    ...(Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {}),
  };
}

const enc = encodeURIComponent;

export const api = {
  health: () => apiRequest<HealthResponse>('GET', '/health', undefined, { base: '/api' }),

  signUp: (body: SignUpBody) => apiRequest<{ user: User }>('POST', '/auth/signup', body),
  signIn: (body: SignInBody) => apiRequest<{ user: User }>('POST', '/auth/signin', body),
  signOut: () => apiRequest<void>('POST', '/auth/signout', {}),
  signOutEverywhere: () => apiRequest<void>('POST', '/auth/signout-everywhere', {}),
  me: () => apiRequest<MeResponse>('GET', '/me'),

  createGroup: (body: CreateGroupBody) => apiRequest<CreateGroupResponse>('POST', '/groups', body),

  listInvites: (groupId: string) =>
    apiRequest<{ invites: Invite[] }>('GET', `/groups/${enc(groupId)}/invites`),
  createInvite: (groupId: string, body: CreateInviteBody) =>
    apiRequest<{ invite: Invite }>('POST', `/groups/${enc(groupId)}/invites`, body),
  revokeInvite: (groupId: string, code: string) =>
    apiRequest<void>('DELETE', `/groups/${enc(groupId)}/invites/${enc(code)}`),
  previewInvite: (code: string) => apiRequest<InvitePreview>('GET', `/invites/${enc(code)}`),
  join: (body: JoinBody) => apiRequest<JoinResponse>('POST', '/join', body),

  approveMember: (groupId: string, userId: string) =>
    apiRequest<{ membership: Membership }>(
      'POST',
      `/groups/${enc(groupId)}/members/${enc(userId)}/approve`,
      {},
    ),
  changeRole: (groupId: string, userId: string, body: ChangeRoleBody) =>
    apiRequest<{ membership: Membership }>(
      'POST',
      `/groups/${enc(groupId)}/members/${enc(userId)}/role`,
      body,
    ),
  removeMember: (groupId: string, userId: string) =>
    apiRequest<{ membership: Membership }>(
      'DELETE',
      `/groups/${enc(groupId)}/members/${enc(userId)}`,
    ),

  directory: (query: { q?: string; near?: string }) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.near) params.set('near', query.near);
    const qs = params.toString();
    return apiRequest<DirectoryResponse>('GET', `/directory${qs ? `?${qs}` : ''}`);
  },
};
