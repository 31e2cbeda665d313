import { isIP } from 'node:net';
import { resolve } from 'node:path';

/**
 * Whose `X-Forwarded-*` headers to believe (fastify's `trustProxy`): nobody's, the nearest
 * `hops` proxies', those at the listed addresses/CIDRs, or (`true`) every hop of the chain
 * — which lets a client choose its own IP unless the proxy overwrites the header.
 */
export type TrustProxy = boolean | number | string[];

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
  trustProxy: TrustProxy;
  /**
   * Wrong invite codes allowed per user and per client IP in 15 minutes
   * (INVITE_GUESSES_PER_USER / _PER_IP); absent = invite-routes' defaults.
   */
  inviteGuessesPerUser: number | undefined;
  inviteGuessesPerIp: number | undefined;
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

function optionalIntFrom(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : intFrom(env, name, 0, min, max);
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

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return version === 4 && isIP(prefix) === 4; // a netmask
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

export function trustProxyFrom(raw: string | undefined): TrustProxy {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 20) throw new Error(`TRUST_PROXY hop count must be at most 20, got "${raw}"`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrCidr(entry));
  if (bad !== undefined) {
    throw new Error(
      `TRUST_PROXY must be false, a hop count (1), or proxy addresses/CIDRs ` +
        `(10.0.0.0/8,127.0.0.1), got "${bad}"`,
    );
  }
  return entries;
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
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    inviteGuessesPerUser: optionalIntFrom(env, 'INVITE_GUESSES_PER_USER', 1, 10_000),
    inviteGuessesPerIp: optionalIntFrom(env, 'INVITE_GUESSES_PER_IP', 1, 100_000),
  };
}
