import type { DeviceCounters } from '../control/device-counters';
import type { TasmotaIdentity } from './tasmota-identity';
import type { TasmotaSettings } from './tasmota-settings';

/** What status, discovery and commands read from (and do to) a running Tasmota device. */
export interface TasmotaRuntime {
  readonly identity: TasmotaIdentity;
  settings: TasmotaSettings;
  /** Numeric firmware version (`14.2.0`); `StatusFWR.Version` adds `(<build>)`. */
  readonly swVersion: string;
  readonly build: string;
  readonly restartReason: string;
  readonly mqttConnected: boolean;
  readonly mqttCount: number;
  readonly counters: DeviceCounters;
  uptimeSeconds(): number;
  /** When the current boot started (StatusPRM.StartupUTC). */
  readonly bootedAt: Date;
  /** Restarts after the reply went out (Restart 1, settings that need a restart). */
  scheduleRestart(reason: string): void;
  /** Starts `Upgrade` from `url` in the background; false if one is running already. */
  startUpgrade(url: string): boolean;
  /** Counts a settings write (SaveCount, configWrites). */
  configWritten(): void;
  factoryReset(level: number): void;
}

export function versionString(runtime: Pick<TasmotaRuntime, 'swVersion' | 'build'>): string {
  return `${runtime.swVersion}(${runtime.build})`;
}

/** `0T01:02:03`: days, then HH:MM:SS. */
export function uptimeString(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  const hh = String(Math.floor(rest / 3600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3600) / 60)).padStart(2, '0');
  const ss = String(rest % 60).padStart(2, '0');
  return `${days}T${hh}:${mm}:${ss}`;
}

/** Offset of the configured Timezone in minutes (99 = rules; the simulator uses UTC then). */
export function timezoneMinutes(timezone: string | 99): number {
  if (timezone === 99) return 0;
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(timezone);
  if (match === null) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** Device-local time as `YYYY-MM-DDTHH:MM:SS` (no zone, as Tasmota prints it). */
export function localIso(date: Date, timezone: string | 99): string {
  return new Date(date.getTime() + timezoneMinutes(timezone) * 60_000).toISOString().slice(0, 19);
}
