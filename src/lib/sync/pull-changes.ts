import type { SyncMeta } from '$lib/db/rows';
import { PULL_DEFAULT_LIMIT } from '$lib/protocol';
import { applyPullPage } from './apply-pull-page';
import { db } from '$lib/db/database';
import type { SyncDeps } from './sync-deps';
import type { SyncFailure } from './sync-transport';

export interface PullProgress {
  /** Records stored so far in this run. */
  received: number;
  /** The server's estimate of what is left (null when it does not say). */
  remaining: number | null;
}

export type PullOutcome = { ok: true; received: number; pages: number } | SyncFailure;

/** Page through the server's changes until `more` is false, storing each page as it lands. */
export async function pullChanges(
  deps: SyncDeps,
  onProgress?: (progress: PullProgress) => void,
): Promise<PullOutcome> {
  const limit = deps.pullLimit ?? PULL_DEFAULT_LIMIT;
  let cursor = ((await db().meta.get('sync'))?.value as SyncMeta | undefined)?.cursor ?? null;
  let received = 0;
  let pages = 0;
  for (;;) {
    const answer = await deps.transport.pull(cursor, limit);
    if (!answer.ok) return answer;
    const page = answer.data;
    await applyPullPage(deps, page, !page.more);
    pages += 1;
    received += page.records.length;
    cursor = page.cursor;
    onProgress?.({ received, remaining: page.more ? (page.remaining ?? null) : 0 });
    if (!page.more) return { ok: true, received, pages };
  }
}
