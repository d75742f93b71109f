import { describe, expect, it } from 'vitest';
import { waveName } from './job-waves';

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
