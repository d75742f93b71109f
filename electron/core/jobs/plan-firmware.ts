import type { DeviceSummary } from '../../../shared/domain/device';
import type { FirmwareImage } from '../../../shared/domain/firmware';
import { toSemver } from '../../../shared/domain/firmware-version';
import { deviceNames, imageFits } from '../firmware/device-match';

/** What a firmware step would install on one device. */
export type FirmwareChoice =
  | { kind: 'image'; image: FirmwareImage }
  /** No image of the step is made for the device's family and model. */
  | { kind: 'none' }
  /** Images fit, but none of their files is in the library folder any more. */
  | { kind: 'file-missing'; image: FirmwareImage };

/**
 * The image a firmware step gives `device`, by the provider's rule (firmware-provider.ts): the first of
 * `images`, in the step's order, made for the device's family and one of its names (Shelly SKU; Tasmota chip
 * or module, which needs the identify payload `raw`). Images whose file went missing are passed over, as the
 * provider passes over files that fail their check.
 */
export function chooseImage(
  images: readonly (FirmwareImage | null)[],
  device: Pick<DeviceSummary, 'id' | 'family' | 'mac' | 'model'>,
  raw: unknown,
): FirmwareChoice {
  // device-match takes a step target; matching reads only family and model, no endpoint is involved.
  const target = {
    id: device.id,
    family: device.family,
    mac: device.mac,
    model: device.model,
    endpoints: [],
  };
  const names = deviceNames(target, raw);
  const fitting = images.filter((i): i is FirmwareImage => i !== null && imageFits(i, target, names));
  const present = fitting.find((i) => i.present);
  if (present) return { kind: 'image', image: present };
  return fitting[0] ? { kind: 'file-missing', image: fitting[0] } : { kind: 'none' };
}

/** Whether a device reporting `running` already has `target` (Tasmota adds a build name: `14.2.0(tasmota)`). */
export function isSameVersion(running: string, target: string): boolean {
  const a = toSemver(running);
  const b = toSemver(target);
  return a !== null && b !== null ? a === b : running.trim() === target.trim();
}
