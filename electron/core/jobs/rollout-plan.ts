/**
 * How a job's devices are split into waves: an optional canary wave first, then waves by size or by
 * percentage of what is left; the last wave takes the remainder. Pure; the order of `devices` is kept.
 */
export interface RolloutShape {
  canary?: { count?: number; percent?: number } | null;
  /** Sizes of the waves after the canary; the remainder becomes one more wave. */
  waveSizes?: readonly number[];
  /** Or percentages of the devices after the canary (each rounded up, at least 1). */
  wavePercents?: readonly number[];
}

export function planWaves<T>(devices: readonly T[], shape: RolloutShape): T[][] {
  const waves: T[][] = [];
  let rest = [...devices];
  const take = (n: number) => {
    const size = Math.max(0, Math.min(rest.length, Math.round(n)));
    if (size > 0) waves.push(rest.slice(0, size));
    rest = rest.slice(size);
  };
  if (shape.canary) {
    const { count, percent } = shape.canary;
    take(count ?? Math.max(1, Math.ceil((devices.length * (percent ?? 0)) / 100)));
  }
  const afterCanary = rest.length;
  for (const size of shape.waveSizes ?? []) take(size);
  for (const percent of shape.wavePercents ?? []) take(Math.max(1, Math.ceil((afterCanary * percent) / 100)));
  if (rest.length > 0) waves.push(rest);
  return waves;
}
