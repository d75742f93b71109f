import type { DeviceCounters } from './device-counters';

/** One device as the control API reports it: plain JSON, stable key order. */
export interface DeviceSnapshot {
  family: 'shelly' | 'tasmota';
  /** `s<i>` / `t<i>`: the reference fault specs use. */
  ref: string;
  id: string;
  mac: string;
  model: string;
  host: string;
  /** HTTP port (Shelly RPC, Tasmota /cm). */
  port: number;
  online: boolean;
  firmware: { version: string; fwId?: string };
  /** The settings a batch job may change (names, auth, topics, cfg_rev, ...). */
  config: Record<string, unknown>;
  counters: DeviceCounters;
  /** Active faults in their CLI form, e.g. `slow(200-800ms)`. */
  faults: string[];
  /** Tasmota only: the app-side serial device path, when the device has a console. */
  serialPath?: string;
}
