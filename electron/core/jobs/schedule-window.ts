/** Daily window in the laptop's local time; `from` after `to` spans midnight (22:00–06:00). */
export interface DailyWindow {
  from: string;
  to: string;
}

const MINUTE = 60_000;
const parse = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** Minutes since local midnight; injected in tests so they do not depend on the machine's time zone. */
export type LocalClock = (epochMs: number) => number;
export const systemLocalMinutes: LocalClock = (epochMs) => {
  const d = new Date(epochMs);
  return d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;
};

export function isInWindow(
  epochMs: number,
  window: DailyWindow,
  local: LocalClock = systemLocalMinutes,
): boolean {
  const now = local(epochMs);
  const from = parse(window.from);
  const to = parse(window.to);
  return from <= to ? now >= from && now < to : now >= from || now < to;
}

/** The first moment at or after `now` when work may start: after `startAt` and inside the window, if any. */
export function nextAllowedTime(
  now: number,
  schedule: { startAt?: number | null; window?: DailyWindow | null },
  local: LocalClock = systemLocalMinutes,
): number {
  const earliest = Math.max(now, schedule.startAt ?? now);
  const window = schedule.window;
  if (!window || isInWindow(earliest, window, local)) return earliest;
  const wait = (parse(window.from) - local(earliest) + 24 * 60) % (24 * 60);
  return earliest + Math.ceil(wait * MINUTE);
}
