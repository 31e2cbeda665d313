// (3) Local queries over the main data set through the data layer (board, search, my
// tasks), each timed ≥ 1,000 times. They normally run inside the first Neighborly run of the
// first-sync phase (the profile already holds the data); alone, they sync first.
import { launchProfile, openBench } from '../browser.mjs';

export async function queriesPhase(ctx) {
  if (ctx.options.phases.includes('first-sync') && ctx.options.phases.includes('session')) {
    return { from: 'first-sync' };
  }
  const profile = await launchProfile(ctx.tmp);
  try {
    const { page } = profile;
    await openBench(page, ctx.proxyUrl);
    await page.evaluate(([l, p]) => window.bench.signIn(l, p), [ctx.main.login, ctx.main.password]);
    await page.evaluate(() => window.bench.sync());
    return await page.evaluate((o) => window.bench.queries(o), {
      groupId: ctx.main.groupId,
      runs: ctx.options.queryRuns,
      category: 'groceries',
      text: 'prescription',
      today: new Date().toISOString().slice(0, 10),
    });
  } finally {
    await profile.close();
  }
}
