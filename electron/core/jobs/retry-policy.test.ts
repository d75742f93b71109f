import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRetryDelay, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = {
  max: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 5_000,
  jitter: 0,
  retryOn: ['timeout', 'unreachable'],
};

describe('nextRetryDelay', () => {
  it('doubles up to the cap, then gives up after max retries', () => {
    expect(
      [1, 2, 3, 4].map((attempt) => nextRetryDelay(policy, { reason: 'timeout', attempt }, () => 0.5)),
    ).toEqual([1_000, 2_000, 4_000, null]);
    expect(nextRetryDelay({ ...policy, max: 10 }, { reason: 'timeout', attempt: 6 }, () => 0.5)).toBe(5_000);
  });

  it('never retries a failure that is not listed', () => {
    expect(nextRetryDelay(policy, { reason: 'not-verified', attempt: 1 }, () => 0)).toBeNull();
    expect(nextRetryDelay({ ...policy, max: 0 }, { reason: 'timeout', attempt: 1 }, () => 0)).toBeNull();
  });

  it('keeps jittered delays within [delay·(1−jitter), delay]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (attempt, jitter, r) => {
          const delay = nextRetryDelay({ ...policy, jitter }, { reason: 'unreachable', attempt }, () => r)!;
          const full = Math.min(5_000, 1_000 * 2 ** (attempt - 1));
          expect(delay).toBeGreaterThanOrEqual(Math.floor(full * (1 - jitter)));
          expect(delay).toBeLessThanOrEqual(full);
        },
      ),
    );
  });
});
