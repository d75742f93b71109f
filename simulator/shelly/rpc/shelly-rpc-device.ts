import type { Json } from '../shelly-defaults';
import type { ShellyState } from '../shelly-state';

/** An update offered through `stage` (what the Shelly cloud would announce). */
export interface UpdateOffer {
  version: string;
  build_id: string;
  /** Where the simulated device downloads it from (a simulator firmware image, see firmware/README.md). */
  url: string;
}

export interface UpdateChannels {
  stable?: UpdateOffer;
  beta?: UpdateOffer;
}

/** What RPC handlers may see and do on a simulated Shelly. */
export interface ShellyRpcDevice {
  readonly id: string;
  readonly state: ShellyState;
  /** Schedules a reboot after `delayMs` (or the fleet default); ignored if one is already pending. */
  requestReboot(delayMs: number | undefined): void;
  /** After a successful SetConfig: bumps `cfg_rev`, counts the write, emits `config_changed`. */
  configChanged(component: string, restartRequired: boolean): void;
  /** Starts an OTA from `url` in the background; throws an RpcError if one is already running. */
  startUpdate(url: string): void;
  /** The update offers the fleet configured for this model (empty when none). */
  updateOffers(): UpdateChannels;
  /** Wipes the config and reboots (after the reply). */
  factoryReset(): void;
  /** Pushes a `NotifyStatus` to WebSocket clients that identified themselves. */
  notifyStatus(status: Json): void;
}
