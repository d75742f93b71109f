import semver from 'semver';

/**
 * Firmware versions of every family as semver, for ranges like "<14.0.0": Shelly `1.5.0-beta2` as is,
 * Tasmota `14.2.0(release-tasmota)` without the build name, ESPHome CalVer `2025.8.0` as is, a leading `v`
 * dropped. Null when nothing version-like is there.
 */
export function toSemver(raw: string): string | null {
  let known = normalised.get(raw);
  if (known === undefined) {
    known = normalise(raw);
    // A fleet has a handful of versions; the bound only guards against a flood of junk strings.
    if (normalised.size > 1_000) normalised.clear();
    normalised.set(raw, known);
  }
  return known;
}

const normalised = new Map<string, string | null>();

function normalise(raw: string): string | null {
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

/**
 * A range compiled once, answering per distinct version once: a fleet has thousands of devices but only a
 * handful of firmware versions, and semver re-parses its arguments on every `satisfies` call.
 */
export function compileVersionRange(range: string): (version: string | null) => boolean {
  const compiled = new semver.Range(range, { includePrerelease: true });
  const answers = new Map<string, boolean>();
  return (version) => {
    if (version === null) return false;
    let answer = answers.get(version);
    if (answer === undefined) {
      answer = compiled.test(version);
      answers.set(version, answer);
    }
    return answer;
  };
}
