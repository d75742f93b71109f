import { describe, expect, it } from 'vitest';
import { JobPolicySchema, type ExecutionSummary } from '../../../shared/domain/job';
import { estimateEta, type EtaRun } from './eta-estimator';

const S = 1_000;
const NOW = 100 * S;

type Exec = Pick<
  ExecutionSummary,
  'state' | 'wave' | 'held' | 'startedAt' | 'finishedAt' | 'notBefore' | 'updatedAt'
>;
const base: Exec = {
  state: 'queued',
  wave: 0,
  held: false,
  startedAt: null,
  finishedAt: null,
  notBefore: null,
  updatedAt: 0,
};
const done = (ms: number, over: Partial<Exec> = {}): Exec => ({
  ...base,
  state: 'succeeded',
  startedAt: 0,
  finishedAt: ms,
  ...over,
});
const running = (sinceMs: number): Exec => ({ ...base, state: 'running', startedAt: NOW - sinceMs });
const queued = (over: Partial<Exec> = {}): Exec => ({ ...base, ...over });
const times = (n: number, make: () => Exec) => Array.from({ length: n }, make);

function runOf(over: Partial<EtaRun> = {}, policy: Record<string, unknown> = {}): EtaRun {
  return {
    now: NOW,
    state: 'running',
    pauseReason: null,
    currentWave: 0,
    waveCount: 1,
    // Just started: no slot time lost between devices yet, unless a test says so.
    startedAt: NOW - S,
    activeSince: 0,
    policy: JobPolicySchema.parse({ concurrency: 2, ...policy }),
    ...over,
  };
}

describe('estimateEta', () => {
  it.each([
    [
      'two slots, 10 s each, 4 queued: two rounds',
      runOf(),
      [...times(2, () => done(10 * S)), ...times(4, queued)],
      20 * S,
    ],
    [
      // 4 s in: three finished devices took 10 s, itself counts as 6 s (half-way): 5 s more, then the queued one.
      'a running device needs what the devices that got as far needed beyond its time so far',
      runOf({}, { concurrency: 1 }),
      [...times(3, () => done(10 * S)), running(4 * S), queued()],
      14 * S,
    ],
    [
      'a retry back-off delays the device until its notBefore',
      runOf({}, { concurrency: 1 }),
      [done(10 * S), queued({ notBefore: NOW + 30 * S })],
      40 * S,
    ],
    [
      'a rate limit spaces the starts',
      runOf({}, { concurrency: 10, ratePerMinute: 6 }),
      [done(S), ...times(3, queued)],
      21 * S,
    ],
    [
      'an auto-gated later wave starts only after the current one ends',
      runOf({ waveCount: 2 }, { concurrency: 4 }),
      [done(10 * S), running(5 * S), queued({ wave: 1 })],
      12.5 * S,
    ],
    [
      'a manual gate ends the estimate at the current wave',
      runOf({ waveCount: 2 }, { concurrency: 4, waveGate: { advance: 'manual' } }),
      [done(10 * S), running(5 * S), queued({ wave: 1 })],
      3.75 * S,
    ],
    [
      'nothing left but offline devices: no work, only waiting',
      runOf(),
      [done(10 * S), { ...base, state: 'waiting-offline' as const }],
      0,
    ],
  ])('%s', (_what, run, execs, workMs) => {
    expect(estimateEta(run, execs).workMs).toBeCloseTo(workMs, -1);
  });

  it('replays slow devices as slow: a mix of 1 s and 10 s devices takes the slow share into account', () => {
    const seen = [...times(8, () => done(S)), ...times(2, () => done(10 * S))];
    const eta = estimateEta(runOf({}, { concurrency: 10 }), [...seen, ...times(100, queued)]);
    // 100 devices, 2.8 s on average, on 10 slots: about 28 s, not the 10 s the fast devices alone suggest.
    expect(eta.workMs! / S).toBeGreaterThan(25);
    expect(eta.workMs! / S).toBeLessThan(34);
  });

  it('stretches the replay by the slot time lost between devices so far (starting them, a busy machine)', () => {
    // Two slots for 20 s: 30 s of device work in 40 s of slot time.
    const run = runOf({ startedAt: NOW - 20 * S });
    const execs = [...times(3, () => done(10 * S)), ...times(4, queued)];
    expect(estimateEta(run, execs).workMs).toBeCloseTo((20 * S) / 0.75, -1);
    // A rate limit leaves slots idle on purpose: it is replayed, not stretched.
    const limited = runOf({ startedAt: NOW - 20 * S }, { ratePerMinute: 600 });
    expect(estimateEta(limited, execs).workMs).toBeCloseTo(20 * S, -3);
  });

  it('counts a device running longer than any finished one as overdue and half-way', () => {
    const eta = estimateEta(runOf({}, { concurrency: 1 }), [done(2 * S), running(60 * S)]);
    expect(eta).toMatchObject({ overdue: 1, workMs: 30 * S });
  });

  it('says what it waits for: offline devices up to their deadline, held devices, a manual gate', () => {
    const run = runOf(
      { activeSince: 0, waveCount: 2 },
      { offline: { mode: 'defer', deadlineMs: 3_600_000 }, waveGate: { advance: 'manual' } },
    );
    const offline = (since: number): Exec => ({ ...base, state: 'waiting-offline', updatedAt: since });
    const eta = estimateEta(run, [
      done(S),
      offline(NOW - 600 * S),
      offline(NOW - 60 * S),
      offline(NOW - 60 * S),
      queued({ held: true }),
      queued({ wave: 1 }),
    ]);
    expect(eta).toEqual({
      at: NOW,
      workMs: 0,
      offline: { devices: 3, upToMs: 3_540 * S },
      held: 1,
      stopsAt: 'gate',
      overdue: 0,
    });
  });

  it('has no time before the first device finished, and says when a pause stops the run', () => {
    const paused = runOf({ state: 'paused', pauseReason: 'user' });
    expect(estimateEta(paused, [running(5 * S), queued()])).toMatchObject({ workMs: null, stopsAt: 'pause' });
  });

  it('never counts offline deadlines from before this process took the run over', () => {
    const run = runOf({ activeSince: NOW - 10 * S }, { offline: { mode: 'defer', deadlineMs: 60 * S } });
    const eta = estimateEta(run, [done(S), { ...base, state: 'waiting-offline', updatedAt: 0 }]);
    expect(eta.offline).toEqual({ devices: 1, upToMs: 50 * S });
  });
});
