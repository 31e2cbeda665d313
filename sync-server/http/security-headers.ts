import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response. The CSP allows the app and nothing else: scripts,
 * styles, workers, fetches and images from this origin only (plus data:/blob: images for QR
 * codes and photos), no framing. `scriptHashes` are the inline bootstrap scripts of the
 * built index.html (SvelteKit writes one), allowed by hash rather than 'unsafe-inline'.
 */
export function contentSecurityPolicy(scriptHashes: string[]): string {
  const script = ["'self'", ...scriptHashes.map((hash) => `'${hash}'`)].join(' ');
  return [
    "default-src 'self'",
    `script-src ${script}`,
    // Svelte sets style attributes at runtime (transitions, style: directives).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function registerSecurityHeaders(app: FastifyInstance, scriptHashes: string[]): void {
  const csp = contentSecurityPolicy(scriptHashes);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=(), payment=()');
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
