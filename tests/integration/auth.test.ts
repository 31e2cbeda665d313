import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client';
import { useTestServer } from './support/test-server';
import { signUp } from './support/users';

const server = useTestServer();
const anonymous = () => new TestClient(() => server.url);

interface ErrorBody {
  error: { code: string; message: string; fields?: Array<{ path: string; code: string }> };
}

describe('accounts and sessions', () => {
  it('signs up with a hashed-token HttpOnly SameSite=Strict cookie and answers /me', async () => {
    const client = anonymous();
    const response = await client.post<{ user: { id: string; name: string; login: string } }>(
      '/api/v1/auth/signup',
      { name: 'Ada', login: '  Ada@Example.org ', password: 'correct horse' },
    );
    expect(response.status).toBe(201);
    expect(response.body.user).toEqual({
      id: expect.any(String),
      name: 'Ada',
      login: 'ada@example.org',
    });
    const setCookie = response.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/nb_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    // ≥128 random bits: the token part alone is 43 base64url characters (256 bits).
    const token = client.cookie('nb_session')?.split('.')[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(22);

    const me = await client.get<{ user: { id: string }; memberships: unknown[] }>('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: response.body.user, memberships: [] });
  });

  it('refuses a taken login, whatever its case', async () => {
    const first = await signUp(server);
    const response = await anonymous().post<ErrorBody>('/api/v1/auth/signup', {
      name: 'Someone else',
      login: first.login.toUpperCase(),
      password: 'another password',
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('login_taken');
  });

  it('rejects invalid sign-up bodies with field codes', async () => {
    const response = await anonymous().post<ErrorBody>('/api/v1/auth/signup', {
      name: '',
      login: 'x',
      password: 'short',
      admin: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid');
    expect(response.body.error.fields?.length).toBeGreaterThan(0);
  });

  it('signs in with a new token each time and signs out only that session', async () => {
    const user = await signUp(server);
    const first = anonymous();
    const second = anonymous();
    expect(
      (await first.post('/api/v1/auth/signin', { login: user.login, password: user.password }))
        .status,
    ).toBe(200);
    expect(
      (await second.post('/api/v1/auth/signin', { login: user.login, password: user.password }))
        .status,
    ).toBe(200);
    expect(first.cookie('nb_session')).not.toBe(second.cookie('nb_session'));
    expect(first.cookie('nb_session')).not.toBe(user.client.cookie('nb_session'));

    const stolen = first.fork();
    expect((await first.post('/api/v1/auth/signout')).status).toBe(204);
    expect(first.cookie('nb_session')).toBeUndefined();
    // The old cookie no longer works, even if someone kept a copy.
    expect((await stolen.get('/api/v1/me')).status).toBe(401);
    expect((await second.get('/api/v1/me')).status).toBe(200);
  });

  it('signs out everywhere', async () => {
    const user = await signUp(server);
    const other = anonymous();
    await other.post('/api/v1/auth/signin', { login: user.login, password: user.password });
    expect((await other.get('/api/v1/me')).status).toBe(200);
    expect((await user.client.post('/api/v1/auth/signout-everywhere')).status).toBe(204);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    expect((await user.client.get('/api/v1/me')).status).toBe(401);
  });

  it('answers wrong passwords and unknown logins alike', async () => {
    const user = await signUp(server);
    const wrong = await anonymous().post<ErrorBody>('/api/v1/auth/signin', {
      login: user.login,
      password: 'not the password',
    });
    const unknown = await anonymous().post<ErrorBody>('/api/v1/auth/signin', {
      login: 'nobody-here@example.org',
      password: 'whatever123',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('bad_credentials');
  });

  it('rate-limits failed sign-ins per account with 429 and Retry-After', async () => {
    const user = await signUp(server);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await anonymous().post('/api/v1/auth/signin', {
        login: user.login,
        password: `wrong-${i}-password`,
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    // Even the right password waits until the window passes: the attacker learns nothing.
    const locked = await anonymous().post<ErrorBody>('/api/v1/auth/signin', {
      login: user.login,
      password: user.password,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('gives 40 parallel wrong passwords for one account no more than the limit of tries', async () => {
    const user = await signUp(server);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        anonymous().post<ErrorBody>('/api/v1/auth/signin', {
          login: user.login,
          password: `parallel-guess-${i}`,
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    for (const limited of responses.filter((r) => r.status === 429)) {
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('does not count a right password against the account', async () => {
    const user = await signUp(server);
    for (let i = 0; i < 4; i += 1) {
      const wrong = await anonymous().post('/api/v1/auth/signin', {
        login: user.login,
        password: `wrong-${i}-password`,
      });
      expect(wrong.status).toBe(401);
    }
    for (let i = 0; i < 3; i += 1) {
      const right = await anonymous().post('/api/v1/auth/signin', {
        login: user.login,
        password: user.password,
      });
      expect(right.status).toBe(200);
    }
  });

  it('refuses /me without a session, with a forged cookie, and with a malformed one', async () => {
    const client = anonymous();
    expect((await client.get('/api/v1/me')).status).toBe(401);
    client.setCookie('nb_session', '01J00000000000000000000000.' + 'A'.repeat(43));
    expect((await client.get('/api/v1/me')).status).toBe(401);
    client.setCookie('nb_session', 'garbage');
    const response = await client.get<ErrorBody>('/api/v1/me');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthorized');
  });

  it('refuses state-changing requests from another origin', async () => {
    const response = await anonymous().post<ErrorBody>(
      '/api/v1/auth/signup',
      { name: 'Mallory', login: 'mallory@example.org', password: 'password123' },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('bad_origin');
    const crossSite = await anonymous().post<ErrorBody>('/api/v1/auth/signout', undefined, {
      noOrigin: true,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  // Last in the file: it locks out this client IP for the rest of the window.
  it('rate-limits failed sign-ins per IP across many accounts', async () => {
    const user = await signUp(server);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i += 1) {
      const response = await anonymous().post('/api/v1/auth/signin', {
        login: `nobody-${i}@example.org`,
        password: 'wrong-password',
      });
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(30);
    const locked = await anonymous().post('/api/v1/auth/signin', {
      login: user.login,
      password: user.password,
    });
    expect(locked.status).toBe(429);
  });
});
