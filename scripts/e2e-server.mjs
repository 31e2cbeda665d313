// Playwright's webServer: the real sync-server serving the built app, on a fresh
// embedded database each run (tmp/e2e-data is wiped first), on E2E_PORT (4173).
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureBuild } from './lib/build.mjs';
import { runServerForeground } from './lib/processes.mjs';

const dataDir = resolve(process.env.E2E_DATA_DIR || 'tmp/e2e-data');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

if (!(await ensureBuild())) process.exit(1);

runServerForeground({
  ...process.env,
  HOST: '127.0.0.1',
  PORT: process.env.E2E_PORT || '4173',
  DATA_DIR: dataDir,
  STATIC_DIR: 'build',
  COUCHDB_URL: '',
  NODE_ENV: 'production',
});
