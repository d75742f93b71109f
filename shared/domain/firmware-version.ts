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

/**
 * The version without Tasmota's build name: `14.2.0(release-tasmota)` → `14.2.0`; ESP32 Solo1 builds append
 * `single-core` after the parenthesis (tasmota_support/support_command.ino, CmndStatus: `Version` is
 * `%s(%s)%s` with GetCodeCores()), which goes too. A leading `v` is dropped.
 */
function withoutBuildName(raw: string): string {
  return raw.replace(/\(.*$/, '').trim().replace(/^v/i, '');
}

function normalise(raw: string): string | null {
  const bare = withoutBuildName(raw);
  const exact = semver.valid(bare);
  if (exact) return exact;
  return semver.coerce(bare)?.version ?? null;
}

const NUMBERED = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]*)?$/;

/**
 * Orders two firmware versions of one family: negative when `a` is older, 0 when the same, positive when
 * newer; null when either cannot be read (then nothing may be decided from it). Up to four numeric parts:
 * Tasmota development and patched builds add a fourth (`14.3.0.4` is after `14.3.0` and before `14.4.0`;
 * tasmota/tasmota.ino setup(): `%d.%d.%d` then `.%d` when the low byte of TASMOTA_VERSION is set). A
 * pre-release (Shelly `1.5.0-beta2`) comes before its release, as in semver; build names are ignored.
 */
export function compareFirmwareVersions(a: string, b: string): number | null {
  const x = NUMBERED.exec(withoutBuildName(a));
  const y = NUMBERED.exec(withoutBuildName(b));
  if (!x || !y) return null;
  for (let part = 1; part <= 4; part++) {
    const diff = Number(x[part] ?? 0) - Number(y[part] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return semver.compare(`0.0.0${x[5] ?? ''}`, `0.0.0${y[5] ?? ''}`);
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

/** Whether a device reporting `running` has `version` (`14.2.0(tasmota)` runs 14.2.0; 14.3.0.4 is not 14.3.0). */
export function isSameFirmwareVersion(running: string, version: string): boolean {
  const order = compareFirmwareVersions(running, version);
  return order === null ? running.trim() === version.trim() : order === 0;
}
