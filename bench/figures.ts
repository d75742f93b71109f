/** The middle value (the upper one of the two for an even count); throws on an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Three decimals: enough for ratios and seconds, short in a JSON line. */
export const round3 = (n: number) => Math.round(n * 1000) / 1000;
