import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { SyncOutcome } from './run-sync';

/** What asked for a sync. `online`, `signin` and `manual` skip the backoff wait. */
export type SyncTrigger =
  'start' | 'online' | 'focus' | 'event' | 'write' | 'interval' | 'retry' | 'manual' | 'signin';

/** Why syncing stopped until someone acts: a sign-in, or an app update. */
export type PauseReason = 'unauthorized' | 'upgrade';

export interface SchedulerOptions {
  run: (trigger: SyncTrigger) => Promise<SyncOutcome>;
  isOnline: () => boolean;
  onOutcome?: (outcome: SyncOutcome, failures: number) => void;
  onRunning?: (running: boolean) => void;
  /** Wait after a local write, so a burst of taps becomes one push. */
  debounceMs?: number;
  intervalMs?: number;
  backoff?: BackoffOptions;
}

const URGENT: ReadonlySet<SyncTrigger> = new Set(['online', 'signin', 'manual']);

/**
 * Decides when the engine runs: at most one run at a time in this tab (requests during a
 * run fold into one more run after it), debounced after writes, on an interval, and after
 * failures only once an exponential, jittered, capped backoff has passed. A 401 or 426
 * pauses it until `resume()`: nothing is retried against a server that will say no.
 */
export class SyncScheduler {
  #options: SchedulerOptions;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #dueAt = Infinity;
  #interval: ReturnType<typeof setInterval> | null = null;
  #running = false;
  #again: SyncTrigger | null = null;
  #failures = 0;
  #retryAt = 0;
  #paused: PauseReason | null = null;
  #stopped = true;

  constructor(options: SchedulerOptions) {
    this.#options = options;
  }

  get paused(): PauseReason | null {
    return this.#paused;
  }

  get failures(): number {
    return this.#failures;
  }

  start(): void {
    this.#stopped = false;
    this.#interval ??= setInterval(
      () => this.request('interval'),
      this.#options.intervalMs ?? 60_000,
    );
    this.request('start');
  }

  stop(): void {
    this.#stopped = true;
    this.#clearTimer();
    if (this.#interval) clearInterval(this.#interval);
    this.#interval = null;
  }

  /** Clear a pause (after signing in again, or on the new version) and sync at once. */
  resume(): void {
    this.#paused = null;
    this.#failures = 0;
    this.#retryAt = 0;
    this.request('signin');
  }

  request(trigger: SyncTrigger): void {
    if (this.#stopped || this.#paused) return;
    // Offline, a run could only fail: the `online` event brings the next one.
    if (!this.#options.isOnline()) return;
    if (this.#running) {
      this.#again = this.#again && URGENT.has(this.#again) ? this.#again : trigger;
      return;
    }
    let delay = trigger === 'write' ? (this.#options.debounceMs ?? 1_500) : 0;
    if (this.#failures > 0 && !URGENT.has(trigger)) {
      delay = Math.max(delay, this.#retryAt - Date.now());
    }
    this.#schedule(trigger, delay);
  }

  #schedule(trigger: SyncTrigger, delay: number): void {
    const dueAt = Date.now() + delay;
    // The earliest due run wins: a later request never postpones one already planned.
    if (this.#timer && this.#dueAt <= dueAt) return;
    this.#clearTimer();
    this.#dueAt = dueAt;
    this.#timer = setTimeout(() => void this.#fire(trigger), delay);
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#dueAt = Infinity;
  }

  async #fire(trigger: SyncTrigger): Promise<void> {
    this.#timer = null;
    this.#dueAt = Infinity;
    if (this.#stopped || this.#paused || !this.#options.isOnline()) return;
    this.#running = true;
    this.#options.onRunning?.(true);
    let outcome: SyncOutcome;
    try {
      outcome = await this.#options.run(trigger);
    } catch (error) {
      outcome = { ok: false, kind: 'server', status: 0, message: String(error), stage: 'push' };
    }
    this.#running = false;
    this.#settle(outcome);
    this.#options.onRunning?.(false);
    this.#options.onOutcome?.(outcome, this.#failures);
    const again = this.#again;
    this.#again = null;
    if (again) this.request(again);
  }

  #settle(outcome: SyncOutcome): void {
    if (outcome.ok) {
      this.#failures = 0;
      this.#retryAt = 0;
      return;
    }
    if (outcome.kind === 'unauthorized' || outcome.kind === 'upgrade') {
      this.#paused = outcome.kind;
      return;
    }
    this.#failures += 1;
    const wait = Math.max(
      backoffDelay(this.#failures, this.#options.backoff ?? DEFAULT_BACKOFF),
      outcome.retryAfterMs ?? 0,
    );
    this.#retryAt = Date.now() + wait;
    this.#schedule('retry', wait);
  }
}
