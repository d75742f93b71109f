/** When to try a failing target again. */
export interface BackoffPolicy {
  /** Delay before attempt `failures + 1`, given `failures` (≥ 1) failed attempts in a row. */
  delayMs(failures: number): number;
}

export interface ExponentialBackoffOptions {
  /** First delay. Default 1 s. */
  baseMs?: number;
  /** Cap. Default 5 min. */
  maxMs?: number;
  /** 0 ≤ r < 1; injected so the schedule is testable. Default Math.random. */
  random?: () => number;
}

/**
 * Exponential back-off with "equal jitter": half of each delay is fixed and half random, so many laptops
 * coming back online at once do not retry in lock-step, yet a delay never collapses to zero.
 */
export function exponentialBackoff(options: ExponentialBackoffOptions = {}): BackoffPolicy {
  const baseMs = options.baseMs ?? 1_000;
  const maxMs = options.maxMs ?? 300_000;
  const random = options.random ?? Math.random;
  return {
    delayMs(failures) {
      const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
      return Math.round(exponential / 2 + (exponential / 2) * random());
    },
  };
}
