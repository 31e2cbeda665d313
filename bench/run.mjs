// `npm run bench`: every benchmark of issue 6 in one run, against the real sync-server and
// the embedded database, in headless Chromium; writes bench/RESULTS.md and
// bench/results.json. `--smoke` is the tiny run npm test makes (see bench/README.md).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded, startSyncServer } from './lib/backend.mjs';
import { parseOptions } from './lib/options.mjs';
import { machineInfo } from './lib/machine.mjs';
import { makeUserAndGroup, groupDbName, seedRequests } from './lib/seed.mjs';
import { startProxy } from './serve.mjs';
import { firstSyncPhase } from './lib/phases/first-sync.mjs';
import { sessionPhase } from './lib/phases/session.mjs';
import { queriesPhase } from './lib/phases/queries.mjs';
import { coldStartPhase } from './lib/phases/cold-start.mjs';
import { bundlePhase } from './lib/phases/bundle.mjs';
import { serverPhase } from './lib/phases/server.mjs';
import { growthPhase } from './lib/phases/growth.mjs';
import { writeReport } from './lib/report.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
process.chdir(root);

const PHASES = {
  'first-sync': firstSyncPhase,
  session: sessionPhase,
  queries: queriesPhase,
  'cold-start': coldStartPhase,
  bundle: bundlePhase,
  server: serverPhase,
  growth: growthPhase,
};

function log(message) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function buildOrFail(args, what, env = {}) {
  const out = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, ...env },
    },
  );
  if (out.status !== 0) throw new Error(`${what} build failed:\n${out.stdout}\n${out.stderr}`);
}

const cleanups = [];

async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}

// Ctrl-C or a kill: stop the servers this run started before leaving.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanUp().finally(() => process.exit(130));
  });
}

export async function runBench(options = parseOptions()) {
  const started = Date.now();
  const tmp = resolve(root, 'bench/.tmp', `run-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  const results = { options, phases: {}, errors: {} };
  try {
    log('building the bench page');
    const webRoot = join(tmp, 'web');
    buildOrFail(['-c', 'bench/vite.config.ts'], 'bench page', { BENCH_WEB_OUT: webRoot });
    // The app as built in build/ (`npm run build`); built here only when missing or with
    // `--build` (other builds on a shared machine write the same folder).
    if (options.build || (!options.smoke && !existsSync(join(root, 'build/index.html')))) {
      log('building the app');
      buildOrFail([], 'app');
    }
    // A snapshot of build/: other builds on this machine must not change the app mid-run.
    const appDir = join(tmp, 'app');
    if (existsSync(join(root, 'build/index.html')))
      cpSync(join(root, 'build'), appDir, { recursive: true, preserveTimestamps: true });

    log('starting the embedded database and the sync-server');
    const backend = await startEmbedded(join(tmp, 'data'));
    cleanups.push(() => backend.stop());
    const server = await startSyncServer({
      couchUrl: backend.url,
      dataDir: join(tmp, 'data'),
      staticDir: appDir,
    });
    cleanups.push(() => server.stop());
    const proxy = await startProxy({
      webRoot,
      api: () => server.url,
      couch: () => backend.url,
    });
    cleanups.push(() => proxy.close());

    results.machine = await machineInfo();
    results.appBuiltAt = existsSync(join(appDir, 'index.html'))
      ? statSync(join(appDir, 'index.html')).mtime.toISOString()
      : null;
    log(
      `machine: ${results.machine.cpu} ×${results.machine.cores}, Chromium ${results.machine.chromium}`,
    );

    log(`seeding ${options.records} requests`);
    const owner = await makeUserAndGroup(server.url, {
      login: 'bench-main',
      password: 'bench-password-1',
      name: 'Bench Coordinator',
      groupName: 'Crown Heights Mutual Aid (bench)',
    });
    const seedStart = Date.now();
    const records = await seedRequests(backend.url, {
      groupId: owner.groupId,
      userId: owner.userId,
      count: options.records,
    });
    results.seed = { records: records.length, ms: Date.now() - seedStart };
    const ctx = {
      options,
      tmp,
      root,
      log,
      backend,
      server,
      proxyUrl: proxy.url,
      meter: proxy.meter,
      appDir,
      appBuilt: existsSync(join(appDir, 'index.html')),
      main: { ...owner, db: groupDbName(owner.groupId), records },
    };

    for (const name of options.phases) {
      const phase = PHASES[name];
      if (!phase) throw new Error(`unknown phase ${name}`);
      log(`phase ${name}`);
      const t0 = Date.now();
      try {
        results.phases[name] = await phase(ctx);
      } catch (error) {
        results.errors[name] = String(error?.stack ?? error).slice(0, 2000);
        log(`phase ${name} FAILED: ${error?.message ?? error}`);
      }
      log(`phase ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await cleanUp();
    if (!options.keep) rmSync(tmp, { recursive: true, force: true });
  }
  results.totalSeconds = (Date.now() - started) / 1000;
  results.loadAverageEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  if (options.out) await writeReport(results, options.out);
  log(`done in ${results.totalSeconds.toFixed(0)} s`);
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBench().then(
    (results) => process.exit(Object.keys(results.errors).length ? 1 : 0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
