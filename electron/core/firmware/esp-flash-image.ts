import { ByteCursor, type ByteParser } from './byte-feeder';
import type { EspAppDesc } from './esp-app-desc';
import { chipByName } from './esp-chips';
import { checkEspImage } from './esp-image-check';
import { PARTITION_TABLE_LENGTH, PARTITION_TABLE_OFFSET, readAppPartitions } from './esp-partition-table';

export type FirmwareKind = 'ota' | 'factory';

export type EspFlashInspection =
  { ok: true; kind: FirmwareKind; chip: string; appDesc: EspAppDesc | null } | { ok: false; problem: string };

/** Factory images of the ESP32 and ESP32-S2 leave their first 4 KiB erased (0xFF) before the bootloader. */
export const BLANK_PREFIX = 0x1000;
/** App partitions checked in a factory image at most (Tasmota: safeboot + one app). */
const MAX_APPS = 4;

const fail = (problem: string): EspFlashInspection => ({ ok: false, problem });

/**
 * What an image at offset 0 of a file is: an OTA app when it is an ESP8266 image or carries an app
 * description; else a bootloader, which starts a factory image only on chips whose bootloader sits at 0
 * (null: neither).
 */
export function kindAtZero(chip: string, hasAppDesc: boolean): FirmwareKind | null {
  if (chip === 'ESP8266' || hasAppDesc) return 'ota';
  return chipByName(chip)?.bootloaderOffset === 0 ? 'factory' : null;
}

/**
 * Checks a whole `.bin` (every image in it: checksum, appended SHA-256) and tells an OTA image from a factory
 * image. A factory image is a flash dump: bootloader at the chip's bootloader offset (0x1000 on ESP32/S2
 * after 0xFF bytes, 0x0 on C3/S3/C6/H2; esptool targets `BOOTLOADER_FLASH_OFFSET`), the partition table at
 * 0x8000, the apps at their partitions' offsets. An ESP-IDF app starts with its `esp_app_desc_t`; a
 * bootloader does not, which is how one at offset 0 is told from an app. ESP8266 `.bin` files (Tasmota's are
 * eboot + app, flashed at 0 and taken by OTA alike) are OTA images.
 */
export function* inspectEspFlash(): ByteParser<EspFlashInspection> {
  const cursor = new ByteCursor();
  const first = yield* cursor.read(1);
  if (first.length === 0) return fail('the file is empty');
  cursor.unread(first);
  const blankStart = first[0] === 0xff;
  if (blankStart) {
    const blank = yield* cursor.read(BLANK_PREFIX);
    if (blank.length < BLANK_PREFIX || blank.some((b) => b !== 0xff)) {
      return fail('not an ESP image: it starts with FF but is not a factory image (no bootloader at 0x1000)');
    }
    const next = yield* cursor.read(1);
    cursor.unread(next);
    if (next[0] !== 0xe9)
      return fail('truncated: 4 KiB of FF and no bootloader after them (an erased flash dump?)');
  }
  const boot = yield* checkEspImage(cursor);
  if (!boot.ok) return fail(boot.problem);
  const chip = chipByName(boot.header.chip)!;
  if (!blankStart) {
    const kind = kindAtZero(chip.name, boot.appDesc !== null);
    if (kind === 'ota') return { ok: true, kind, chip: chip.name, appDesc: boot.appDesc };
    if (kind === null) {
      return fail(
        `an ${chip.name} image without an application description (esp_app_desc_t): not an app, and not a ` +
          `factory image either (an ${chip.name} bootloader sits at 0x${chip.bootloaderOffset.toString(16)})`,
      );
    }
  } else if (chip.bootloaderOffset !== BLANK_PREFIX) {
    return fail(`an ${chip.name} bootloader at 0x1000, but the ${chip.name} starts its bootloader at 0x0`);
  }
  if (!(yield* cursor.skipTo(PARTITION_TABLE_OFFSET))) {
    return fail(
      `truncated: an ${chip.name} bootloader without partition table at 0x8000 (a bootloader alone is no firmware)`,
    );
  }
  const apps = readAppPartitions(yield* cursor.read(PARTITION_TABLE_LENGTH));
  if (!apps) return fail('a factory image without a partition table at 0x8000');
  const found: { isOta0: boolean; appDesc: EspAppDesc | null }[] = [];
  for (const partition of apps.slice(0, MAX_APPS)) {
    if (partition.offset < cursor.offset || !(yield* cursor.skipTo(partition.offset))) break;
    const peek = yield* cursor.read(1);
    cursor.unread(peek);
    if (peek.length === 0) break;
    if (peek[0] === 0xff) continue;
    const app = yield* checkEspImage(cursor);
    if (!app.ok) return fail(`the app in partition ${partition.label}: ${app.problem}`);
    if (app.header.chip !== chip.name) {
      return fail(
        `the bootloader is for ${chip.name} but the app in ${partition.label} for ${app.header.chip}`,
      );
    }
    found.push({ isOta0: partition.isOta0, appDesc: app.appDesc });
  }
  if (found.length === 0) return fail('truncated: a factory image without any app');
  const main = found.find((a) => a.isOta0) ?? found[0]!;
  return { ok: true, kind: 'factory', chip: chip.name, appDesc: main.appDesc };
}
