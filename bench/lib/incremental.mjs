// An incremental sync of a few server-side changes, measured over several rounds in the same
// profile: one sync of 10 records takes tens of milliseconds, so a single sample is mostly
// noise (a GC, the IndexedDB backend still compacting after the first sync). The median of
// the rounds is the figure; every round is kept.
import { changeOnServer } from './seed.mjs';
import { pickIds } from './pick.mjs';
import { summary } from './stats.mjs';

export async function incrementalRounds(page, ctx, { groupId, records, seed, tag }) {
  const { growthChanges, incRounds } = ctx.options;
  const rounds = [];
  for (let round = 0; round < incRounds; round++) {
    await changeOnServer(ctx.backend.url, {
      groupId,
      ids: pickIds(records, growthChanges, seed * 31 + round),
      tag: `${tag}.${round}`,
    });
    const result = await page.evaluate(() => window.bench.sync());
    rounds.push(result.ms);
  }
  return { ms: summary(rounds).median, rounds };
}
