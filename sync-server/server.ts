import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from './app';
import { configFromEnv, type ServerConfig, type TrustProxy } from './config';
import type { ServerContext } from './context';
import { CouchClient } from './couch/couch-client';
import { databaseNames } from './couch/database-names';
import { CouchRequestError, DatabaseUnavailableError } from './couch/errors';
import { ensureSystemDatabase } from './couch/design-docs';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/embedded-database';
import { apiRoutes } from './routes';
import { ChangeHub } from './sync/change-hub';
import { SERVER_VERSION } from './version';

export interface StartOptions extends Partial<ServerConfig> {
  /** How long start-up keeps retrying a database that cannot be reached (default 60 s). */
  databaseWaitMs?: number;
  /** Delay before the embedded database is restarted after it died (tests lengthen it). */
  embeddedRestartDelayMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The embedded database's process id, when there is one (tests use it to simulate a crash). */
  embeddedPid(): number | undefined;
  /** Stops accepting requests, finishes in-flight ones, then stops the embedded database. */
  close(): Promise<void>;
}

/**
 * Starts the sync-server: the database (embedded child or COUCHDB_URL), its system database
 * and design docs, then the HTTP server. Options override the environment (see config.ts).
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { databaseWaitMs = DATABASE_WAIT_MS, embeddedRestartDelayMs, ...overrides } = options;
  const merged: ServerConfig = { ...configFromEnv(), ...stripUndefined(overrides) };
  // Options may carry relative paths; everything below wants absolute ones.
  const config: ServerConfig = {
    ...merged,
    dataDir: resolve(merged.dataDir),
    staticDir: resolve(merged.staticDir),
  };
  const bootLogger = pino({ level: config.logLevel });
  if (config.trustProxy === true) {
    bootLogger.warn(
      'TRUST_PROXY=true believes every X-Forwarded-For hop, so clients can pick their own IP ' +
        'unless the proxy overwrites the header: prefer a hop count or the proxy addresses',
    );
  }

  let embedded: EmbeddedDatabase | undefined;
  let couchUrl: () => string | undefined;
  if (config.couchdbUrl) {
    const url = config.couchdbUrl;
    couchUrl = () => url;
  } else {
    const dir = join(config.dataDir, 'pouchdb');
    mkdirSync(dir, { recursive: true });
    embedded = await startEmbeddedDatabase({
      dir,
      logger: bootLogger,
      ...(embeddedRestartDelayMs === undefined ? {} : { restartDelayMs: embeddedRestartDelayMs }),
    });
    const db = embedded;
    couchUrl = () => db.url();
  }

  const context: ServerContext = {
    config,
    couch: new CouchClient({ url: couchUrl }),
    names: databaseNames(config.dbPrefix),
    databaseKind: embedded ? 'embedded' : 'couchdb',
    version: SERVER_VERSION,
    changes: new ChangeHub(),
  };

  let app: FastifyInstance | undefined;
  try {
    await untilReachable(bootLogger, databaseWaitMs, async () => {
      await ensureSystemDatabase(context.couch, context.names.system);
      await context.couch.ensureDatabase(context.names.idempotency);
    });
    app = await buildApp(context, {
      trustProxy: fastifyTrustProxy(config.trustProxy),
      routes: apiRoutes(context),
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }

  const server = app;
  const { port } = server.server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    embeddedPid: () => embedded?.pid(),
    close() {
      closing ??= (async () => {
        await server.close();
        await embedded?.stop();
      })();
      return closing;
    },
  };
}

/**
 * TRUST_PROXY as fastify takes it. Fastify itself refuses a bare hop count (it trusts
 * nothing then); here `n` trusts the nearest n hops whatever their address, which is what
 * the operator asked for when only the proxy can reach the sync-server (docs/operations.md).
 */
function fastifyTrustProxy(trust: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}

const DATABASE_WAIT_MS = 60_000;

/**
 * Runs `prepare` until the database answers: a database that starts after the sync-server
 * (a container started alongside) is waited for, each retry logged, instead of exiting at
 * once. Credentials CouchDB refuses are a configuration error and fail at once.
 */
async function untilReachable(
  logger: Logger,
  waitMs: number,
  prepare: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await prepare();
      return;
    } catch (error) {
      if (error instanceof CouchRequestError && [401, 403].includes(error.statusCode)) {
        throw new Error(
          `CouchDB refused the credentials in COUCHDB_URL (${error.statusCode}); check the user and password`,
        );
      }
      const retryInMs = Math.min(500 * 2 ** (attempt - 1), 5000);
      if (!(error instanceof DatabaseUnavailableError) || Date.now() + retryInMs > deadline) {
        throw error;
      }
      logger.warn({ attempt, retryInMs }, 'database not reachable yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
    }
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
