import { describe, expect, it } from 'vitest';
import { configFromEnv, trustProxyFrom } from '../../sync-server/config';
import { TestClient } from './support/http-client';
import { useTestServer } from './support/test-server';

// Behind one proxy on loopback: only its X-Forwarded-For entry is believed.
const server = useTestServer({ trustProxy: ['127.0.0.1'] });

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', 1],
    [' 2 ', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
    ['fd00::/8,::1', ['fd00::/8', '::1']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
    ['10.0.0.0/255.0.0.0', ['10.0.0.0/255.0.0.0']],
  ])('reads %j as %j', (raw, expected) => {
    expect(trustProxyFrom(raw)).toEqual(expected);
  });

  it.each(['yes', '10.0.0.0/33', '300.1.1.1', '21', 'proxy.example.org', '10.0.0.1/8/1'])(
    'refuses %j at start-up with a clear message',
    (raw) => {
      expect(() => configFromEnv({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY/);
    },
  );

  it('counts failed sign-ins per client address the trusted proxy saw, not per claimed one', async () => {
    const client = new TestClient(() => server.url);
    const signIn = (forwardedFor: string | undefined, i: number) =>
      client.post(
        '/api/v1/auth/signin',
        { login: `nobody-${i}@example.org`, password: 'wrong-pw' },
        {
          headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
        },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) {
      // A client that makes up a new address each time, behind the proxy's real entry.
      statuses.push((await signIn(`198.51.100.${i}, 203.0.113.7`, i)).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Someone else behind the same proxy, and the proxy's own requests, are not locked out.
    expect((await signIn('203.0.113.8', 100)).status).toBe(401);
    expect((await signIn(undefined, 101)).status).toBe(401);
  });
});
