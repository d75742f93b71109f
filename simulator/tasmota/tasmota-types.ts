import type { DeviceFaults } from '../faults/device-faults';
import type { TasmotaIdentity } from './tasmota-identity';
import type { MqttDefaults } from './tasmota-settings';
import type { DeviceCounters } from '../control/device-counters';
import type { DeviceSnapshot } from '../control/device-snapshot';
import type { Fault, FaultInput } from '../faults/fault-types';

export interface TasmotaFleetOptions {
  /** Number of devices. */
  count: number;
  /** Identities and random fault decisions derive from seed + index. Default 1. */
  seed?: number;
  /** `mqtt://127.0.0.1:<port>`: the broker every device connects to. Without it: HTTP (and serial) only. */
  broker?: string;
  /** The first N devices also get a serial console on a socat PTY pair. Default 0. */
  serialCount?: number;
  /** Directory for the PTY links (`ttySIM<i>` for the app). Default: a new temp directory, removed on stop. */
  serialDir?: string;
  /** How long a restart keeps the device away. Default 2000. */
  bootTimeMs?: number;
  /** 0 (default): ephemeral HTTP ports; otherwise device i listens on basePort + i. */
  basePort?: number;
  /** Initial faults by device index. */
  faults?: Record<number, FaultInput>;
  /** `WebPassword` of every device (HTTP `/cm` then needs user=admin&password=...). Default none. */
  webPassword?: string;
  /** Interval of `tele/<topic>/STATE`; default TelePeriod seconds (300). Tests shorten it. */
  teleIntervalMs?: number;
  /** Gap between Backlog commands (SetOption34). Default 200; `Backlog0` never waits. */
  backlogDelayMs?: number;
  /** Delay between a command that restarts and the restart. Default 100. */
  restartDelayMs?: number;
  /** Give up an OTA download after this long. Default 60 s. */
  downloadTimeoutMs?: number;
  /** Pause between OTA attempts (real Tasmota: ~2 s; it tries 9 times on ESP8266, 4 on ESP32). Default 200. */
  otaRetryMs?: number;
}

export interface SimulatedTasmota {
  readonly family: 'tasmota';
  /** Position in the fleet (`t<index>` in fault specs). */
  readonly index: number;
  /** The default topic `tasmota_XXXXXX`: stable even when `Topic` is changed. */
  readonly id: string;
  readonly mac: string;
  /** The current `Topic`. */
  readonly topic: string;
  readonly module: string;
  readonly chip: string;
  /** `StatusFWR.Version`, e.g. `14.2.0(release-tasmota)`. */
  readonly version: string;
  readonly host: string;
  /** HTTP port of `/cm`. */
  readonly port: number;
  /** App-side PTY path when the device has a serial console. */
  readonly serialPath: string | undefined;
  readonly counters: DeviceCounters;
  /** True while running and reachable (not rebooting, not dark by a fault). */
  readonly isOnline: boolean;
  readonly mqttConnected: boolean;
  readonly faults: readonly Fault[];
  setFault(fault: FaultInput): void;
  snapshot(): DeviceSnapshot;
  /** Runs a command line as if typed on the console (for tests and demos). */
  command(line: string): Promise<Record<string, unknown>>;
}

export interface TasmotaFleet {
  readonly devices: readonly SimulatedTasmota[];
  /** Directory holding the PTY links, if any device has a serial console. */
  readonly serialDir: string | undefined;
  /** LWT Offline for all, closes servers and serial ports, kills socat. Idempotent. */
  stop(): Promise<void>;
}

/** Everything one device is built from (tasmota-fleet.ts fills it from TasmotaFleetOptions). */
export interface TasmotaDeviceOptions {
  identity: TasmotaIdentity;
  port: number;
  mqtt: MqttDefaults;
  bootTimeMs: number;
  faults: DeviceFaults;
  webPassword: string;
  teleIntervalMs: number | undefined;
  backlogDelayMs: number;
  restartDelayMs: number;
  downloadTimeoutMs: number;
  otaRetryMs: number;
  onError: (error: Error) => void;
}
