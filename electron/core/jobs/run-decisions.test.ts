import { describe, expect, it } from 'vitest';
import { JobPolicySchema } from '../../../shared/domain/job';
import { gateDecision } from './run-decisions';

const policy = (canary: boolean, advance: 'auto' | 'manual' = 'auto') =>
  JobPolicySchema.parse({
    canary: canary ? { count: 1 } : null,
    waveGate: { successPercent: 80, advance },
  });

describe('gateDecision', () => {
  it('names the gated wave as the wave list does, with a canary (index 2 is "Wave 2", not "wave 3")', () => {
    expect(gateDecision(policy(true), 2, { succeeded: 3, failed: 2 })).toEqual({
      type: 'pause',
      reason: 'wave-gate',
      message: 'Wave 2: 60 % succeeded, below the gate of 80 %',
    });
  });

  it('names the gated wave by index + 1 without a canary', () => {
    expect(gateDecision(policy(false), 1, { succeeded: 3, failed: 2 })).toMatchObject({
      message: 'Wave 2: 60 % succeeded, below the gate of 80 %',
    });
  });

  it('says which wave a click on "Next wave" starts at a manual gate', () => {
    expect(gateDecision(policy(true, 'manual'), 0, { succeeded: 1, failed: 0 })).toMatchObject({
      message: 'Canary done (100 % succeeded): click “Next wave” to start Wave 1',
    });
  });

  it('opens the next wave by itself when the gate is met and advance is auto', () => {
    expect(gateDecision(policy(true), 1, { succeeded: 5, failed: 0 })).toEqual({
      type: 'open-wave',
      wave: 2,
    });
  });
});
