/** The JSON lines between FleetProcess (bench side) and fleet-child.ts (simulator side). */

export interface FleetDevice {
  id: string;
  /** As the device reports it: 12 upper-case hex digits. */
  mac: string;
  model: string;
  url: string;
}

/** What a device runs now and what was done to it since the fleet started. */
export interface FleetState {
  id: string;
  mac: string;
  ver: string;
  fwId: string;
  flashes: number;
  reboots: number;
  rollbacks: number;
  otaFailures: number;
}

/** `arm`: report the next RPC command any device receives; `state`: every device's FleetState. */
export type FleetRequest = { op: 'arm' } | { op: 'state' };

export type FleetMessage =
  | { type: 'ready'; devices: FleetDevice[] }
  | { type: 'armed' }
  | { type: 'first-call'; at: number; deviceId: string }
  | { type: 'state'; devices: FleetState[] };
