import { gunzipSync } from 'node:zlib';
import { chipForImageId, espChipInfo, type EspChip } from './esp-chips';
import { readEspImage, type EspImageView } from './esp-image-reader';
import { findVersionMarker, type BootTarget } from './version-marker';

/** What the device the image was sent to is. */
export interface TasmotaTarget {
  chip: EspChip;
  /** Real flash size in bytes (ESP8266 compares the image header with it). */
  flashBytes: number;
}

export type TasmotaImageOutcome =
  /** Written and bootable: the device restarts into `boot` (undefined: the image does not say; keep the version). */
  | { kind: 'flash'; boot: BootTarget | undefined }
  /** Written and activated, but the bootloader cannot start it and falls back to the running firmware. */
  | { kind: 'rollback' }
  /** Refused; `error` is the text Tasmota puts after `Failed ` (`ESPhttpUpdate.getLastErrorString()`). */
  | { kind: 'refused'; error: string };

const refused = (error: string): TasmotaImageOutcome => ({ kind: 'refused', error });

// esp8266/Arduino ESP8266httpUpdate.cpp getLastErrorString; arendst/Tasmota lib/libesp32/HttpClientLight
// HTTPUpdateLight.cpp getLastErrorString and TasUpdater.cpp _err2str ("Update error: " + Update text).
export const TASMOTA_OTA_ERRORS = {
  verifyHeader: 'Verify Bin Header Failed',
  wrongFlash: 'New Binary Does Not Fit Flash Size',
  activate: 'Update error: Could Not Activate The Firmware',
} as const;

/** `ESP.magicFlashChipSize` (esp8266/Arduino cores/esp8266/Esp.cpp): header size code → bytes. */
function esp8266FlashBytes(code: number): number {
  const kib: Record<number, number> = { 0: 512, 1: 256, 2: 1024, 3: 2048, 4: 4096, 8: 8192, 9: 16384 };
  return (kib[code] ?? 0) * 1024;
}

function bootTarget(image: EspImageView, bytes: Buffer): BootTarget | undefined {
  const marker = findVersionMarker(bytes);
  const descVersion = image.appDesc?.version ?? '';
  if (descVersion === '') return marker;
  return {
    version: descVersion.replace(/^v/, ''),
    ...(marker?.build !== undefined ? { build: marker.build } : {}),
  };
}

/**
 * ESP32 family: Tasmota's HTTPUpdateLight refuses a first byte other than 0xE9 (a `.gz`, or a factory image of an
 * ESP32/S2 that starts with 0xFF); TasUpdate writes the rest and `esp_ota_set_boot_partition` runs esp-idf
 * `esp_image_verify` (chip ID, segments, checksum, SHA-256), whose failure is UPDATE_ERROR_ACTIVATE. An image
 * without an app descriptor (the bootloader at the start of a C3/S3 factory image) passes that check, but the
 * bootloader cannot start it (`verify_load_addresses`) and boots the previous slot.
 */
function checkEsp32(bytes: Buffer, target: TasmotaTarget): TasmotaImageOutcome {
  if (bytes[0] !== 0xe9) return refused(TASMOTA_OTA_ERRORS.verifyHeader);
  const read = readEspImage(bytes, 'esp32');
  if (!read.ok) return refused(TASMOTA_OTA_ERRORS.activate);
  const { image } = read;
  const validImage = image.checksumOk && image.hashOk;
  if (image.chipId !== espChipInfo(target.chip).imageChipId || !validImage)
    return refused(TASMOTA_OTA_ERRORS.activate);
  if (image.appDesc === undefined) return { kind: 'rollback' };
  return { kind: 'flash', boot: bootTarget(image, bytes) };
}

/**
 * ESP8266: ESP8266httpUpdate accepts a first byte 0xE9 or 0x1F (gzip) and compares the header's flash size with
 * the chip; the Updater checks nothing else. A real ESP8266 then writes an image for another chip or with a bad
 * checksum and never boots again; the simulator refuses those instead, in its own words (`Wrong image: …`,
 * `Corrupt image: …`), because no real device answers them.
 */
function checkEsp8266(raw: Buffer, target: TasmotaTarget): TasmotaImageOutcome {
  if (raw[0] !== 0xe9 && raw[0] !== 0x1f) return refused(TASMOTA_OTA_ERRORS.verifyHeader);
  if (raw[0] === 0xe9 && esp8266FlashBytes(raw[3] >> 4) > target.flashBytes) {
    return refused(TASMOTA_OTA_ERRORS.wrongFlash);
  }
  let bytes = raw;
  if (raw[0] === 0x1f) {
    try {
      bytes = gunzipSync(raw);
    } catch {
      return refused('Corrupt image: not a gzip stream');
    }
  }
  const asEsp32 = readEspImage(bytes, 'esp32');
  const otherChip =
    asEsp32.ok && asEsp32.image.hashOk ? chipForImageId(asEsp32.image.chipId ?? -1) : undefined;
  if (otherChip !== undefined && bytes[8] === 0xee) return refused(`Wrong image: image is for ${otherChip}`);
  const read = readEspImage(bytes, 'esp8266');
  if (!read.ok) return refused(`Corrupt image: ${read.reason}`);
  if (!read.image.checksumOk) return refused('Corrupt image: checksum mismatch');
  return { kind: 'flash', boot: findVersionMarker(bytes) };
}

/** What a Tasmota device makes of a downloaded OTA file (see ./README.md). */
export function checkTasmotaImage(bytes: Buffer, target: TasmotaTarget): TasmotaImageOutcome {
  if (bytes.length === 0) return refused(TASMOTA_OTA_ERRORS.verifyHeader);
  return target.chip === 'ESP8266' ? checkEsp8266(bytes, target) : checkEsp32(bytes, target);
}
