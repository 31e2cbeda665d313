export interface BackoffOptions {
  /** Delay after the first failure. */
  baseMs: number;
  /** No wait is ever longer than this, however many failures in a row. */
  capMs: number;
  /** 0..1; injectable so tests are deterministic. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * How long to wait after `failures` failed syncs in a row: exponential, capped, with
 * "equal jitter" (half fixed, half random) so many phones coming back online at once
 * do not hit the server in lockstep, yet no wait collapses to zero.
 */
export function backoffDelay(failures: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  const random = options.random ?? Math.random;
  const exponent = Math.min(failures - 1, 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
