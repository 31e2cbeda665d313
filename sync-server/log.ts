import type { FastifyServerOptions } from 'fastify';
import { stdSerializers } from 'pino';

/**
 * Pino options for the server's structured logs. Secrets never reach a log line: cookies,
 * authorization headers, passwords, tokens, invite codes (in paths, in database ids, in
 * error messages) and private record parts are redacted, and request bodies and query
 * strings are never logged at all.
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
        '*.body',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, url: maskUrl(request.url), ip: request.ip };
      },
      err(error: Error) {
        return maskDeep(stdSerializers.err(error));
      },
    },
  };
}

/*
 * Invite codes are bearer secrets wherever they appear: API paths (/invites/CODE), the app's
 * join links (/join/CODE, also inside a ?next= that is %-encoded) and the system database's
 * ids (invite:CODE) that a database error may name.
 */
const CODE_PATTERNS: Array<[RegExp, string]> = [
  [/(\/(?:invites|join)\/)[^/?#\s"']+/gi, '$1[code]'],
  [/(%2F(?:invites|join)%2F)[^/?#&\s"'%]+/gi, '$1[code]'],
  [/(invite(?::|%3A))[A-Z0-9]{4,16}/gi, '$1[code]'],
];

/** Keeps the route of a URL, without invite codes or the query (search terms, cursors). */
export function maskUrl(url: string): string {
  return maskSecrets(url.replace(/\?.*$/s, '?[query]'));
}

export function maskSecrets(text: string): string {
  return CODE_PATTERNS.reduce((masked, [pattern, to]) => masked.replace(pattern, to), text);
}

function maskDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => maskDeep(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, depth + 1);
  return out as T;
}
