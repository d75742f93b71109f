import { performance } from 'node:perf_hooks';
import { seededRandom } from '../util/seeded-random';
import {
  defaultMqtt,
  defaultSwitch,
  defaultSys,
  defaultWifi,
  type Json,
  type SysSettings,
} from './shelly-defaults';
import type { ShellyIdentity } from './shelly-identity';

/** ESP-IDF reset reasons as reported in `sys.reset_reason`. */
export const RESET_REASON = { powerOn: 1, software: 3 } as const;

/** Firmware an OTA wrote; it becomes current on the next boot (unless a silent rollback happens). */
export interface PendingFirmware {
  ver: string;
  fwId: string;
}

const INITIAL_CFG_REV = 10;

/**
 * The mutable side of a simulated device: firmware, user config, revisions, outputs and boot time.
 * Everything that a reboot, an update or a config write changes lives here, so RPC handlers stay stateless.
 */
export class ShellyState {
  ver: string;
  fwId: string;
  sys: SysSettings = defaultSys();
  wifi: Json;
  mqtt: Json;
  switchConfigs: Json[];
  /** `Shelly.SetAuth` ha1 (hex SHA-256 of `admin:<id>:<password>`); null = auth off. */
  ha1: string | null = null;
  cfgRev = INITIAL_CFG_REV;
  kvsRev = 0;
  scheduleRev = 0;
  webhookRev = 0;
  restartRequired = false;
  resetReason: number = RESET_REASON.powerOn;
  /** `Sys.GetStatus.available_updates`, filled by `Shelly.CheckForUpdate`. */
  availableUpdates: Json = {};
  pendingFirmware: PendingFirmware | undefined;
  readonly switchOutputs: boolean[];
  readonly ramFree: number;
  readonly fsFree: number;
  private bootedAtMs = 0;
  private running = false;

  constructor(
    readonly identity: ShellyIdentity,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    const { model } = identity;
    const random = seededRandom(identity.randomSeed ^ 0x5eed);
    this.ver = model.ver;
    this.fwId = model.fwId;
    this.wifi = defaultWifi(identity);
    this.mqtt = defaultMqtt(identity);
    this.switchConfigs = Array.from({ length: model.switches }, (_, id) => defaultSwitch(id));
    this.switchOutputs = Array.from({ length: model.switches }, () => false);
    this.ramFree = Math.round(model.ramSize * (0.38 + random() * 0.12));
    this.fsFree = Math.round(model.fsSize * (0.4 + random() * 0.2));
  }

  get name(): string | null {
    return this.sys.device.name;
  }
  get discoverable(): boolean {
    return this.sys.device.discoverable;
  }
  get timeZone(): string {
    return this.sys.location.tz ?? 'UTC';
  }

  /** Starts a new boot: uptime restarts at 0. */
  boot(resetReason: number): void {
    this.bootedAtMs = this.nowMs();
    this.running = true;
    this.restartRequired = false;
    this.resetReason = resetReason;
  }

  /** Marks the device as not running (rebooting); uptime reads 0 until the next boot. */
  halt(): void {
    this.running = false;
  }

  /** Whole seconds since the last boot. */
  uptimeSeconds(): number {
    return this.running ? Math.floor((this.nowMs() - this.bootedAtMs) / 1000) : 0;
  }

  /** `Shelly.FactoryReset`: every config back to factory values, name cleared, auth off. */
  factoryReset(): void {
    this.sys = defaultSys();
    this.wifi = defaultWifi(this.identity);
    this.mqtt = defaultMqtt(this.identity);
    this.switchConfigs = this.switchConfigs.map((_, id) => defaultSwitch(id));
    this.switchOutputs.fill(false);
    this.ha1 = null;
    this.cfgRev = INITIAL_CFG_REV;
    this.availableUpdates = {};
  }
}
