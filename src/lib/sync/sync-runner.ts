import type { PullProgress } from './pull-changes';
import { runSync, type SyncOutcome } from './run-sync';
import type { SyncDeps } from './sync-deps';
import type { RunMessage, WorkerMessage } from './sync-worker-protocol';

export type SyncRunner = (onProgress?: (progress: PullProgress) => void) => Promise<SyncOutcome>;

/** What makes the worker: the app's is Vite's bundled module worker; tests pass a fake. */
export type WorkerFactory = () => Worker;

const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('./sync-worker.ts', import.meta.url), { type: 'module' });

/**
 * Runs syncs in a dedicated worker (sync-worker.ts) where the browser has workers, else in
 * this thread with `fallback` deps. A worker that fails to start or dies (e.g. its script
 * missing from an old cache) is dropped for good and the run is made here instead: a sync
 * is never lost to the worker, only slower on the main thread.
 */
export function syncRunner(
  fallback: SyncDeps,
  factory: WorkerFactory | null = typeof Worker === 'undefined' ? null : defaultFactory,
): SyncRunner {
  let worker: Worker | null = null;
  let broken = factory === null;
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (outcome: SyncOutcome) => void; onProgress?: (p: PullProgress) => void }
  >();
  const here: SyncRunner = (onProgress) => runSync(fallback, onProgress);

  const abandon = () => {
    broken = true;
    worker?.terminate();
    worker = null;
    // Runs in flight in a dead worker were either committed page by page or not at all:
    // running them again here is safe (pull resumes from the stored cursor, push is
    // idempotent by mid).
    const waiting = [...pending.values()];
    pending.clear();
    for (const run of waiting) void here(run.onProgress).then(run.resolve);
  };

  const start = (): Worker | null => {
    if (worker || broken || !factory) return worker;
    try {
      worker = factory();
    } catch {
      broken = true;
      return null;
    }
    worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      const run = pending.get(message.id);
      if (!run) return;
      if (message.type === 'progress') {
        run.onProgress?.(message.progress);
        return;
      }
      pending.delete(message.id);
      if (message.type === 'outcome') run.resolve(message.outcome);
      else
        run.resolve({
          ok: false,
          kind: 'server',
          status: 0,
          message: message.message,
          stage: 'push',
        });
    });
    worker.addEventListener('error', abandon);
    worker.addEventListener('messageerror', abandon);
    return worker;
  };

  return (onProgress) => {
    const active = start();
    if (!active) return here(onProgress);
    const id = (nextId += 1);
    return new Promise<SyncOutcome>((resolve) => {
      pending.set(id, { resolve, ...(onProgress ? { onProgress } : {}) });
      const message: RunMessage = { type: 'run', id };
      active.postMessage(message);
    });
  };
}
