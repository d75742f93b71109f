import type { FirmwareImage } from '../../../shared/domain/firmware';
import type { DeviceTarget } from '../drivers/device-driver';

/** `StatusFWR.Hardware` → the chip family firmware images name: `ESP8266EX` → ESP8266, `ESP32-C3 v0.4` → ESP32-C3. */
export function chipFromHardware(hardware: string): string | null {
  const text = hardware.trim().toUpperCase();
  if (text.startsWith('ESP8266') || text.startsWith('ESP8285')) return 'ESP8266';
  const variant = /^ESP32-?(C2|C3|C5|C6|H2|P4|S2|S3)\b/.exec(text)?.[1];
  if (variant) return `ESP32-${variant}`;
  return text.startsWith('ESP32') ? 'ESP32' : null;
}

/** Finds `StatusFWR.Hardware` in a stored identify payload (at the top, or one level down). */
export function hardwareFromRaw(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const record = raw as Record<string, unknown>;
  const fwr = record.StatusFWR;
  if (typeof fwr === 'object' && fwr !== null) {
    const hardware = (fwr as Record<string, unknown>).Hardware;
    if (typeof hardware === 'string' && hardware !== '') return hardware;
  }
  for (const value of Object.values(record)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const nested = (value as Record<string, unknown>).StatusFWR;
    if (typeof nested === 'object' && nested !== null) return hardwareFromRaw(value);
  }
  return null;
}

/**
 * Every name a device answers to when an image lists its `models`, as the README's "Wrong image" rules say:
 * Shelly its model SKU; Tasmota its chip family (from the identify payload) and its module name.
 */
export function deviceNames(target: DeviceTarget, raw: unknown): string[] {
  if (target.family !== 'tasmota') return [target.model];
  const hardware = hardwareFromRaw(raw);
  const chip = hardware ? chipFromHardware(hardware) : null;
  return chip ? [chip, target.model] : [target.model];
}

/** Family must match and one of the image's models must name the device (case-insensitive). */
export function imageFits(
  image: Pick<FirmwareImage, 'family' | 'models'>,
  target: DeviceTarget,
  names: readonly string[],
): boolean {
  if (image.family !== target.family) return false;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return image.models.some((m) => wanted.has(m.toLowerCase()));
}
