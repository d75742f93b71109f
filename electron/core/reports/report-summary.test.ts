import { describe, expect, it } from 'vitest';
import { MAX_PROGRESS_POINTS, progressSeries } from './report-summary';

describe('progress over time', () => {
  it('counts devices finished by each end time, one point per distinct time', () => {
    expect(progressSeries([30, 10, 20, 20], 5)).toEqual({
      points: [
        { at: 10, finished: 1 },
        { at: 20, finished: 3 },
        { at: 30, finished: 4 },
      ],
      total: 5,
    });
  });

  it('starts at the run’s start with none finished when that is earlier than the first end', () => {
    expect(progressSeries([10], 1, 4).points).toEqual([
      { at: 4, finished: 0 },
      { at: 10, finished: 1 },
    ]);
    expect(progressSeries([10], 1, 10).points).toEqual([{ at: 10, finished: 1 }]);
  });

  it('thins 10,000 ends to at most 200 points that never rise early and end at the full count', () => {
    const ends = Array.from({ length: 10_000 }, (_, i) => 1_000 + i * 7 + (i % 13));
    const { points } = progressSeries(ends, 10_000, 0);
    expect(points.length).toBeLessThanOrEqual(MAX_PROGRESS_POINTS);
    expect(points[0]).toEqual({ at: 0, finished: 0 });
    expect(points.at(-1)).toEqual({ at: Math.max(...ends), finished: 10_000 });
    for (let i = 1; i < points.length; i += 1) {
      expect(points[i]!.at).toBeGreaterThan(points[i - 1]!.at);
      expect(points[i]!.finished).toBe(ends.filter((t) => t <= points[i]!.at).length);
    }
  });

  it('has no points when nothing has finished', () => {
    expect(progressSeries([], 3, 1)).toEqual({ points: [], total: 3 });
  });
});
