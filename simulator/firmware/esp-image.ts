import { gzipSync } from 'node:zlib';
import { buildAppImage, EspImageError, type EspImageOptions } from './esp-image-builder';
import { buildFactoryImage } from './esp-factory-builder';

export type { EspChip } from './esp-chips';
export type { EspImageOptions } from './esp-image-builder';

/**
 * Builds a real-layout ESP image (esptool docs "Firmware Image Format"): an application image for OTA, or a
 * factory image (bootloader + partition table + application) for a first serial flash. See ./README.md.
 */
export function buildEspImage(options: EspImageOptions): Buffer {
  if (options.version === '') throw new EspImageError('an ESP image needs a version');
  return (options.kind ?? 'ota') === 'ota' ? buildAppImage(options) : buildFactoryImage(options);
}

/** The `.bin.gz` form of an image, which ESP8266 Tasmota accepts for OTA and ESP32 Tasmota does not. */
export function gzipImage(image: Buffer): Buffer {
  return gzipSync(image, { level: 9 });
}
