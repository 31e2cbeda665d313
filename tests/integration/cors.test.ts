import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client';
import { useTestServer } from './support/test-server';

const APP = 'https://aid.example.org';
const server = useTestServer({ publicOrigin: APP });

describe('PUBLIC_ORIGIN', () => {
  it("allows CORS with credentials for the app's origin only", async () => {
    const client = new TestClient(() => server.url);
    const preflight = await client.request('OPTIONS', '/api/v1/auth/signin', {
      origin: APP,
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');

    const signup = await client.post(
      '/api/v1/auth/signup',
      { name: 'Ada', login: 'ada-cors@example.org', password: 'password123' },
      { origin: APP },
    );
    expect(signup.status).toBe(201);
    // An https app origin makes the session cookie Secure.
    expect(signup.headers.getSetCookie().join(';')).toMatch(/Secure/);

    const sameHost = await client.post(
      '/api/v1/auth/signin',
      { login: 'ada-cors@example.org', password: 'password123' },
      { origin: client.origin },
    );
    expect(sameHost.status).toBe(403);
  });
});
