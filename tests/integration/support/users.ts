import { TestClient } from './http-client';
import type { TestServer } from './test-server';

export interface SignedInUser {
  client: TestClient;
  id: string;
  name: string;
  login: string;
  password: string;
}

let counter = 0;

/** A new account, signed in, with its own cookie jar. */
export async function signUp(server: TestServer, name = 'Test User'): Promise<SignedInUser> {
  counter += 1;
  const login = `user${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const password = `pw-${counter}-long-enough`;
  const client = new TestClient(() => server.url);
  const response = await client.post<{ user: { id: string } }>('/api/v1/auth/signup', {
    name,
    login,
    password,
  });
  if (response.status !== 201) {
    throw new Error(`sign-up failed: ${response.status} ${response.text}`);
  }
  return { client, id: response.body.user.id, name, login, password };
}
