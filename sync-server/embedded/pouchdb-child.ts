/**
 * The embedded CouchDB-compatible database: express-pouchdb on LevelDB, run as a child
 * process of the sync-server (see embedded-database.ts). It listens on a loopback
 * ephemeral port only, reports that port over IPC, and exits when its parent goes away.
 *
 * Env: NB_EMBEDDED_DIR (where LevelDB files live, required).
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import leveldb from 'pouchdb-adapter-leveldb';
import httpAdapter from 'pouchdb-adapter-http';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import find from 'pouchdb-find';

const dir = process.env.NB_EMBEDDED_DIR;
if (!dir || !process.send) {
  console.error('pouchdb-child must be started by the sync-server with NB_EMBEDDED_DIR and IPC');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });

const Pouch = PouchDB.plugin(leveldb)
  .plugin(httpAdapter)
  .plugin(mapreduce)
  .plugin(replication)
  .plugin(find)
  .defaults({ prefix: dir + '/', adapter: 'leveldb' });

const app = express();
app.disable('x-powered-by');
app.use(
  expressPouchDB(Pouch, {
    mode: 'minimumForPouchDB',
    // Without it nano's _find gets `400 only_multipart_accepted` (STACK.md pitfall 6).
    overrideMode: { include: ['routes/find'] },
    inMemoryConfig: true,
    logPath: join(dir, 'log.txt'),
  }),
);

const server = createServer(app);
server.keepAliveTimeout = 30_000;
const wanted = Number(process.env.NB_EMBEDDED_PORT ?? 0) || 0;
server.on('error', (error: NodeJS.ErrnoException) => {
  // The previous port is taken by someone else: take any free one instead.
  if (error.code === 'EADDRINUSE' && wanted !== 0) server.listen(0, '127.0.0.1');
  else throw error;
});
server.listen(wanted, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', port });
});

// The parent owns this process: when it goes away (even by SIGKILL), so do we.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
