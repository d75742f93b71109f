import semver from 'semver';

/**
 * Firmware versions of every family as semver, for ranges like "<14.0.0": Shelly `1.5.0-beta2` as is,
 * Tasmota `14.2.0(release-tasmota)` without the build name, ESPHome CalVer `2025.8.0` as is, a leading `v`
 * dropped. Null when nothing version-like is there.
 */
export function toSemver(raw: string): string | null {
  const withoutBuild = raw
    .replace(/\(.*\)\s*$/, '')
    .trim()
    .replace(/^v/i, '');
  const exact = semver.valid(withoutBuild);
  if (exact) return exact;
  return semver.coerce(withoutBuild)?.version ?? null;
}

/** Whether `range` is a semver range we can evaluate (e.g. `<14`, `>=1.4.0 <1.5.0`, `1.x`). */
export function isValidVersionRange(range: string): boolean {
  return semver.validRange(range) !== null;
}

export function satisfiesRange(version: string | null, range: string): boolean {
  return version !== null && semver.satisfies(version, range, { includePrerelease: true });
}
