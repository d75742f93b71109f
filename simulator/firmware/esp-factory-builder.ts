import { createHash } from 'node:crypto';
import { espChipInfo } from './esp-chips';
import {
  buildAppImage,
  EspImageError,
  fillerBytes,
  serialiseEspImage,
  type EspImageOptions,
} from './esp-image-builder';

/** Where a factory image puts the partition table and the first app (esp-idf defaults, Tasmota's layout). */
export const PARTITION_TABLE_OFFSET = 0x8000;
export const FACTORY_APP_OFFSET = 0x10000;

/**
 * One partition table entry, 32 bytes (esp-idf `esp_partition_info_t`, `ESP_PARTITION_MAGIC` 0x50AA read LE):
 * magic, type, subtype, offset, size, label[16], flags.
 */
function partitionEntry(type: number, subtype: number, offset: number, size: number, label: string): Buffer {
  const entry = Buffer.alloc(32);
  entry[0] = 0xaa;
  entry[1] = 0x50;
  entry[2] = type;
  entry[3] = subtype;
  entry.writeUInt32LE(offset, 4);
  entry.writeUInt32LE(size, 8);
  entry.write(label, 12, 15, 'latin1');
  return entry;
}

/** Tasmota32's table (nvs, otadata, two OTA slots, a file system), then the MD5 entry (0xEB 0xEB). */
function partitionTable(): Buffer {
  const entries = Buffer.concat([
    partitionEntry(0x01, 0x02, 0x9000, 0x5000, 'nvs'),
    partitionEntry(0x01, 0x00, 0xe000, 0x2000, 'otadata'),
    partitionEntry(0x00, 0x10, 0x10000, 0x2c0000, 'app0'),
    partitionEntry(0x00, 0x11, 0x2d0000, 0x2c0000, 'app1'),
    partitionEntry(0x01, 0x82, 0x590000, 0x270000, 'spiffs'),
  ]);
  const md5 = Buffer.alloc(32, 0xff);
  md5[0] = 0xeb;
  md5[1] = 0xeb;
  createHash('md5').update(entries).digest().copy(md5, 16);
  return Buffer.concat([entries, md5]);
}

/** A second-stage bootloader image: the chip's extended header, code and data, no app descriptor. */
function bootloaderImage(options: EspImageOptions): Buffer {
  const info = espChipInfo(options.chip);
  const label = `${options.chip}/bootloader`;
  const segments = [
    { addr: info.iramAddr + 0x8000, data: fillerBytes(0x3000, `${label}/iram`) },
    { addr: 0x3fff0000, data: fillerBytes(0x800, `${label}/dram`) },
  ];
  return serialiseEspImage(info, segments, info.iramAddr + 0x8004);
}

/**
 * A factory image as Tasmota publishes for ESP32 (`tasmota32.factory.bin`): flash bytes from 0, 0xFF where
 * nothing is written, the bootloader at the chip's offset (0x1000 on ESP32/S2, 0 elsewhere), the partition
 * table at 0x8000 and the application at 0x10000. The ESP8266 has no such file.
 */
export function buildFactoryImage(options: EspImageOptions): Buffer {
  const info = espChipInfo(options.chip);
  if (info.imageChipId === undefined) throw new EspImageError('there is no factory image for the ESP8266');
  const appSize = Math.max(16 * 1024, (options.payloadSize ?? 64 * 1024) - FACTORY_APP_OFFSET);
  const app = buildAppImage({ ...options, kind: 'ota', payloadSize: appSize });
  const flash = Buffer.alloc(FACTORY_APP_OFFSET + app.length, 0xff);
  bootloaderImage(options).copy(flash, info.bootloaderOffset);
  partitionTable().copy(flash, PARTITION_TABLE_OFFSET);
  app.copy(flash, FACTORY_APP_OFFSET);
  return flash;
}
