import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

/** Cache policy by file: content-hashed assets forever, everything that names them never. */
export function cacheControlFor(path: string): string {
  const normalized = path.replaceAll('\\', '/');
  if (normalized.includes('/_app/immutable/')) return 'public, max-age=31536000, immutable';
  const name = basename(normalized);
  if (
    name === 'index.html' ||
    name === 'sw.js' ||
    name === 'service-worker.js' ||
    /^workbox-.*\.js$/.test(name) ||
    name === 'manifest.webmanifest' ||
    name === 'registerSW.js' ||
    name.endsWith('.html') ||
    normalized.includes('/_app/version.json')
  ) {
    return 'no-cache';
  }
  return 'public, max-age=3600';
}

/** sha256 hashes of the inline `<script>` blocks of index.html, for the CSP. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = match[1] ?? '';
    if (body.trim() === '') continue;
    hashes.push(`sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`);
  }
  return hashes;
}

export interface StaticSite {
  available: boolean;
  scriptHashes: string[];
}

export function inspectStaticDir(staticDir: string): StaticSite {
  const index = join(staticDir, 'index.html');
  if (!existsSync(index)) return { available: false, scriptHashes: [] };
  return { available: true, scriptHashes: inlineScriptHashes(readFileSync(index, 'utf8')) };
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Neighborly: app not built</title></head>
<body><h1>The app has not been built yet</h1>
<p>The sync-server is running and its API answers under <code>/api/</code>, but there is no built
app to serve. Run <code>npm run build</code> (or <code>npm start</code>, which builds when needed),
or point <code>STATIC_DIR</code> at the build folder.</p></body></html>`;

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (path === '/api' || path.startsWith('/api/')) return false;
  // A path whose last segment has an extension is a missing file, not a page.
  return !/\.[a-z0-9]+$/i.test(basename(path));
}

/**
 * Serves the built PWA: files from STATIC_DIR with their cache policy, index.html for deep
 * links (SPA fallback), never for /api/ (those get the JSON 404). Without a build, the API
 * still works and pages answer 503 with a page that says how to build.
 */
export async function registerStaticFiles(
  app: FastifyInstance,
  staticDir: string,
  site: StaticSite,
): Promise<void> {
  if (site.available) {
    await app.register(fastifyStatic, {
      root: staticDir,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      cacheControl: false,
      dotfiles: 'deny',
      setHeaders(res, path) {
        res.setHeader('cache-control', cacheControlFor(path));
      },
    });
  }

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    if (!wantsPage(request)) {
      throw new ApiError(
        'not_found',
        `No route for ${request.method} ${request.url.split('?')[0]}`,
      );
    }
    if (!site.available) {
      return reply
        .code(503)
        .header('retry-after', '30')
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT_PAGE);
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
