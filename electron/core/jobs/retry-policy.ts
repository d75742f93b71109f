import type { FailureReason } from '../../../shared/domain/job';

export interface RetryPolicy {
  /** Retries after the first attempt (0 = none). */
  max: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1: how much of each delay is randomised (full jitter at 1). */
  jitter: number;
  /** Failures worth another attempt; everything else is final at once. */
  retryOn: readonly FailureReason[];
}

/**
 * When to try again after `attempt` failed attempts (1-based), or null when the failure is final:
 * exponential back-off capped at maxDelayMs, with part of it randomised so a site's devices do not retry in
 * lock-step. `random` is injected (0 ≤ r < 1) so the schedule is testable.
 */
export function nextRetryDelay(
  policy: RetryPolicy,
  failure: { reason: FailureReason; attempt: number },
  random: () => number,
): number | null {
  if (failure.attempt > policy.max || !policy.retryOn.includes(failure.reason)) return null;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failure.attempt - 1));
  const jitter = Number.isFinite(policy.jitter) ? Math.min(1, Math.max(0, policy.jitter)) : 0;
  return Math.round(exponential * (1 - jitter) + exponential * jitter * random());
}
