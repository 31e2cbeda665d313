import { MAX_MUTATIONS_PER_PUSH } from '$lib/protocol';
import { applyPushResults, type PushTally } from './apply-push-results';
import { db } from '$lib/db/database';
import type { OutboxEntry } from '$lib/db/rows';
import type { SyncDeps } from './sync-deps';
import type { SyncFailure } from './sync-transport';

export type PushOutcome = { ok: true; tally: PushTally } | SyncFailure;

/**
 * Drain the outbox in `seq` order, in batches of at most 500. An entry leaves the outbox
 * only in the transaction that stores its result; after a failed call every entry stays,
 * and the next run sends the same `mid`s again (the server answers them idempotently).
 */
export async function pushOutbox(deps: SyncDeps): Promise<PushOutcome> {
  const fullBatch = Math.min(deps.pushBatch ?? MAX_MUTATIONS_PER_PUSH, MAX_MUTATIONS_PER_PUSH);
  let batchSize = fullBatch;
  const tally: PushTally = { applied: 0, merged: 0, rejected: 0 };
  for (;;) {
    const entries = await db().outbox.orderBy('seq').limit(batchSize).toArray();
    if (entries.length === 0) return { ok: true, tally };
    const answer = await deps.transport.push(entries.map((entry) => entry.mutation));
    if (!answer.ok && refusesWholeBatch(answer)) {
      // The server refused the whole call (a body it can never accept, or too big): halve
      // the batch until the one mutation at fault is alone, then reject just that one with
      // a notice, so a single bad change never blocks every change queued behind it.
      if (entries.length > 1) {
        batchSize = Math.max(1, Math.floor(entries.length / 2));
        continue;
      }
      const [entry] = entries as [OutboxEntry];
      await applyPushResults(deps, entries, [
        { mid: entry.mid, status: 'rejected', code: 'invalid', message: answer.message },
      ]);
      tally.rejected += 1;
      batchSize = fullBatch;
      continue;
    }
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

function refusesWholeBatch(failure: SyncFailure): boolean {
  return failure.kind === 'server' && (failure.status === 400 || failure.status === 413);
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
