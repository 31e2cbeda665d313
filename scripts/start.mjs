// `npm start`: build the app if needed, then run the sync-server, which serves the
// built PWA and the API on http://localhost:8080 (PORT) with the embedded database
// under ./data (DATA_DIR), or a real CouchDB when COUCHDB_URL is set.
import { ensureBuild } from './lib/build.mjs';
import { runServerForeground } from './lib/processes.mjs';

if (!(await ensureBuild())) process.exit(1);

runServerForeground({
  ...process.env,
  PORT: process.env.PORT || '8080',
  DATA_DIR: process.env.DATA_DIR || './data',
  STATIC_DIR: process.env.STATIC_DIR || 'build',
  NODE_ENV: process.env.NODE_ENV || 'production',
});
