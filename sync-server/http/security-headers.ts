import type { FastifyInstance, FastifyRequest } from 'fastify';

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

declare module 'fastify' {
  interface FastifyInstance {
    /** The security headers for a response to `request`, for replies that skip onSend. */
    securityHeaders(request: FastifyRequest): Record<string, string>;
  }
}

/**
 * Every response gets them in onSend; a hijacked reply (the SSE stream) bypasses the hooks
 * and writes `app.securityHeaders(request)` itself.
 */
export function registerSecurityHeaders(app: FastifyInstance, scriptHashes: string[]): void {
  const csp = contentSecurityPolicy(scriptHashes);
  const headersFor = (request: FastifyRequest): Record<string, string> => {
    const headers: Record<string, string> = {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=()',
    };
    if (request.protocol === 'https') {
      headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
    }
    if (request.url.startsWith('/api/')) headers['cache-control'] = 'no-store';
    return headers;
  };
  app.decorate('securityHeaders', headersFor);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(headersFor(request));
    return payload;
  });
}
