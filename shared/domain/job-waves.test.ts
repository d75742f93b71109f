import { describe, expect, it } from 'vitest';
import { waveName, waveState, type WaveRunFacts } from './job-waves';

const run = (over: Partial<WaveRunFacts> = {}): WaveRunFacts => ({
  state: 'running',
  pauseReason: null,
  currentWave: 1,
  ...over,
});

describe('waveName', () => {
  it.each([
    [0, true, 'Canary'],
    [1, true, 'Wave 1'],
    [2, true, 'Wave 2'],
    [0, false, 'Wave 1'],
    [2, false, 'Wave 3'],
  ])('names wave index %i (canary: %s) "%s"', (index, hasCanary, name) => {
    expect(waveName(index, hasCanary)).toBe(name);
  });
});

describe('waveState', () => {
  const half = { size: 4, ended: 2 };
  it.each([
    ['a wave the run moved past', 0, run(), half, 'done'],
    ['the current wave with work left', 1, run(), half, 'open'],
    ['the current wave with every device ended', 1, run(), { size: 4, ended: 4 }, 'done'],
    ['a wave after the current one', 2, run(), half, 'pending'],
    ['the current wave at the gate', 1, run({ state: 'paused', pauseReason: 'wave-gate' }), half, 'gated'],
    [
      'the current wave paused by the technician',
      1,
      run({ state: 'paused', pauseReason: 'user' }),
      half,
      'open',
    ],
    ['a later wave of a completed run', 2, run({ state: 'completed' }), { size: 3, ended: 0 }, 'done'],
    ['the current wave of a canceled run', 1, run({ state: 'canceled' }), half, 'done'],
  ] as const)('%s is %s', (_what, index, facts, tally, state) => {
    expect(waveState(index, facts, tally)).toBe(state);
  });
});
