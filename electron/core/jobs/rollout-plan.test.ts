import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWaves } from './rollout-plan';

const ids = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('planWaves', () => {
  it('puts everything in one wave without a shape', () => {
    expect(planWaves(ids(5), {})).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('runs a canary first, then sized waves, the remainder last', () => {
    expect(planWaves(ids(10), { canary: { count: 1 }, waveSizes: [3, 3] })).toEqual([
      [0],
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
  });

  it('splits by percentages of the devices after the canary', () => {
    expect(planWaves(ids(21), { canary: { percent: 5 }, wavePercents: [50] }).map((w) => w.length)).toEqual([
      2, 10, 9,
    ]);
  });

  it('never loses, duplicates or reorders a device, and makes no empty wave', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.option(
          fc.record({
            count: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
            percent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
          }),
          { nil: null },
        ),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 4 }),
        (n, canary, waveSizes, wavePercents) => {
          const waves = planWaves(ids(n), { canary, waveSizes, wavePercents });
          expect(waves.flat()).toEqual(ids(n));
          expect(waves.every((w) => w.length > 0)).toBe(true);
        },
      ),
    );
  });
});
