import type { ShellyState } from '../shelly-state';

/** What RPC handlers may see and do on a simulated Shelly. */
export interface ShellyRpcDevice {
  readonly state: ShellyState;
  /** Schedules a reboot after `delayMs` (or the fleet default); ignored if one is already pending. */
  requestReboot(delayMs: number | undefined): void;
}
