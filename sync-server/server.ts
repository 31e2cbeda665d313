import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app';
import { configFromEnv, type ServerConfig } from './config';
import type { ServerContext } from './context';
import { CouchClient } from './couch/couch-client';
import { databaseNames } from './couch/database-names';
import { ensureSystemDatabase } from './couch/design-docs';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/embedded-database';
import { apiRoutes } from './routes';
import { ChangeHub } from './sync/change-hub';
import { SERVER_VERSION } from './version';

export interface StartOptions extends Partial<ServerConfig> {
  trustProxy?: boolean;
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
  const {
    trustProxy = process.env.TRUST_PROXY === 'true',
    embeddedRestartDelayMs,
    ...overrides
  } = options;
  const merged: ServerConfig = { ...configFromEnv(), ...stripUndefined(overrides) };
  // Options may carry relative paths; everything below wants absolute ones.
  const config: ServerConfig = {
    ...merged,
    dataDir: resolve(merged.dataDir),
    staticDir: resolve(merged.staticDir),
  };
  const bootLogger = pino({ level: config.logLevel });

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
    await ensureSystemDatabase(context.couch, context.names.system);
    await context.couch.ensureDatabase(context.names.idempotency);
    app = await buildApp(context, { trustProxy, routes: apiRoutes(context) });
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

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
