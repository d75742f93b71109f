import { describe, expect, it } from 'vitest';
import { counts, job } from '../../test-support/fixtures';
import { runStats } from './run-stats';

const MINUTE = 60_000;

describe('run stats', () => {
  it('measures devices worked per minute since the start, and the time left at that pace', () => {
    const running = job('job_stats0001', {
      total: 100,
      startedAt: 0,
      counts: counts({ succeeded: 15, failed: 3, 'timed-out': 2, skipped: 10, running: 5, queued: 65 }),
    });
    expect(runStats(running, 10 * MINUTE)).toEqual({
      finished: 30,
      total: 100,
      perMinute: 2,
      etaMs: 35 * MINUTE,
    });
  });

  it('has no pace before the first outcome, and no ETA while paused or when done', () => {
    const starting = job('job_stats0002', { total: 4, startedAt: 0, counts: counts({ running: 4 }) });
    expect(runStats(starting, MINUTE)).toMatchObject({ perMinute: null, etaMs: null });
    const paused = { ...starting, state: 'paused' as const, counts: counts({ succeeded: 2, queued: 2 }) };
    expect(runStats(paused, MINUTE)).toMatchObject({ perMinute: 2, etaMs: null });
    const done = {
      ...starting,
      state: 'completed' as const,
      finishedAt: 2 * MINUTE,
      counts: counts({ succeeded: 4 }),
    };
    expect(runStats(done, 60 * MINUTE)).toEqual({ finished: 4, total: 4, perMinute: 2, etaMs: null });
  });

  it('has no pace for a job that has not started', () => {
    const scheduled = job('job_stats0003', {
      state: 'scheduled',
      startedAt: null,
      counts: counts({ queued: 2 }),
    });
    expect(runStats(scheduled, MINUTE)).toMatchObject({ finished: 0, perMinute: null, etaMs: null });
  });
});
