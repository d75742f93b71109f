import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFirmware, type FirmwareRequest } from '../../simulator/firmware/make-firmware';
import type { SimulatedDevice } from '../../simulator';

/** Newer than every simulated Tasmota build (14.1.0–14.2.0, simulator/tasmota/tasmota-models.ts). */
export const DEMO_TASMOTA_VERSION = '14.4.0';
/** Newer than the simulated Shelly firmware, so every Shelly device has an update waiting. */
export const DEMO_SHELLY_VERSION = '1.7.0';

/** `ESP32-C3` (the simulator's catalogue) → `esp32c3` (make-firmware's chip names). */
const chipName = (chip: string): string => chip.toLowerCase().replace(/-/g, '');

/**
 * One request per image a demo device can take: Tasmota per chip (ESP8266 gzipped, as ota.tasmota.com/tasmota
 * serves `tasmota.bin.gz`; the ESP32 family a plain `.bin`, as ota.tasmota.com/tasmota32 serves it, since an
 * ESP32 refuses a gzip with "Verify Bin Header Failed": simulator/firmware/README.md) and Shelly per app.
 * Sorted, so the folder reads the same on every run.
 */
export function demoFirmwareRequests(devices: readonly SimulatedDevice[]): FirmwareRequest[] {
  const chips = new Set<string>();
  const apps = new Set<string>();
  for (const device of devices) {
    if (device.family === 'tasmota') chips.add(chipName(device.chip));
    else apps.add(device.app);
  }
  return [
    ...[...chips].sort().map((chip): FirmwareRequest => ({
      family: 'tasmota',
      chip,
      version: DEMO_TASMOTA_VERSION,
      gz: chip === 'esp8266',
    })),
    ...[...apps]
      .sort()
      .map((app): FirmwareRequest => ({ family: 'shelly', app, version: DEMO_SHELLY_VERSION })),
  ];
}

/** Writes the images into `dir` (made if missing) and returns their file names. */
export function writeDemoFirmware(devices: readonly SimulatedDevice[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return demoFirmwareRequests(devices).map((request) => {
    const file = makeFirmware(request);
    writeFileSync(join(dir, file.fileName), file.bytes);
    return file.fileName;
  });
}
