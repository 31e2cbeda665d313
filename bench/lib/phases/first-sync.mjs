// (1) First sync of the main group into an empty browser, three ways on the same documents:
// Neighborly's engine, PouchDB replication (default options and batch_size 500) and the
// floor (one Dexie bulkPut per `_changes` page) — plus a diagnostic floor into the app's
// own indexed table, which shows what the app's indexes cost.
import { countBytes, heapUsed, launchProfile, openBench } from '../browser.mjs';
import { changeOnServer } from '../seed.mjs';
import { pickIds } from '../pick.mjs';
import { incrementalRounds } from '../incremental.mjs';

export const CONTENDERS = [
  {
    key: 'neighborly',
    label: 'Neighborly sync engine',
    async run(page, ctx) {
      const signIn = await page.evaluate(
        ([login, password]) => window.bench.signIn(login, password),
        [ctx.main.login, ctx.main.password],
      );
      const measured = await countBytes(ctx.meter, () => page.evaluate(() => window.bench.sync()));
      const first = {
        ...measured.result,
        signInMs: signIn.ms,
        bytes: measured.bytes,
        docs: measured.result.requests,
      };
      if (ctx.options.phases.includes('session')) {
        first.heap = await heapUsed(ctx.cdp);
        first.session = await afterFirstSync(page, ctx);
      }
      return first;
    },
  },
  {
    key: 'neighborlyInPage',
    full: true,
    diagnostic: true,
    label: "Neighborly sync engine on the page's main thread (no worker; transport timed)",
    async run(page, ctx) {
      await page.evaluate(
        ([login, password]) => window.bench.signIn(login, password),
        [ctx.main.login, ctx.main.password],
      );
      const measured = await countBytes(ctx.meter, () =>
        page.evaluate(() => window.bench.sync({ inPage: true })),
      );
      return { ...measured.result, bytes: measured.bytes, docs: measured.result.requests };
    },
  },
  {
    key: 'pouchDefault',
    label: 'PouchDB replicate (default options)',
    async run(page, ctx) {
      const measured = await countBytes(ctx.meter, () =>
        page.evaluate((db) => window.bench.pouchReplicate({ db }), ctx.main.db),
      );
      return { ...measured.result, bytes: measured.bytes };
    },
  },
  {
    key: 'pouch500',
    full: true,
    label: 'PouchDB replicate (batch_size 500)',
    async run(page, ctx) {
      const measured = await countBytes(ctx.meter, () =>
        page.evaluate((db) => window.bench.pouchReplicate({ db, batchSize: 500 }), ctx.main.db),
      );
      return { ...measured.result, bytes: measured.bytes };
    },
  },
  {
    key: 'floor',
    label: 'Floor: _changes pages of 1,000 + one Dexie bulkPut each',
    async run(page, ctx) {
      const measured = await countBytes(ctx.meter, () =>
        page.evaluate((db) => window.bench.floor({ db, pageSize: 1000 }), ctx.main.db),
      );
      return { ...measured.result, bytes: measured.bytes };
    },
  },
  {
    key: 'floorApp',
    full: true,
    diagnostic: true,
    label: "Floor, rows made by the app's toRow into the app's requests table (all its indexes)",
    async run(page, ctx) {
      const measured = await countBytes(ctx.meter, () =>
        page.evaluate(
          (db) => window.bench.floor({ db, pageSize: 1000, schema: 'app' }),
          ctx.main.db,
        ),
      );
      return { ...measured.result, bytes: measured.bytes };
    },
  },
];

/**
 * (2) and parts of (3) and (7), in the profile that just made its first sync: 100 records
 * changed on the server, then 10 (the growth table's 10,000 point), the local queries (first
 * run only), and N offline edits pushed.
 */
async function afterFirstSync(page, ctx) {
  const { options, main, run } = ctx;
  const out = {};
  await changeOnServer(ctx.backend.url, {
    groupId: main.groupId,
    ids: pickIds(main.records, options.changed, run * 7 + 1),
    tag: `c${run}`,
  });
  const inc = await countBytes(ctx.meter, () => page.evaluate(() => window.bench.sync()));
  out.incremental = { ...inc.result, bytes: inc.bytes };
  ctx.log(`  incremental ${options.changed}: ${inc.result.ms.toFixed(0)} ms`);
  out.incrementalSmall = await incrementalRounds(page, ctx, {
    groupId: main.groupId,
    records: main.records,
    seed: run * 7 + 2,
    tag: `g${run}`,
  });
  if (run === 0 && options.phases.includes('queries')) {
    out.queries = await page.evaluate((o) => window.bench.queries(o), {
      groupId: main.groupId,
      runs: options.queryRuns,
      category: 'groceries',
      text: 'prescription',
      today: new Date().toISOString().slice(0, 10),
    });
  }
  if (out.queries) ctx.log('  queries done');
  out.edits = await page.evaluate((o) => window.bench.editOffline(o), {
    groupId: main.groupId,
    count: options.offlineEdits,
  });
  const push = await countBytes(ctx.meter, () => page.evaluate(() => window.bench.push()));
  out.push = { ...push.result, bytes: push.bytes };
  ctx.log(
    `  ${options.offlineEdits} edits: ${out.edits.ms.toFixed(0)} ms; push: ${push.result.ms.toFixed(0)} ms`,
  );
  return out;
}

/** One contender in a fresh profile: returns its measurement (or the error). */
export async function runContender(ctx, contender) {
  const profile = await launchProfile(ctx.tmp);
  try {
    await openBench(profile.page, ctx.proxyUrl);
    const result = await contender.run(profile.page, { ...ctx, cdp: profile.cdp });
    // Neighborly measures its heap right after the first sync, before the session's work.
    const heap = result.heap ?? (await heapUsed(profile.cdp));
    return { ...result, heap };
  } catch (error) {
    return { error: String(error?.message ?? error).slice(0, 500) };
  } finally {
    await profile.close();
  }
}

export async function firstSyncPhase(ctx) {
  const samples = Object.fromEntries(CONTENDERS.map((c) => [c.key, []]));
  // Interleaved, so drift on this shared machine hits every contender alike.
  for (let run = 0; run < ctx.options.runs; run++) {
    for (const contender of CONTENDERS) {
      // The smoke run keeps one of each kind: it proves the code, not the numbers.
      if (ctx.options.smoke && contender.full) continue;
      // The diagnostic floors explain, they do not compete: fewer runs.
      if (contender.diagnostic && run >= ctx.options.diagRuns) continue;
      const result = await runContender({ ...ctx, run }, contender);
      samples[contender.key].push(result);
      ctx.log(
        `first-sync run ${run + 1} ${contender.key}: ${result.error ?? `${result.ms.toFixed(0)} ms, ${result.docs} docs, ${(result.bytes.wire / 1e6).toFixed(2)} MB wire`}`,
      );
    }
  }
  const profiles = ctx.options.smoke ? null : await profileRuns(ctx);
  return { contenders: CONTENDERS.map(({ key, label }) => ({ key, label })), samples, profiles };
}

/**
 * One more Neighborly first sync and one app-schema floor with the CPU profiler on (not
 * timed): where the main thread's time goes, by function (self time).
 */
async function profileRuns(ctx) {
  const out = {};
  // The app's sync runs in a worker, which the page's profiler does not see: profile the
  // same engine on the page instead.
  for (const key of ['neighborlyInPage', 'floorApp']) {
    const contender = CONTENDERS.find((c) => c.key === key);
    const profile = await launchProfile(ctx.tmp);
    try {
      await openBench(profile.page, ctx.proxyUrl);
      await profile.cdp.send('Profiler.enable');
      await profile.cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await profile.cdp.send('Profiler.start');
      await contender.run(profile.page, {
        ...ctx,
        cdp: profile.cdp,
        options: { ...ctx.options, phases: [] },
      });
      const { profile: cpu } = await profile.cdp.send('Profiler.stop');
      out[key] = topSelfTime(cpu, 15);
    } catch (error) {
      out[key] = { error: String(error?.message ?? error).slice(0, 300) };
    } finally {
      await profile.close();
    }
  }
  return out;
}

/** Self time per function from a CPU profile (ms), largest first. */
function topSelfTime(cpu, count) {
  const byNode = new Map(cpu.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = cpu.timeDeltas ?? [];
  let total = 0;
  cpu.samples.forEach((id, i) => {
    const node = byNode.get(id);
    const ms = (deltas[i] ?? 0) / 1000;
    total += ms;
    const f = node.callFrame;
    const file = f.url ? f.url.split('/').pop() : '';
    const name = `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
    self.set(name, (self.get(name) ?? 0) + ms);
  });
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms: Math.round(ms) }));
  return { totalMs: Math.round(total), top };
}
