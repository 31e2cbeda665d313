import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer, type StartOptions } from '../../../sync-server/server';

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (valid after beforeAll). */
  readonly url: string;
  readonly server: RunningServer;
  readonly dataDir: string;
  /** Stops and starts the sync-server on the same data (a restart between requests). */
  restart(): Promise<void>;
}

async function launch(dataDir: string, options: StartOptions): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    couchdbUrl: undefined,
    staticDir: join(dataDir, 'no-build'),
    publicOrigin: undefined,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options,
  });
}

/**
 * Starts one real sync-server with a fresh embedded database (temp DATA_DIR) for the
 * calling test file, and removes it afterwards. Call at the top level of a test file.
 */
export function useTestServer(options: StartOptions = {}): TestServer {
  let server: RunningServer | undefined;
  let dataDir = '';
  const handle: TestServer = {
    get url() {
      if (!server) throw new Error('test server not started yet');
      return server.url;
    },
    get server() {
      if (!server) throw new Error('test server not started yet');
      return server;
    },
    get dataDir() {
      return dataDir;
    },
    async restart() {
      await server?.close();
      server = await launch(dataDir, options);
    },
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'nb-it-'));
    server = await launch(dataDir, options);
  });

  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  return handle;
}
