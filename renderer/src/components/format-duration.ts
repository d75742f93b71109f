/** A duration in the largest units that matter: "45 s", "3 min", "2 h 5 min", "1 d 4 h". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest === 0 || minutes >= 10 ? `${minutes} min` : `${minutes} min ${rest} s`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/**
 * A typed duration in milliseconds: `90 s`, `5 min`, `1 h 30 min`, `1.5h`, `2d`; null when it cannot be read.
 * A number needs its unit (is `5` seconds or minutes?), except 0.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (/^0+(\.0*)?$/.test(trimmed)) return 0;
  const part = /(\d+(?:[.,]\d+)?)\s*([a-z]+)\s*/gy;
  let total = 0;
  let end = 0;
  for (let match = part.exec(trimmed); match; match = part.exec(trimmed)) {
    const unit = UNIT_MS[match[2]!];
    if (unit === undefined) return null;
    total += Number(match[1]!.replace(',', '.')) * unit;
    end = part.lastIndex;
  }
  return end > 0 && end === trimmed.length ? Math.round(total) : null;
}

/** A duration exactly, for a field to start with: `1 h 30 min`, `90 ms`; parseDuration reads it back. */
export function durationText(ms: number): string {
  if (ms === 0) return '0 s';
  if (ms % 1000 !== 0) return `${ms} ms`;
  const parts: string[] = [];
  let seconds = ms / 1000;
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ] as const) {
    const count = Math.floor(seconds / size);
    if (count > 0) parts.push(`${count} ${unit}`);
    seconds -= count * size;
  }
  return parts.join(' ');
}
