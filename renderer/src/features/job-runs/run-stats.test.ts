import { describe, expect, it } from 'vitest';
import type { JobEta } from '../../../../shared/domain/job-eta';
import { counts, job } from '../../../../test-support/renderer/fixtures';
import { etaWords, runStats } from './run-stats';

const MINUTE = 60_000;

describe('run stats', () => {
  it('measures devices worked per minute since the start', () => {
    const running = job('job_stats0001', {
      total: 100,
      startedAt: 0,
      counts: counts({ succeeded: 15, failed: 3, 'timed-out': 2, skipped: 10, running: 5, queued: 65 }),
    });
    expect(runStats(running, 10 * MINUTE)).toEqual({ finished: 30, total: 100, perMinute: 2 });
  });

  it('has no pace before the first outcome or before the start, and stops the clock when done', () => {
    const starting = job('job_stats0002', { total: 4, startedAt: 0, counts: counts({ running: 4 }) });
    expect(runStats(starting, MINUTE)).toMatchObject({ perMinute: null });
    const scheduled = { ...starting, startedAt: null, counts: counts({ queued: 4 }) };
    expect(runStats(scheduled, MINUTE)).toMatchObject({ finished: 0, perMinute: null });
    const done = { ...starting, finishedAt: 2 * MINUTE, counts: counts({ succeeded: 4 }) };
    expect(runStats(done, 60 * MINUTE)).toEqual({ finished: 4, total: 4, perMinute: 2 });
  });
});

describe('etaWords', () => {
  const eta = (over: Partial<JobEta> = {}): JobEta => ({
    at: 0,
    workMs: 12 * MINUTE,
    offline: null,
    held: 0,
    stopsAt: null,
    overdue: 0,
    ...over,
  });

  it.each([
    ['nothing from main', null, 0, ''],
    ['the time left, counted down since main estimated it', eta(), 2 * MINUTE, 'About 10 min left'],
    ['no pace yet', eta({ workMs: null }), 0, 'Time left known once the first devices finish'],
    ['an estimate that ran out', eta(), 13 * MINUTE, 'Finishing the last devices'],
    [
      'only offline devices left: what it waits for, not "about 5 s left"',
      eta({ workMs: 0, offline: { devices: 3, upToMs: 60 * MINUTE } }),
      0,
      'Waiting for 3 offline devices, up to 1 h',
    ],
    [
      'work, slow and offline devices together',
      eta({ overdue: 1, offline: { devices: 1, upToMs: 30 * MINUTE } }),
      MINUTE,
      'About 11 min left; 1 slow device taking longer than any before; waiting for 1 offline device, up to 29 min',
    ],
    [
      'a manual gate ahead',
      eta({ workMs: 3 * MINUTE, stopsAt: 'gate' }),
      0,
      'About 3 min left in this wave; then the gate waits for your click on “Next wave”',
    ],
    [
      'at the gate, nothing left to run before it',
      eta({ workMs: 0, stopsAt: 'gate' }),
      0,
      'Waiting for your click on “Next wave”',
    ],
    [
      'a pause, with held devices',
      eta({ stopsAt: 'pause', held: 2 }),
      0,
      'About 12 min of work left once resumed; 2 held devices waiting for you',
    ],
  ])('%s', (_what, given, now, words) => {
    expect(etaWords(given, now)).toBe(words);
  });
});
