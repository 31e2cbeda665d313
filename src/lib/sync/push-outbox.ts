import { MAX_MUTATIONS_PER_PUSH } from '$lib/protocol';
import { applyPushResults, type PushTally } from './apply-push-results';
import { db } from '$lib/db/database';
import type { SyncDeps } from './sync-deps';
import type { SyncFailure } from './sync-transport';

export type PushOutcome = { ok: true; tally: PushTally } | SyncFailure;

/**
 * Drain the outbox in `seq` order, in batches of at most 500. An entry leaves the outbox
 * only in the transaction that stores its result; after a failed call every entry stays,
 * and the next run sends the same `mid`s again (the server answers them idempotently).
 */
export async function pushOutbox(deps: SyncDeps): Promise<PushOutcome> {
  const batchSize = Math.min(deps.pushBatch ?? MAX_MUTATIONS_PER_PUSH, MAX_MUTATIONS_PER_PUSH);
  const tally: PushTally = { applied: 0, merged: 0, rejected: 0 };
  for (;;) {
    const entries = await db().outbox.orderBy('seq').limit(batchSize).toArray();
    if (entries.length === 0) return { ok: true, tally };
    const answer = await deps.transport.push(entries.map((entry) => entry.mutation));
    if (!answer.ok) {
      await noteAttempt(
        deps,
        entries.map((e) => e.seq!),
        answer.message,
      );
      return answer;
    }
    const results = answer.data.results;
    const sent = new Set(entries.map((entry) => entry.mid));
    if (results.length === 0 || !results.every((result) => sent.has(result.mid))) {
      // Without a result per mutation nothing may leave the outbox: try again later.
      return { ok: false, kind: 'server', status: 200, message: 'results do not match the push' };
    }
    const batch = await applyPushResults(deps, entries, results);
    tally.applied += batch.applied;
    tally.merged += batch.merged;
    tally.rejected += batch.rejected;
  }
}

async function noteAttempt(deps: SyncDeps, seqs: number[], message: string): Promise<void> {
  await db()
    .outbox.where('seq')
    .anyOf(seqs)
    .modify((entry) => {
      entry.attempts += 1;
      entry.lastError = message;
    });
}
