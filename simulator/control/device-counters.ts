/**
 * Side effects a device has gone through since it started, so a test can prove e.g. "flashed exactly
 * once". Shared by every family; all start at 0 and only ever grow.
 */
export interface DeviceCounters {
  /** Restarts of any cause (reboot command, update, reset, config that restarts). */
  reboots: number;
  /** Firmware images written to flash (a silent rollback still counts its flash). */
  flashes: number;
  /** Factory resets (Shelly `Shelly.FactoryReset`, Tasmota `Reset 1..6`). */
  resets: number;
  /** Successful config writes (SetConfig, SetAuth, Tasmota settings commands). */
  configWrites: number;
  /** Commands that reached the device's command layer on any channel (RPC calls, Tasmota commands). */
  commands: number;
  /** Updates that booted back into the old firmware (`silent-rollback`). */
  rollbacks: number;
  /** Updates that failed (download error, corrupt or wrong image). */
  otaFailures: number;
}

export function newCounters(): DeviceCounters {
  return { reboots: 0, flashes: 0, resets: 0, configWrites: 0, commands: 0, rollbacks: 0, otaFailures: 0 };
}
