// (7) Growth: first-sync time and the tab's JS heap at each size, and an incremental sync of
// 10 server-side changes at each size (it should not grow with the data held). Each size
// is its own user and group, so a pull sees only that data. The main size's figures come
// from the first-sync phase's Neighborly runs (same measurements, same profile).
import { countBytes, heapUsed, launchProfile, openBench } from '../browser.mjs';
import { groupDbName, makeUserAndGroup, seedRequests } from '../seed.mjs';
import { incrementalRounds } from '../incremental.mjs';

async function growthRun(ctx, data, run) {
  const profile = await launchProfile(ctx.tmp);
  try {
    const { page, cdp } = profile;
    await openBench(page, ctx.proxyUrl);
    await page.evaluate(([l, p]) => window.bench.signIn(l, p), [data.login, data.password]);
    const first = await countBytes(ctx.meter, () => page.evaluate(() => window.bench.sync()));
    const heap = await heapUsed(cdp);
    const incremental = await incrementalRounds(page, ctx, {
      groupId: data.groupId,
      records: data.records,
      seed: 100 + run,
      tag: `grow${run}`,
    });
    return {
      ms: first.result.ms,
      docs: first.result.requests,
      longTasks: first.result.longTasks,
      bytes: first.bytes,
      heap,
      incremental,
    };
  } catch (error) {
    return { error: String(error?.message ?? error).slice(0, 500) };
  } finally {
    await profile.close();
  }
}

export async function growthPhase(ctx) {
  const sizes = {};
  for (const [index, size] of ctx.options.growth.entries()) {
    if (size === ctx.options.records && ctx.options.phases.includes('first-sync')) {
      sizes[size] = { from: 'first-sync' };
      continue;
    }
    const owner = await makeUserAndGroup(ctx.server.url, {
      login: `bench-growth-${size}`,
      password: 'bench-password-1',
      name: `Growth ${size}`,
      groupName: `Growth ${size}`,
    });
    const records = await seedRequests(ctx.backend.url, {
      groupId: owner.groupId,
      userId: owner.userId,
      count: size,
      seed: 1000 + index,
    });
    const data = { ...owner, db: groupDbName(owner.groupId), records };
    const runs = size >= 50_000 ? ctx.options.bigRuns : ctx.options.growthRuns;
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const result = await growthRun(ctx, data, run);
      samples.push(result);
      ctx.log(
        `growth ${size} run ${run + 1}: ${result.error ?? `${result.ms.toFixed(0)} ms, heap ${(result.heap.jsHeapUsed / 2 ** 20).toFixed(1)} MiB, +10 changes ${result.incremental.ms.toFixed(0)} ms`}`,
      );
    }
    sizes[size] = { runs, samples };
  }
  return { sizes };
}
