import type { DeviceCounters } from '../control/device-counters';
import type { DeviceFaults } from '../faults/device-faults';
import { downloadFirmware } from '../firmware/firmware-download';
import { checkShellyZip } from '../firmware/shelly-zip-check';
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
 * The Shelly OTA state machine (§1.7, §1.9): ota_begin → ota_progress (every 10 %) → check the zip
 * (firmware/README.md) → ota_success and reboot into the manifest's version and build_id, or ota_error and
 * nothing changes. Real Gen2 logs show `ota_begin`/`ota_progress` with `"msg":"in_progress"` and `ota_error`
 * with only `"msg":"error"`, whatever the cause (tasmota/mgos32-to-tasmota32#31,
 * mongoose-os-apps/shelly-homekit#1350); `ota_success`'s text was not found and stays ours.
 */
export async function runShellyOta(host: OtaHost, url: string, timeoutMs: number): Promise<void> {
  const generation = host.generation;
  host.sysEvent('ota_begin', { msg: 'in_progress' });
  let lastStep = -1;
  const result = await downloadFirmware(url, {
    timeoutMs,
    failAtFraction: host.faults.has('ota-download-error') ? 0.5 : undefined,
    onProgress: (percent) => {
      const step = Math.floor(percent / 10);
      if (step === lastStep || !host.isStill(generation)) return;
      lastStep = step;
      host.sysEvent('ota_progress', { progress_percent: step * 10, msg: 'in_progress' });
    },
  });
  if (!host.isStill(generation)) return;
  const fail = (): void => {
    host.counters.otaFailures += 1;
    host.sysEvent('ota_error', { msg: 'error' });
  };
  if (!result.ok) return fail();
  const image = Buffer.from(result.data);
  // In the middle, so the flip lands in a part (a zip's last bytes are its end record, which nobody checks).
  if (host.faults.has('corrupt-download') && image.length > 0) image[image.length >> 1] ^= 0xff;
  const check = checkShellyZip(image, host.state.identity.model.app);
  if (!check.ok) return fail();
  host.counters.flashes += 1;
  host.state.pendingFirmware = { ver: check.version, fwId: check.buildId };
  host.sysEvent('ota_success', { msg: 'Update applied, rebooting' });
  host.reboot();
}
