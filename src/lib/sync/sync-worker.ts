/// <reference lib="webworker" />
/*
 * The sync engine's runs, off the main thread: a first sync of a big group parses and
 * writes thousands of records (IndexedDB's structured clone and index keys are computed on
 * the calling thread), which in the page would block taps and scrolling for tens of
 * milliseconds at a time. Here only this worker waits. Everything it writes reaches the
 * page's live queries through Dexie's cross-context change events; the Web Lock in
 * runSync is shared with the page and other tabs, so there is still never two syncs at
 * once.
 */
import { runSync } from './run-sync';
import { httpTransport } from './sync-transport';
import type { RunMessage, WorkerMessage } from './sync-worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const deps = { transport: httpTransport(), now: () => new Date().toISOString() };
const post = (message: WorkerMessage) => scope.postMessage(message);

scope.addEventListener('message', (event: MessageEvent<RunMessage>) => {
  const { type, id } = event.data;
  if (type !== 'run') return;
  runSync(deps, (progress) => post({ type: 'progress', id, progress })).then(
    (outcome) => post({ type: 'outcome', id, outcome }),
    (error: unknown) => post({ type: 'failed', id, message: String(error) }),
  );
});
