import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGroup } from './support/groups';
import { TestClient } from './support/http-client';
import { createOf, offerRecord, push } from './support/sync';
import { useTestServer } from './support/test-server';

/** A miniature build: what adapter-static + the PWA plugin write, with an inline bootstrap. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nb-build-'));
  mkdirSync(join(dir, '_app', 'immutable', 'entry'), { recursive: true });
  const inline = 'window.__boot = 1;';
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><link rel="manifest" href="/manifest.webmanifest"></head><body><div id="app"></div><script>${inline}</script></body></html>`,
  );
  writeFileSync(
    join(dir, '_app', 'immutable', 'entry', 'app.abc123.js'),
    `export const x = "${'y'.repeat(5000)}";`,
  );
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("install", () => {});');
  writeFileSync(join(dir, 'workbox-1a2b3c.js'), '/* workbox */');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Neighborly"}');
  return dir;
}

const server = useTestServer({ staticDir: fakeBuild() });
const client = () => new TestClient(() => server.url);

describe('serving the built PWA', () => {
  it('serves hashed assets as immutable and compressed', async () => {
    const response = await client().get('/_app/immutable/entry/app.abc123.js', {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toMatch(/br|gzip/);
    expect(response.text).toContain('export const x');
  });

  it.each(['/', '/index.html', '/sw.js', '/workbox-1a2b3c.js', '/manifest.webmanifest'])(
    'serves %s with no-cache',
    async (path) => {
      const response = await client().get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    },
  );

  it('answers deep links with index.html (SPA fallback), never /api/ paths', async () => {
    const deep = await client().get('/groups/01J0000000000000000000000/requests', {
      headers: { accept: 'text/html' },
    });
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<div id="app">');
    expect(deep.headers.get('cache-control')).toBe('no-cache');

    const api = await client().get<{ error: { code: string } }>('/api/v1/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    const missingFile = await client().get('/_app/immutable/missing.js');
    expect(missingFile.status).toBe(404);
  });

  it('sends a CSP that allows the app only, with the inline bootstrap allowed by hash', async () => {
    const response = await client().get('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('compresses large JSON answers', async () => {
    const group = await createGroup(server);
    await push(
      group.coordinator.client,
      Array.from({ length: 30 }, () => createOf(offerRecord(group.id, group.coordinator.id))),
    );
    const response = await group.coordinator.client.get('/api/v1/sync/pull', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('sends no CORS headers to other origins and refuses their preflights', async () => {
    const preflight = await client().request('OPTIONS', '/api/v1/sync/push', {
      origin: 'https://evil.example',
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const get = await client().get('/api/health', { origin: 'https://evil.example' });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});
