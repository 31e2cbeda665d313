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
  const cursor = ((await db().meta.get('sync'))?.value as SyncMeta | undefined)?.cursor ?? null;
  let received = 0;
  let pages = 0;
  let answer = await deps.transport.pull(cursor, limit);
  for (;;) {
    if (!answer.ok) return answer;
    const page = answer.data;
    // Ask for the next page while this one is written: the network and IndexedDB overlap.
    // The cursor is the server's, so asking early is safe; the stored cursor still only
    // moves with the page it belongs to.
    const next = page.more ? deps.transport.pull(page.cursor, limit) : null;
    try {
      await applyPullPage(deps, page, !page.more);
    } catch (error) {
      void next?.catch(() => undefined);
      throw error;
    }
    pages += 1;
    received += page.records.length;
    onProgress?.({ received, remaining: page.more ? (page.remaining ?? null) : 0 });
    if (!next) return { ok: true, received, pages };
    answer = await next;
  }
}
