import { timezoneMinutes } from './tasmota-runtime';

/** `HH:MM:SS.mmm` in device-local time (§2.5). */
export function logTime(date: Date, timezone: string | 99): string {
  return new Date(date.getTime() + timezoneMinutes(timezone) * 60_000).toISOString().slice(11, 23);
}

/** One console line: `HH:MM:SS.mmm TAG: text`, terminated by CR LF as the firmware prints it. */
export function logLine(tag: string, text: string, timezone: string | 99, now = new Date()): string {
  return `${logTime(now, timezone)} ${tag}: ${text}\r\n`;
}
