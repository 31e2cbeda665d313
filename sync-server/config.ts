import { resolve } from 'node:path';

/** Everything the server reads from its environment, parsed once at start-up. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** A real CouchDB 3 (`http://user:pass@host:5984`); absent = the embedded PouchDB server. */
  couchdbUrl: string | undefined;
  staticDir: string;
  /** The app's origin (`https://aid.example.org`); absent = the origin of the request's own Host. */
  publicOrigin: string | undefined;
  sessionTtlHours: number;
  logLevel: string;
  /** Prefix of every database name, so several deployments can share one CouchDB. */
  dbPrefix: string;
}

export type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function originFrom(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an origin like https://aid.example.org, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must use http or https, got "${raw}"`);
  }
  return url.origin;
}

function couchUrlFrom(env: Env): string | undefined {
  const raw = env.COUCHDB_URL?.trim();
  if (!raw) return undefined;
  try {
    new URL(raw);
  } catch {
    // Never echo the value: it carries the CouchDB password.
    throw new Error('COUCHDB_URL is not a valid URL (expected http://user:pass@host:5984)');
  }
  return raw.replace(/\/+$/, '');
}

export function configFromEnv(env: Env = process.env): ServerConfig {
  const prefix = env.DB_PREFIX?.trim() || 'nb';
  if (!/^[a-z][a-z0-9_]{0,20}$/.test(prefix)) {
    throw new Error('DB_PREFIX must be lowercase letters, digits or _ and start with a letter');
  }
  return {
    port: intFrom(env, 'PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    couchdbUrl: couchUrlFrom(env),
    staticDir: resolve(env.STATIC_DIR?.trim() || './build'),
    publicOrigin: originFrom(env, 'PUBLIC_ORIGIN'),
    sessionTtlHours: intFrom(env, 'SESSION_TTL_HOURS', 720, 1, 24 * 365),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    dbPrefix: prefix,
  };
}
