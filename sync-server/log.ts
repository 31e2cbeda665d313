import type { FastifyServerOptions } from 'fastify';

/**
 * Pino options for the server's structured logs. Secrets never reach a log line: cookies,
 * authorization headers, passwords, tokens, invite codes in URLs and private record parts
 * are redacted, and request bodies are never logged at all.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.token',
        '*.private',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, url: maskUrl(request.url), ip: request.ip };
      },
    },
  };
}

/** Invite codes in paths are bearer secrets: keep the route, drop the code. */
export function maskUrl(url: string): string {
  return url
    .replace(/(\/invites\/)[^/?#]+/g, '$1[code]')
    .replace(/\?.*$/, (qs) => (qs.includes('cursor=') ? '?[query]' : qs));
}
