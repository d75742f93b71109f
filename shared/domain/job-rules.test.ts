import { describe, expect, it } from 'vitest';
import type { DeviceId } from './device';
import { blankExecution, type ExecutionSummary } from './job';
import {
  isActiveExecution,
  isTerminalJob,
  isUnfinishedJob,
  summarize,
  UNFINISHED_JOB_STATES,
  waveState,
  waveSummaries,
  type WaveRunFacts,
} from './job-rules';

const run = (over: Partial<WaveRunFacts> = {}): WaveRunFacts => ({
  state: 'running',
  pauseReason: null,
  currentWave: 1,
  ...over,
});

let devices = 0;
const exec = (wave: number, over: Partial<ExecutionSummary> = {}): ExecutionSummary => ({
  ...blankExecution(`mac:${devices++}` as DeviceId, 'd', wave, 1),
  ...over,
});

describe('job states', () => {
  it('calls a job unfinished until it completed or was canceled', () => {
    expect(UNFINISHED_JOB_STATES).toEqual(['scheduled', 'running', 'paused', 'canceling']);
    expect(isUnfinishedJob('canceling')).toBe(true);
    expect(isTerminalJob('completed')).toBe(true);
    expect(isUnfinishedJob('canceled')).toBe(false);
  });

  it('counts queued, running and re-verified work as active unless held', () => {
    expect(isActiveExecution({ state: 'unknown', held: false })).toBe(true);
    expect(isActiveExecution({ state: 'queued', held: true })).toBe(false);
    expect(isActiveExecution({ state: 'waiting-offline', held: false })).toBe(false);
  });
});

describe('summarize', () => {
  it('counts states and tallies each wave, failures per reason included', () => {
    const t = summarize([
      exec(0, { state: 'succeeded' }),
      exec(0, { state: 'timed-out', reason: 'timeout' }),
      exec(1, { state: 'failed', reason: 'unreachable' }),
      exec(1, { state: 'queued', held: true }),
      exec(1, { state: 'running' }),
    ]);
    expect(t.total).toBe(5);
    expect(t.counts).toMatchObject({ succeeded: 1, 'timed-out': 1, failed: 1, queued: 1, running: 1 });
    expect(t.waves).toEqual([
      { size: 2, ended: 2, active: 0, succeeded: 1, failed: 1 },
      { size: 3, ended: 1, active: 1, succeeded: 0, failed: 1 },
    ]);
    expect(t.failedByReason).toEqual({ timeout: 1, unreachable: 1 });
  });

  it('takes a storage group of n alike executions as n executions', () => {
    const one = { state: 'skipped', held: false, wave: 2, reason: null } as const;
    expect(summarize([{ ...one, n: 3 }])).toEqual(summarize([one, one, one]));
  });

  it('shows a wave with no device as empty (wave numbers are positions)', () => {
    expect(summarize([exec(1)]).waves[0]).toEqual({ size: 0, ended: 0, active: 0, succeeded: 0, failed: 0 });
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

  it('names the canary only as wave 0 of a job that has one', () => {
    const tallies = summarize([exec(0), exec(1)]).waves;
    expect(waveSummaries(tallies, run({ currentWave: 0 }), true)).toEqual([
      { index: 0, canary: true, size: 1, state: 'open' },
      { index: 1, canary: false, size: 1, state: 'pending' },
    ]);
    expect(waveSummaries(tallies, run({ currentWave: 0 }), false)[0]!.canary).toBe(false);
  });
});
