import { describe, expect, it } from 'vitest';
import { abortVerdict, type AbortCriteria } from './abort-criteria';

const criteria: AbortCriteria = { failurePercent: 20, minExecuted: 5, action: 'pause' };

describe('abortVerdict', () => {
  it('waits for the minimum number of executed devices', () => {
    expect(abortVerdict(criteria, { succeeded: 0, failed: 4, byReason: {} })).toBeNull();
    expect(abortVerdict(criteria, { succeeded: 0, failed: 5, byReason: {} })).toMatchObject({
      action: 'pause',
    });
  });

  it('needs the threshold exceeded, not met', () => {
    expect(abortVerdict(criteria, { succeeded: 8, failed: 2, byReason: {} })).toBeNull();
    expect(abortVerdict(criteria, { succeeded: 7, failed: 2, byReason: {} })).toMatchObject({
      why: '22.2 % failed (limit 20 %) after 9 devices',
    });
  });

  it('applies tighter per-reason limits first', () => {
    const strict = { ...criteria, perReason: { 'not-verified': 0 } };
    expect(abortVerdict(strict, { succeeded: 9, failed: 1, byReason: { 'not-verified': 1 } })).toMatchObject({
      why: '10.0 % failed with not-verified (limit 0 %) after 10 devices',
    });
    expect(abortVerdict(strict, { succeeded: 9, failed: 1, byReason: { timeout: 1 } })).toBeNull();
  });

  it('does nothing without criteria', () => {
    expect(abortVerdict(null, { succeeded: 0, failed: 100, byReason: {} })).toBeNull();
  });
});
