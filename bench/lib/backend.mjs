// The bench's backend: the embedded CouchDB-compatible database started exactly as the
// sync-server starts it (its own supervisor module, a child process on a loopback port),
// and the sync-server as a separate process with COUCHDB_URL pointing at that database, so
// the bench knows the backend's URL and can seed, read and proxy it directly.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { tsImport } from 'tsx/esm/api';

export async function startEmbedded(dataDir) {
  const { startEmbeddedDatabase } = await tsImport(
    '../../sync-server/embedded/embedded-database.ts',
    import.meta.url,
  );
  const dir = join(dataDir, 'pouchdb');
  mkdirSync(dir, { recursive: true });
  const db = await startEmbeddedDatabase({ dir, logger: pino({ level: 'warn' }) });
  return { url: db.url(), pid: db.pid(), stop: () => db.stop() };
}

/**
 * The sync-server (`tsx sync-server/main.ts`) on a free loopback port. Resolves once it
 * prints its URL. `staticDir` is the built app it serves (build/).
 */
export function startSyncServer({ couchUrl, dataDir, staticDir, env = {} }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        COUCHDB_URL: couchUrl,
        DATA_DIR: dataDir,
        STATIC_DIR: staticDir,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/[^\s]+)/);
      if (match) {
        child.stdout.off('data', onData);
        resolve({
          url: match[1],
          pid: child.pid,
          stop: () => stopChild(child),
        });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) =>
      reject(new Error(`sync-server exited (${code}):\n${output.slice(-3000)}`)),
    );
  });
}

export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resident memory of a process in bytes (Linux /proc), or null. */
export async function rssOf(pid) {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1]);
    return Number.isFinite(kb) ? kb * 1024 : null;
  } catch {
    return null;
  }
}
