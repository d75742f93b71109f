import type { DeviceCounters } from '../control/device-counters';
import type { DeviceFaults } from '../faults/device-faults';
import { downloadFirmware } from '../firmware/firmware-download';
import { checkFirmwareImage } from '../firmware/firmware-image';
import type { TasmotaIdentity } from './tasmota-identity';

export interface UpgradeHost {
  readonly identity: TasmotaIdentity;
  readonly faults: DeviceFaults;
  readonly counters: DeviceCounters;
  readonly build: string;
  /** Publishes `stat/<topic>/UPGRADE` (and logs it). */
  upgradeResult(text: string): void;
  /** Firmware to boot into after the restart. */
  setPending(version: string, build: string): void;
  scheduleRestart(reason: string): void;
  isStill(generation: number): boolean;
  readonly generation: number;
}

/**
 * `Upgrade 1` (§2.4, §2.7): downloads OtaUrl over HTTP, checks the simulator image (firmware/README.md)
 * against the chip and module, then `{"Upgrade":"Successful. Restarting"}` and a restart, or
 * `{"Upgrade":"Failed <reason>"}` and nothing changes.
 */
export async function runTasmotaUpgrade(host: UpgradeHost, url: string, timeoutMs: number): Promise<void> {
  const generation = host.generation;
  const result = await downloadFirmware(url, {
    timeoutMs,
    failAtFraction: host.faults.has('ota-download-error') ? 0.5 : undefined,
  });
  if (!host.isStill(generation)) return;
  const fail = (reason: string): void => {
    host.counters.otaFailures += 1;
    host.upgradeResult(`Failed ${reason}`);
  };
  if (!result.ok) return fail(result.reason);
  const image = Buffer.from(result.data);
  if (host.faults.has('corrupt-download') && image.length > 0) image[image.length - 1] ^= 0xff;
  const { model } = host.identity;
  const check = checkFirmwareImage(image, { family: 'tasmota', names: [model.chip, model.module] });
  if (!check.ok) return fail(`${check.problem === 'wrong' ? 'Wrong' : 'Corrupt'} image: ${check.reason}`);
  host.counters.flashes += 1;
  host.setPending(check.manifest.version, check.manifest.build ?? host.build);
  host.upgradeResult('Successful. Restarting');
  host.scheduleRestart('Upgrade');
}
