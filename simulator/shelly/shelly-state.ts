import { performance } from 'node:perf_hooks';
import { seededRandom } from '../util/seeded-random';
import type { ShellyIdentity } from './shelly-identity';

/** ESP-IDF reset reasons as reported in `sys.reset_reason`. */
export const RESET_REASON = { powerOn: 1, software: 3 } as const;

/**
 * The mutable side of a simulated device: firmware, user config, revisions, outputs and boot time.
 * Everything that a reboot or a config write changes lives here, so RPC handlers stay stateless.
 */
export class ShellyState {
  ver: string;
  fwId: string;
  name: string | null = null;
  ecoMode = false;
  discoverable = true;
  location = { tz: 'Europe/Sofia', lat: 42.6534, lon: 23.3184 };
  sntpServer = 'time.google.com';
  cfgRev = 10;
  kvsRev = 0;
  scheduleRev = 0;
  webhookRev = 0;
  restartRequired = false;
  resetReason: number = RESET_REASON.powerOn;
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
    this.switchOutputs = Array.from({ length: model.switches }, () => false);
    this.ramFree = Math.round(model.ramSize * (0.38 + random() * 0.12));
    this.fsFree = Math.round(model.fsSize * (0.4 + random() * 0.2));
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
}
