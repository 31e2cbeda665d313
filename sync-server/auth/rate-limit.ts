/**
 * Counts failures per key (an IP, an account, a user guessing invite codes) in a sliding
 * window. In memory: losing it on restart only resets the counters, and each sync-server of
 * several counts its own.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.maxFailures) return 0;
    const oldest = recent[recent.length - this.maxFailures] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > 100_000) this.sweep(now);
  }

  /** Takes back one failure counted at `at` (an attempt that turned out not to fail). */
  undo(key: string, at: number): void {
    const times = this.failures.get(key);
    const index = times?.lastIndexOf(at) ?? -1;
    if (!times || index < 0) return;
    times.splice(index, 1);
    if (times.length === 0) this.failures.delete(key);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }

  private sweep(now: number): void {
    for (const [key, times] of this.failures) {
      if (times.every((at) => at <= now - this.windowMs)) this.failures.delete(key);
    }
  }
}

export type Attempt = { wait: number } | { wait: 0; undo: () => void };

/**
 * Starts an attempt that may fail, counted against every `[limiter, key]` BEFORE its outcome
 * is known: parallel attempts each see the ones still in flight, so a burst gets no more
 * than the limit through. Answers the seconds to wait instead when any key is over its
 * limit; otherwise `undo` takes the attempt back once it turned out not to be a failure.
 */
export function beginAttempt(
  limits: ReadonlyArray<readonly [FailureLimiter, string]>,
  now = Date.now(),
): Attempt {
  const wait = Math.max(0, ...limits.map(([limiter, key]) => limiter.retryAfter(key, now)));
  if (wait > 0) return { wait };
  for (const [limiter, key] of limits) limiter.fail(key, now);
  let undone = false;
  return {
    wait: 0,
    undo() {
      if (undone) return;
      undone = true;
      for (const [limiter, key] of limits) limiter.undo(key, now);
    },
  };
}
