const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** `250ms`, `1.5s`, `2m`, or a bare number of milliseconds. Returns undefined when malformed. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (match === null) return undefined;
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']);
}

/** `200-800ms` or `300ms` (then min = max); the unit after the range applies to both ends. */
export function parseDurationRange(text: string): { minMs: number; maxMs: number } | undefined {
  const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (match === null) {
    const single = parseDurationMs(text);
    return single === undefined ? undefined : { minMs: single, maxMs: single };
  }
  const unit = UNITS[match[3] ?? 'ms'];
  const minMs = Math.round(Number(match[1]) * unit);
  const maxMs = Math.round(Number(match[2]) * unit);
  return minMs <= maxMs ? { minMs, maxMs } : undefined;
}
