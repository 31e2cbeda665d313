// (2) Incremental sync (server-side changes after a first sync) and the push of offline
// edits: measured inside each Neighborly run of the first-sync phase, in the profile that
// just synced (see first-sync.mjs `afterFirstSync`). This phase only says so.
export async function sessionPhase(ctx) {
  if (!ctx.options.phases.includes('first-sync')) {
    return { skipped: 'measured inside the first-sync phase; run it too' };
  }
  return { from: 'first-sync' };
}
