import type { PushTally } from './apply-push-results';
import { pullChanges, type PullProgress } from './pull-changes';
import { pushOutbox } from './push-outbox';
import type { SyncDeps } from './sync-deps';
import { currentUserId } from './session-guard';
import { withSyncLock } from './sync-lock';
import type { SyncFailure } from './sync-transport';

export type SyncOutcome =
  { ok: true; pushed: PushTally; received: number } | (SyncFailure & { stage: 'push' | 'pull' });

/**
 * One sync: push the outbox first (so the server decides on local edits before this device
 * pulls), then pull until caught up. Holds the sync lock throughout: never two at once.
 * A change the server keeps refusing (`refused`) does not stop the pull — the phone still
 * receives everyone else's changes, the waiting one rebased on top — but the run still
 * ends as that failure, so the status says "needs attention".
 */
export function runSync(
  deps: SyncDeps,
  onProgress?: (progress: PullProgress) => void,
): Promise<SyncOutcome> {
  return withSyncLock(async () => {
    const userId = await currentUserId();
    if (!userId) {
      // Nobody is signed in on this device: nothing to sync for; wait for a sign-in.
      return { ok: false, kind: 'unauthorized', status: 0, message: 'signed out', stage: 'push' };
    }
    deps = { ...deps, userId };
    const pushed = await pushOutbox(deps);
    if (!pushed.ok && pushed.kind !== 'refused') return { ...pushed, stage: 'push' as const };
    const pulled = await pullChanges(deps, onProgress);
    if (!pulled.ok) return { ...pulled, stage: 'pull' as const };
    if (!pushed.ok) return { ...pushed, stage: 'push' as const };
    return { ok: true as const, pushed: pushed.tally, received: pulled.received };
  });
}
