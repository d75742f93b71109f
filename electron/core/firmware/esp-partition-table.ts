/**
 * The ESP-IDF partition table that factory images carry at flash offset 0x8000: 32-byte entries
 * (`esp_partition_info_t` in esp-idf `components/bootloader_support/include/esp_flash_partitions.h`: magic
 * u16 0x50AA, type u8, subtype u8, offset u32, size u32, label[16], flags u32), optionally an MD5 entry
 * (magic 0xEBEB), then 0xFF. At most 0xC00 bytes (esp-idf `gen_esp32part.py`, MAX_PARTITION_LENGTH).
 */
export const PARTITION_TABLE_OFFSET = 0x8000;
export const PARTITION_TABLE_LENGTH = 0xc00;
const ENTRY_MAGIC = 0x50aa;
const MD5_MAGIC = 0xebeb;
const APP_TYPE = 0x00;
/** App subtypes: factory 0x00, ota_0 … ota_15 0x10 … 0x1F, test 0x20. */
const OTA_0 = 0x10;

export interface AppPartition {
  label: string;
  offset: number;
  size: number;
  isOta0: boolean;
  isFactory: boolean;
}

/** The app partitions, by offset; null when the bytes are not a partition table. */
export function readAppPartitions(table: Buffer): AppPartition[] | null {
  const apps: AppPartition[] = [];
  let entries = 0;
  for (let at = 0; at + 32 <= table.length; at += 32) {
    const magic = table.readUInt16LE(at);
    if (magic === MD5_MAGIC) continue;
    if (magic !== ENTRY_MAGIC) break;
    entries++;
    if (table[at + 2] !== APP_TYPE) continue;
    const label = table.subarray(at + 12, at + 28);
    const end = label.indexOf(0);
    apps.push({
      label: label.subarray(0, end < 0 ? 16 : end).toString('latin1'),
      offset: table.readUInt32LE(at + 4),
      size: table.readUInt32LE(at + 8),
      isOta0: table[at + 3] === OTA_0,
      isFactory: table[at + 3] === 0x00,
    });
  }
  return entries === 0 ? null : apps.sort((a, b) => a.offset - b.offset);
}
