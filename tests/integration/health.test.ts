import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { healthResponseSchema, type HealthResponse } from '../../src/lib/protocol';
import { TestClient } from './support/http-client';
import { useTestServer } from './support/test-server';

const server = useTestServer();

describe('GET /api/health', () => {
  it('reports ok with the embedded database reachable through nano', async () => {
    const client = new TestClient(() => server.url);
    const response = await client.get<HealthResponse>('/api/health');

    expect(response.status).toBe(200);
    expect(v.is(healthResponseSchema, response.body), response.text).toBe(true);
    expect(response.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: { kind: 'embedded', ok: true },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers unknown API paths with a JSON 404, never the app page', async () => {
    const client = new TestClient(() => server.url);
    const response = await client.get<{ error: { code: string } }>('/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('answers 426 for a protocol version it does not speak', async () => {
    const client = new TestClient(() => server.url);
    const response = await client.get<{ error: { code: string; message: string } }>(
      '/api/v0/sync/pull',
    );
    expect(response.status).toBe(426);
    expect(response.body.error.code).toBe('unsupported_version');
  });

  it('answers pages with a 503 that says to build the app when there is no build', async () => {
    const client = new TestClient(() => server.url);
    const response = await client.get('/groups/somewhere');
    expect(response.status).toBe(503);
    expect(response.text).toContain('npm run build');
  });
});
