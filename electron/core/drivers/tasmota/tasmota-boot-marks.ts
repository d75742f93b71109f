import type { Json } from './tasmota-reply';

/**
 * What tells one boot of a Tasmota device from the next, read from `Status 0` (PROTOCOLS.md §2.3):
 * `StatusPRM.BootCount` (incremented on every boot), `StatusSTS.UptimeSec` (or `StatusPRM.Uptime`),
 * `StatusPRM.RestartReason`, and the firmware `StatusFWR.Version`.
 */
export interface BootMarks {
  bootCount: number | null;
  uptimeSeconds: number | null;
  restartReason: string | null;
  version: string | null;
}

const section = (json: Json, name: string): Json => {
  const value = json[name];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
};

/** `1T02:03:04` (days T hh:mm:ss) → seconds; null when unreadable. */
export function parseUptime(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = /^(?:(\d+)T)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, days, h, m, s] = match;
  return Number(days ?? 0) * 86_400 + Number(h) * 3_600 + Number(m) * 60 + Number(s);
}

export function bootMarks(status0: Json): BootMarks {
  const prm = section(status0, 'StatusPRM');
  const sts = section(status0, 'StatusSTS');
  const fwr = section(status0, 'StatusFWR');
  const uptime = typeof sts.UptimeSec === 'number' ? sts.UptimeSec : parseUptime(prm.Uptime ?? sts.Uptime);
  return {
    bootCount: typeof prm.BootCount === 'number' ? prm.BootCount : null,
    uptimeSeconds: uptime,
    restartReason: typeof prm.RestartReason === 'string' ? prm.RestartReason : null,
    version: typeof fwr.Version === 'string' ? fwr.Version : null,
  };
}

/** Uptime read twice may differ by rounding and by the time each read took; a restart undercuts that. */
const UPTIME_SLACK_SECONDS = 2;

/**
 * True when `after` comes from a later boot than `before`, `secondsBetween` apart. BootCount is the
 * primary evidence (a factory reset may also set it back, so any change counts); otherwise an uptime
 * clearly below what the earlier reading plus the elapsed time predicts. Neither alone is trusted when
 * missing: no evidence is not a restart.
 */
export function hasRestarted(before: BootMarks, after: BootMarks, secondsBetween: number): boolean {
  if (before.bootCount !== null && after.bootCount !== null && after.bootCount !== before.bootCount) {
    return true;
  }
  if (before.uptimeSeconds === null || after.uptimeSeconds === null) return false;
  return after.uptimeSeconds < before.uptimeSeconds + secondsBetween - UPTIME_SLACK_SECONDS;
}

/** The numeric part of `StatusFWR.Version`: `14.3.0(release-tasmota)` → `14.3.0` (what images declare). */
export function firmwareNumber(version: string): string {
  return version.split('(')[0]!.trim();
}

/** One line about a boot for summaries: `BootCount 4, uptime 1 s, RestartReason "Software/System restart"`. */
export function describeBoot(marks: BootMarks): string {
  const parts: string[] = [];
  if (marks.bootCount !== null) parts.push(`BootCount ${marks.bootCount}`);
  if (marks.uptimeSeconds !== null) parts.push(`uptime ${marks.uptimeSeconds} s`);
  if (marks.restartReason !== null) parts.push(`RestartReason ${JSON.stringify(marks.restartReason)}`);
  return parts.join(', ');
}
