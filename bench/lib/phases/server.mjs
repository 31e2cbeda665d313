// (6) Server: push mutations/s and pull records/s under load from a second process
// (autocannon), p50/p99 latency at a fixed rate, the processes' memory; and the
// sync-server's overhead against nano writing and reading the same documents straight to
// the backend. Its own user and group (seeded like the main one), so other phases' data
// stays as it was.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nano from 'nano';
import { monotonicFactory } from 'ulid';
import { rssOf } from '../backend.mjs';
import { makeRequests, toDoc } from '../records.mjs';
import { groupDbName, makeUserAndGroup, seedRequests } from '../seed.mjs';
import { summary } from '../stats.mjs';

const worker = fileURLToPath(new URL('../../load-worker.mjs', import.meta.url));
const nextId = monotonicFactory();

function load(config) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load worker failed (${code}): ${err.slice(-1000)}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

/** Samples the RSS of the given processes every 250 ms while `fn` runs. */
async function withMemory(pids, fn) {
  const peak = Object.fromEntries(Object.keys(pids).map((k) => [k, 0]));
  const timer = setInterval(async () => {
    for (const [key, pid] of Object.entries(pids)) {
      const rss = await rssOf(pid);
      if (rss && rss > peak[key]) peak[key] = rss;
    }
  }, 250);
  try {
    const result = await fn();
    return { result, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

function creates(groupId, userId, count, seed) {
  const at = new Date().toISOString();
  return makeRequests({ groupId, count, people: [userId], seed }).map((r) => {
    const id = nextId();
    return {
      ...r,
      id,
      createdAt: at,
      updatedAt: at,
      status: 'open',
      requesterId: userId,
      onBehalfOf: null,
      assigneeId: null,
    };
  });
}

const shape = (r) => ({
  // Completed requests over the run's duration (autocannon's per-second average skips
  // partial seconds).
  requestsPerSec: Math.round((r.requests.total / Math.max(r.duration, 0.001)) * 10) / 10,
  latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
  total: r.requests.total,
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
  statusCodes: r.statusCodeStats,
});

export async function serverPhase(ctx) {
  const { options } = ctx;
  const owner = await makeUserAndGroup(ctx.server.url, {
    login: 'bench-load',
    password: 'bench-password-1',
    name: 'Load Coordinator',
    groupName: 'Load group',
  });
  await seedRequests(ctx.backend.url, {
    groupId: owner.groupId,
    userId: owner.userId,
    // At least one full pull page, so pull load reads as many records as it asks for.
    count: Math.max(options.records, 1000),
    seed: 77,
  });
  const base = {
    url: ctx.server.url,
    cookie: owner.client.cookie(),
    groupId: owner.groupId,
    userId: owner.userId,
    perPush: 50,
    pullLimit: 1000,
  };
  const pids = { syncServer: ctx.server.pid, database: ctx.backend.pid };
  const idleRss = {
    syncServer: await rssOf(ctx.server.pid),
    database: await rssOf(ctx.backend.pid),
  };
  const out = { idleRss, perPush: base.perPush, pullLimit: base.pullLimit };

  // Throughput: as fast as 10 connections go.
  for (const mode of ['push', 'pull']) {
    const { result, peakRss } = await withMemory(pids, () =>
      load({
        ...base,
        mode,
        connections: options.smoke ? 2 : 10,
        duration: options.serverSeconds,
        amount: options.serverAmount,
      }),
    );
    out[`${mode}Max`] = { ...shape(result), peakRss };
    ctx.log(`server ${mode} max: ${result.requests.average} req/s, p99 ${result.latency.p99} ms`);
  }
  // Latency at a fixed rate: half the measured maximum.
  for (const mode of ['push', 'pull']) {
    const rate = Math.max(1, Math.floor(out[`${mode}Max`].requestsPerSec / 2));
    const { result, peakRss } = await withMemory(pids, () =>
      load({
        ...base,
        mode,
        connections: options.smoke ? 2 : 4,
        duration: options.serverSeconds,
        amount: options.serverAmount,
        overallRate: rate,
      }),
    );
    out[`${mode}Fixed`] = { rate, ...shape(result), peakRss };
    ctx.log(
      `server ${mode} at ${rate} req/s: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
  }
  out.pushMutationsPerSec = out.pushMax.requestsPerSec * base.perPush;
  out.pullRecordsPerSec = out.pullMax.requestsPerSec * base.pullLimit;
  out.overhead = await overhead(ctx, owner, options.smoke ? 1 : 7);
  return out;
}

/**
 * The same work through the sync-server and straight to the backend with nano, one call at a
 * time: 500 new requests written (a push of 500 creates vs one `_bulk_docs`), and the first
 * 1,000 records read (a pull page vs one `_changes?include_docs=true`).
 */
async function overhead(ctx, owner, reps) {
  const db = nano(ctx.backend.url).use(groupDbName(owner.groupId));
  const write = { server: [], nano: [] };
  const read = { server: [], nano: [] };
  for (let i = 0; i < reps; i++) {
    const viaServer = creates(owner.groupId, owner.userId, 500, 500 + i);
    const at = new Date().toISOString();
    const body = {
      mutations: viaServer.map((record) => ({
        mid: `ovh-${record.id}`,
        op: 'create',
        type: 'request',
        id: record.id,
        groupId: owner.groupId,
        at,
        record,
      })),
    };
    let t0 = performance.now();
    const pushed = await owner.client.call('POST', '/sync/push', body);
    write.server.push(performance.now() - t0);
    const applied = pushed.results.filter((r) => r.status === 'applied').length;
    if (applied !== 500)
      throw new Error(
        `overhead push: ${applied}/500 applied (${JSON.stringify(pushed.results[0]).slice(0, 300)})`,
      );

    const direct = creates(owner.groupId, owner.userId, 500, 900 + i).map(toDoc);
    t0 = performance.now();
    await db.bulk({ docs: direct });
    write.nano.push(performance.now() - t0);

    t0 = performance.now();
    const page = await owner.client.call('GET', '/sync/pull?limit=1000');
    read.server.push(performance.now() - t0);
    if (page.records.length < 900) throw new Error(`overhead pull: ${page.records.length} records`);
    t0 = performance.now();
    await db.changes({ include_docs: true, limit: 1000, since: 0 });
    read.nano.push(performance.now() - t0);
  }
  const ratio = (a, b) => summary(a).median / summary(b).median;
  return {
    reps,
    write: {
      server: summary(write.server),
      nano: summary(write.nano),
      ratio: ratio(write.server, write.nano),
    },
    read: {
      server: summary(read.server),
      nano: summary(read.nano),
      ratio: ratio(read.server, read.nano),
    },
  };
}
