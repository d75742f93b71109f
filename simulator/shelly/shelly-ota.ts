import type { DeviceCounters } from '../control/device-counters';
import type { DeviceFaults } from '../faults/device-faults';
import { downloadFirmware } from '../firmware/firmware-download';
import { checkFirmwareImage } from '../firmware/firmware-image';
import type { ShellyState } from './shelly-state';

export interface OtaHost {
  readonly state: ShellyState;
  readonly faults: DeviceFaults;
  readonly counters: DeviceCounters;
  /** Emits a `sys` NotifyEvent. */
  sysEvent(event: string, extra: Record<string, unknown>): void;
  /** False once the device rebooted or stopped after the OTA started: the result is then dropped. */
  isStill(generation: number): boolean;
  readonly generation: number;
  reboot(): void;
}

/**
 * The Shelly OTA state machine (§1.7, §1.9): ota_begin → ota_progress (every 10 %) → check the image
 * (firmware/README.md) → ota_success and reboot into the new version, or ota_error and nothing changes.
 */
export async function runShellyOta(host: OtaHost, url: string, timeoutMs: number): Promise<void> {
  const generation = host.generation;
  host.sysEvent('ota_begin', { msg: 'Waiting for data' });
  let lastStep = -1;
  const result = await downloadFirmware(url, {
    timeoutMs,
    failAtFraction: host.faults.has('ota-download-error') ? 0.5 : undefined,
    onProgress: (percent) => {
      const step = Math.floor(percent / 10);
      if (step === lastStep || !host.isStill(generation)) return;
      lastStep = step;
      host.sysEvent('ota_progress', { progress_percent: step * 10, msg: 'Downloading' });
    },
  });
  if (!host.isStill(generation)) return;
  const fail = (msg: string): void => {
    host.counters.otaFailures += 1;
    host.sysEvent('ota_error', { msg });
  };
  if (!result.ok) return fail(`Download failed: ${result.reason}`);
  const image = Buffer.from(result.data);
  if (host.faults.has('corrupt-download') && image.length > 0) image[image.length - 1] ^= 0xff;
  const { model } = host.state.identity;
  const check = checkFirmwareImage(image, { family: 'shelly', names: [model.model] });
  if (!check.ok) return fail(`${check.problem === 'wrong' ? 'Wrong' : 'Corrupt'} image: ${check.reason}`);
  host.counters.flashes += 1;
  host.state.pendingFirmware = {
    ver: check.manifest.version,
    fwId: check.manifest.fw_id ?? check.manifest.version,
  };
  host.sysEvent('ota_success', { msg: 'Update applied, rebooting' });
  host.reboot();
}
