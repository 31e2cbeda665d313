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
 *
 * When the server refuses a whole call (400, 413) the batch is halved until the change at
 * fault is alone. That change is refused on this device (a notice keeps what it carried)
 * only on proof that it is at fault: the server named its content (`invalid` with fields of
 * the mutation, or too large on its own) AND accepted a push of other changes in this run.
 * Anything less — every push refused, a proxy's bare 400 — could be the server's or the
 * network's fault, and must not drain the outbox: the change stays, and the run stops as
 * `refused` ("needs attention").
 */
export async function pushOutbox(deps: SyncDeps): Promise<PushOutcome> {
  const fullBatch = Math.min(deps.pushBatch ?? MAX_MUTATIONS_PER_PUSH, MAX_MUTATIONS_PER_PUSH);
  let batchSize = fullBatch;
  const tally: PushTally = { applied: 0, merged: 0, rejected: 0 };
  // Whether a push got its results in this run: the server takes this device's pushes.
  let accepted = false;
  // Changes refused alone for their content, waiting for that proof; sent again next run.
  let suspects: { entry: OutboxEntry; refusal: SyncFailure }[] = [];
  const refuseSuspects = async () => {
    await applyPushResults(
      deps,
      suspects.map((s) => s.entry),
      suspects.map(({ entry, refusal }) => ({
        mid: entry.mid,
        status: 'rejected',
        code: 'invalid',
        message: refusal.message,
      })),
    );
    tally.rejected += suspects.length;
    suspects = [];
  };

  for (;;) {
    const held = heldBack(suspects.map((s) => s.entry));
    const entries = await db()
      .outbox.orderBy('seq')
      .filter((entry) => !held(entry))
      .limit(batchSize)
      .toArray();
    if (entries.length === 0) break;
    const answer = await deps.transport.push(entries.map((entry) => entry.mutation));
    if (!answer.ok && refusesWholeBatch(answer)) {
      if (entries.length > 1) {
        batchSize = Math.max(1, Math.floor(entries.length / 2));
        continue;
      }
      const [entry] = entries as [OutboxEntry];
      if (!namesItsContent(answer)) return stuck(entry, answer);
      suspects.push({ entry, refusal: answer });
      if (accepted) await refuseSuspects();
      batchSize = fullBatch;
      continue;
    }
    if (!answer.ok) {
      // A 401 or 426 is about the session or the app, not these changes: the outbox stays
      // exactly as it was (DESIGN.md: an expired session never touches it).
      if (answer.kind !== 'unauthorized' && answer.kind !== 'upgrade') {
        await noteAttempt(
          entries.map((e) => e.seq!),
          answer.message,
        );
      }
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
    accepted = true;
    if (suspects.length > 0) await refuseSuspects();
  }
  // Refused for their content, but no other push went through to show it is theirs.
  if (suspects.length > 0) return stuck(suspects[0]!.entry, suspects[0]!.refusal);
  return { ok: true, tally };
}

function refusesWholeBatch(failure: SyncFailure): boolean {
  return failure.kind === 'server' && (failure.status === 400 || failure.status === 413);
}

/** Whether a refusal of one mutation alone is about that mutation's own content. */
function namesItsContent(failure: SyncFailure): boolean {
  if (failure.status === 413) return failure.code === 'payload_too_large';
  return (
    failure.code === 'invalid' &&
    (failure.fields ?? []).some(
      (field) => field.path === 'mutations.0' || field.path.startsWith('mutations.0.'),
    )
  );
}

/**
 * While a change waits for proof, the changes that build on it wait too (later edits of
 * the same record, log entries on it): sent before it, they could only fail.
 */
function heldBack(suspects: OutboxEntry[]): (entry: OutboxEntry) => boolean {
  if (suspects.length === 0) return () => false;
  const records = new Set(suspects.map((entry) => entry.recordId));
  return (entry) =>
    records.has(entry.recordId) ||
    (entry.mutation.op === 'append' && records.has(String(entry.mutation.record.parentId)));
}

/** Keep the change (and its local record), say why on it, and stop: needs attention. */
async function stuck(entry: OutboxEntry, refusal: SyncFailure): Promise<SyncFailure> {
  await noteAttempt([entry.seq!], refusal.message);
  return { ...refusal, kind: 'refused' };
}

async function noteAttempt(seqs: number[], message: string): Promise<void> {
  await db()
    .outbox.where('seq')
    .anyOf(seqs)
    .modify((entry) => {
      entry.attempts += 1;
      entry.lastError = message;
    });
}
