import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import {
  defaultGroupSettings,
  newId,
  type AnyRecord,
  type Request,
} from '../../../../src/lib/domain';
import type {
  CreateGroupResponse,
  Mutation,
  MutationResult,
  PullResponse,
  User,
} from '../../../../src/lib/protocol';
import { makeRequest } from '../../../fixtures/records';
import { uniqueUser, type TestUser } from '../../support/users';

export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;
const API = `${BASE_URL}/api/v1`;

/**
 * A person driven through the HTTP API: setting up users, groups and records this way is
 * much faster than through the UI, and keeps each story about the part it is testing.
 * The `Origin` header is what a browser sends; the server's origin check wants it.
 */
export class ApiPerson {
  private constructor(
    readonly http: APIRequestContext,
    readonly account: TestUser,
    readonly user: User,
  ) {}

  static async signUp(name: string): Promise<ApiPerson> {
    return ApiPerson.session('signup', uniqueUser(name));
  }

  /** A second session of an existing account (another device of the same person). */
  static async signIn(account: TestUser): Promise<ApiPerson> {
    return ApiPerson.session('signin', account);
  }

  private static async session(how: 'signup' | 'signin', account: TestUser): Promise<ApiPerson> {
    const http = await playwrightRequest.newContext({
      baseURL: BASE_URL,
      extraHTTPHeaders: { origin: BASE_URL },
    });
    const body = how === 'signup' ? account : { login: account.login, password: account.password };
    const response = await http.post(`${API}/auth/${how}`, { data: body });
    expect(response.status(), await response.text()).toBeLessThan(300);
    const { user } = (await response.json()) as { user: User };
    return new ApiPerson(http, account, user);
  }

  async dispose(): Promise<void> {
    await this.http.dispose();
  }

  private async call<T>(method: 'get' | 'post' | 'delete', path: string, data?: unknown) {
    const response = await this.http[method](`${API}${path}`, data === undefined ? {} : { data });
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  async createGroup(name = `Story group ${newId().slice(-6)}`): Promise<string> {
    const id = newId();
    await this.call<CreateGroupResponse>('post', '/groups', { id, ...defaultGroupSettings(name) });
    return id;
  }

  async invite(groupId: string): Promise<string> {
    const { invite } = await this.call<{ invite: { code: string } }>(
      'post',
      `/groups/${groupId}/invites`,
      {},
    );
    return invite.code;
  }

  async join(code: string): Promise<void> {
    await this.call('post', '/join', { code });
  }

  async removeMember(groupId: string, userId: string): Promise<void> {
    await this.call('delete', `/groups/${groupId}/members/${userId}`);
  }

  async signOutEverywhere(): Promise<void> {
    await this.call('post', '/auth/signout-everywhere', {});
  }

  async push(mutations: Mutation[]): Promise<MutationResult[]> {
    const { results } = await this.call<{ results: MutationResult[] }>('post', '/sync/push', {
      mutations,
    });
    return results;
  }

  /** Everything this person may see, pulled from the start. */
  async pullAll(): Promise<AnyRecord[]> {
    const records: AnyRecord[] = [];
    let cursor = '';
    for (;;) {
      const query = cursor ? `?cursor=${cursor}` : '';
      const page = await this.call<PullResponse>('get', `/sync/pull${query}`);
      records.push(...page.records);
      cursor = page.cursor;
      if (!page.more) return records;
    }
  }

  /** Post an open request in `groupId` as this person (via push, like a phone would). */
  async postRequest(groupId: string, overrides: Partial<Request> = {}): Promise<Request> {
    const now = new Date().toISOString();
    const record = makeRequest({
      id: newId(),
      groupId,
      createdBy: this.user.id,
      requesterId: overrides.onBehalfOf ? null : this.user.id,
      createdAt: now,
      updatedAt: now,
      neededBy: null,
      title: `Errand ${newId().slice(-5)}`,
      ...overrides,
    });
    delete record.rev;
    const [result] = await this.push([
      { mid: newId(), op: 'create', type: 'request', id: record.id, groupId, at: now, record },
    ]);
    expect(result?.status).toBe('applied');
    return (result as { record: Request }).record;
  }
}

/** A group with a coordinator and `members` joined members, all made through the API. */
export async function groupWith(memberNames: string[]) {
  const coordinator = await ApiPerson.signUp('Cora');
  const groupId = await coordinator.createGroup();
  const code = await coordinator.invite(groupId);
  const members: ApiPerson[] = [];
  for (const name of memberNames) {
    const member = await ApiPerson.signUp(name);
    await member.join(code);
    members.push(member);
  }
  return { coordinator, groupId, members };
}
