import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';

/**
 * Supervises the embedded database child (pouchdb-child.ts): starts it, waits until it
 * listens, restarts it when it dies (so the sync-server recovers without a restart of its
 * own) and stops it on shutdown. The child's port is loopback-only and never proxied.
 */
export interface EmbeddedDatabase {
  /** Base URL while the child is up; undefined while it is down or restarting. */
  url(): string | undefined;
  /** The child's process id (tests use it to simulate a crash). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dir: string;
  logger: Logger;
  /** Delay before restarting a child that died; doubles up to 10 s while restarts keep failing. */
  restartDelayMs?: number;
  readyTimeoutMs?: number;
}

const childScript = fileURLToPath(new URL('./pouchdb-child.ts', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dir, logger } = options;
  const baseDelay = options.restartDelayMs ?? 500;
  const readyTimeout = options.readyTimeoutMs ?? 30_000;
  let child: ChildProcess | undefined;
  let port: number | undefined;
  let up = false;
  let stopping = false;
  let delay = baseDelay;
  let restartTimer: NodeJS.Timeout | undefined;

  function spawnChild(): Promise<void> {
    return new Promise((resolveReady, rejectReady) => {
      const proc = fork(childScript, [], {
        execArgv: ['--import', tsxLoader],
        // Reuse the previous port after a crash so URLs stay stable; 0 = any free port.
        env: { ...process.env, NB_EMBEDDED_DIR: dir, NB_EMBEDDED_PORT: String(port ?? 0) },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      child = proc;
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        proc.kill('SIGKILL');
        rejectReady(new Error(`embedded database did not start within ${readyTimeout} ms`));
      }, readyTimeout);
      proc.stderr?.setEncoding('utf8');
      proc.stderr?.on('data', (chunk: string) => {
        logger.warn({ embeddedDb: chunk.trim().slice(0, 2000) }, 'embedded database stderr');
      });
      proc.on('message', (message: unknown) => {
        const m = message as { type?: string; port?: number };
        if (m.type !== 'ready' || typeof m.port !== 'number' || settled) return;
        settled = true;
        clearTimeout(timer);
        port = m.port;
        up = true;
        delay = baseDelay;
        logger.info({ pid: proc.pid }, 'embedded database ready');
        resolveReady();
      });
      proc.on('exit', (code, signal) => {
        if (child === proc) {
          child = undefined;
          up = false;
        }
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          rejectReady(
            new Error(`embedded database exited during start-up (code ${code}, signal ${signal})`),
          );
          return;
        }
        if (stopping) return;
        logger.error({ code, signal }, 'embedded database died; restarting');
        scheduleRestart();
      });
    });
  }

  function scheduleRestart(): void {
    if (stopping || restartTimer) return;
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      spawnChild().catch((error: unknown) => {
        logger.error({ err: error }, 'embedded database restart failed');
        delay = Math.min(delay * 2, 10_000);
        scheduleRestart();
      });
    }, delay);
  }

  await spawnChild();

  return {
    url: () => (up && port !== undefined ? `http://127.0.0.1:${port}` : undefined),
    pid: () => child?.pid,
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const proc = child;
      if (!proc || proc.exitCode !== null) return;
      await new Promise<void>((done) => {
        const kill = setTimeout(() => proc.kill('SIGKILL'), 3000);
        proc.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        proc.kill('SIGTERM');
      });
    },
  };
}
