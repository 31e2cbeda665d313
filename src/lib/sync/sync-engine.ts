import { db } from '$lib/db/database';
import { liveQuery } from '$lib/db/live';
import type { SessionMeta, SyncMeta } from '$lib/db/rows';
import { listenForChanges } from './events';
import { SyncScheduler, type SyncTrigger } from './schedule';
import type { SyncDeps } from './sync-deps';
import { syncStatus } from './sync-status.svelte';
import { syncRunner, type SyncRunner } from './sync-runner';
import { httpTransport } from './sync-transport';

let scheduler: SyncScheduler | null = null;
/** One for the page's lifetime: its worker outlives sign-outs (it holds no user state). */
let runner: SyncRunner | null = null;
let stopping: (() => void)[] = [];

/**
 * Start syncing for the signed-in user (idempotent). Triggers: start, `online`, focus and
 * the tab becoming visible, the server's SSE hint, new outbox entries (debounced), and an
 * interval. Keeps `syncStatus` current for the UI.
 */
export function startSync(): void {
  if (scheduler || typeof window === 'undefined') return;
  const deps: SyncDeps = {
    transport: httpTransport(),
    now: () => new Date().toISOString(),
  };
  // Runs happen in a worker (the main thread stays free during a big first sync); `deps`
  // serve only where there is no worker.
  const run = (runner ??= syncRunner(deps));
  const active = new SyncScheduler({
    run: () =>
      run((progress) => {
        syncStatus.progress = progress;
      }),
    isOnline: () => navigator.onLine,
    onRunning: (running) => {
      syncStatus.running = running;
      if (!running) syncStatus.progress = null;
    },
    onOutcome: (outcome, failures) => {
      syncStatus.failures = failures;
      if (outcome.ok) {
        syncStatus.reachable = true;
        syncStatus.lastError = null;
        syncStatus.refused = null;
        return;
      }
      syncStatus.reachable = outcome.kind !== 'offline';
      syncStatus.lastError = outcome.message;
      // Kept until a run succeeds: only that shows the refused change went through.
      if (outcome.kind === 'refused') syncStatus.refused = outcome.message;
      if (outcome.kind === 'unauthorized' || outcome.kind === 'upgrade') {
        syncStatus.paused = outcome.kind;
      }
    },
  });
  scheduler = active;

  syncStatus.online = navigator.onLine;
  const on = <K extends keyof WindowEventMap>(name: K, listener: () => void) => {
    window.addEventListener(name, listener);
    stopping.push(() => window.removeEventListener(name, listener));
  };
  on('online', () => {
    syncStatus.online = true;
    active.request('online');
  });
  on('offline', () => {
    syncStatus.online = false;
  });
  on('focus', () => active.request('focus'));
  const visible = () => {
    if (document.visibilityState === 'visible') active.request('focus');
  };
  document.addEventListener('visibilitychange', visible);
  stopping.push(() => document.removeEventListener('visibilitychange', visible));

  stopping.push(listenForChanges(() => active.request('event')));
  watch(
    () => db().outbox.count(),
    (count, previous) => {
      syncStatus.waiting = count;
      // Any new local write: push it shortly (debounced), whichever tab made it.
      if (previous !== undefined && count > previous) active.request('write');
    },
  );
  watch(
    () => db().conflicts.count(),
    (count) => (syncStatus.conflicts = count),
  );
  watch(
    () =>
      db()
        .notices.filter((notice) => !notice.read)
        .count(),
    (count) => (syncStatus.unreadNotices = count),
  );
  watch(
    async () => ((await db().meta.get('sync'))?.value as SyncMeta | undefined)?.lastSyncedAt,
    (at) => (syncStatus.lastSyncedAt = at ?? null),
  );
  active.start();
}

/** Stop syncing (signing out). The outbox is left as it is. */
export function stopSync(): void {
  scheduler?.stop();
  scheduler = null;
  for (const stop of stopping) stop();
  stopping = [];
  syncStatus.running = false;
  syncStatus.progress = null;
}

/** Ask for a sync now ("Sync now" button), or soon after a write (`'write'`). */
export function requestSync(trigger: SyncTrigger = 'manual'): void {
  scheduler?.request(trigger);
}

/** After signing in again (or taking the update): clear the pause and sync at once. */
export function resumeSync(): void {
  syncStatus.paused = null;
  if (scheduler) scheduler.resume();
  else startSync();
}

/**
 * Run the engine whenever someone is signed in on this device: start on a session, stop
 * when it goes (sign-out), resume when the user signs in again after a 401. Call once from
 * the root layout; `onSignIn` runs for each session seen (e.g. ask for persistent storage).
 */
export function syncWhileSignedIn(onSignIn?: () => void): () => void {
  let signedInAt: string | null = null;
  const subscription = liveQuery(
    async () => ((await db().meta.get('session'))?.value as SessionMeta | undefined) ?? null,
  ).subscribe({
    next: (session) => {
      if (!session) {
        signedInAt = null;
        stopSync();
        return;
      }
      if (session.signedInAt === signedInAt) return;
      signedInAt = session.signedInAt;
      if (syncStatus.paused === 'unauthorized' || scheduler === null) resumeSync();
      onSignIn?.();
    },
    error: () => {},
  });
  return () => {
    subscription.unsubscribe();
    stopSync();
  };
}

function watch<T>(query: () => Promise<T>, next: (value: T, previous: T | undefined) => void) {
  let previous: T | undefined;
  const subscription = liveQuery(query).subscribe({
    next: (value) => {
      next(value, previous);
      previous = value;
    },
    error: () => {},
  });
  stopping.push(() => subscription.unsubscribe());
}
