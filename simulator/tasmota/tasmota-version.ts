/** Compares dotted numeric versions (`14.2.0` vs `14.10.1`); a `(build)` suffix is ignored. */
export function isNewerVersion(candidate: string, current: string): boolean {
  const parts = (v: string): number[] =>
    v
      .replace(/\(.*$/, '')
      .split('.')
      .map((n) => Number.parseInt(n, 10));
  const a = parts(candidate);
  const b = parts(current);
  if (a.some((n) => !Number.isFinite(n))) return false;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}
