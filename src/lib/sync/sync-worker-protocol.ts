import type { PullProgress } from './pull-changes';
import type { SyncOutcome } from './run-sync';

/** Main thread → sync worker: run one sync (`id` matches the answers to the request). */
export interface RunMessage {
  type: 'run';
  id: number;
}

/** Sync worker → main thread: a page landed, the run ended, or the run threw (a bug). */
export type WorkerMessage =
  | { type: 'progress'; id: number; progress: PullProgress }
  | { type: 'outcome'; id: number; outcome: SyncOutcome }
  | { type: 'failed'; id: number; message: string };
