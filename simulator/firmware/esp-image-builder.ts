import { createHash } from 'node:crypto';
import { espChipInfo, type EspChip, type EspChipInfo } from './esp-chips';
import { encodeVersionMarker } from './version-marker';

export interface EspImageOptions {
  chip: EspChip;
  /** What the firmware reports once running, numeric Tasmota part e.g. '14.4.0'. */
  version: string;
  /** Tasmota build name in StatusFWR.Version parentheses; default 'tasmota'. */
  build?: string;
  /** `esp_app_desc_t.project_name` (ESP32 family); default 'tasmota'. */
  project?: string;
  /** Default true; real Tasmota ESP32 builds were seen with it empty. */
  versionInAppDesc?: boolean;
  /** Default 'ota'. */
  kind?: 'ota' | 'factory';
  /** Approximate total size; default 64 KiB. */
  payloadSize?: number;
}

export class EspImageError extends Error {
  override readonly name = 'EspImageError';
}

/** Byte 0 of every ESP image (esptool `ESPLoader.ESP_IMAGE_MAGIC`). */
export const ESP_IMAGE_MAGIC = 0xe9;
/** Seed of the segment checksum (esptool `ESPLoader.ESP_CHECKSUM_MAGIC`). */
export const ESP_CHECKSUM_MAGIC = 0xef;
/** `esp_app_desc_t.magic_word` (esp-idf `esp_app_desc.h`, `ESP_APP_DESC_MAGIC_WORD`). */
export const ESP_APP_DESC_MAGIC = 0xabcd5432;
export const APP_DESC_SIZE = 256;

export interface Segment {
  addr: number;
  data: Buffer;
}

/** A C `char[n]` field: the text, NUL padded (and truncated to n - 1 bytes so a NUL always ends it). */
function cString(text: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  out.write(text.slice(0, size - 1), 'latin1');
  return out;
}

/** Deterministic, incompressible-looking bytes (xorshift32 seeded from the label), so a `.gz` is not trivially tiny. */
export function fillerBytes(size: number, label: string): Buffer {
  const out = Buffer.alloc(size + 3);
  let state = createHash('sha256').update(label).digest().readUInt32LE(0) || 1;
  for (let i = 0; i < size; i += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out.writeInt32LE(state | 0, i);
  }
  return out.subarray(0, size);
}

/**
 * `esp_app_desc_t` (esp-idf `components/esp_app_format/include/esp_app_desc.h`): magic_word, secure_version,
 * reserv1[2], version[32], project_name[32], time[16], date[16], idf_ver[32], app_elf_sha256[32], then
 * reserved fields up to 256 bytes. It opens the first (DROM) segment, so it sits at file offset 0x20.
 */
function appDescriptor(options: EspImageOptions): Buffer {
  const desc = Buffer.alloc(APP_DESC_SIZE);
  desc.writeUInt32LE(ESP_APP_DESC_MAGIC, 0);
  const version = options.versionInAppDesc === false ? '' : options.version;
  cString(version, 32).copy(desc, 16);
  cString(options.project ?? 'tasmota', 32).copy(desc, 48);
  cString('12:00:00', 16).copy(desc, 80);
  cString('Jan  1 2026', 16).copy(desc, 96);
  cString('v5.3.2', 32).copy(desc, 112);
  createHash('sha256').update(`${options.chip}/${options.version}`).digest().copy(desc, 144);
  return desc;
}

function padTo4(data: Buffer): Buffer {
  const rest = data.length % 4;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(4 - rest)]);
}

/** XOR of every segment data byte, seeded with 0xEF (esptool `ESPLoader.checksum`). */
export function segmentChecksum(segments: readonly Segment[]): number {
  let checksum = ESP_CHECKSUM_MAGIC;
  for (const segment of segments) for (const byte of segment.data) checksum ^= byte;
  return checksum;
}

/**
 * Serialises an image as esptool `BaseFirmwareImage.save` does: common header (magic, segment count, SPI
 * mode, flash size/freq, entry), the ESP32-family extended header (chip ID at offset 12, hash_appended at
 * offset 23), each segment as addr + length + data, zero padding so the checksum byte ends a 16-byte block
 * (`align_file_position(f, 16)`), then the SHA-256 of all of that when hash_appended.
 */
export function serialiseEspImage(info: EspChipInfo, segments: readonly Segment[], entry: number): Buffer {
  const header = Buffer.alloc(8);
  header[0] = ESP_IMAGE_MAGIC;
  header[1] = segments.length;
  header[2] = info.imageChipId === undefined ? 0x03 : 0x02; // DOUT on ESP8266 Tasmota, DIO on ESP32
  header[3] = 0x20; // 40 MHz; size code 2 = 1 MB on the ESP8266 (Tasmota's 1M builds), 4 MB on the ESP32 family
  header.writeUInt32LE(entry, 4);
  const parts: Buffer[] = [header];
  if (info.imageChipId !== undefined) {
    const extended = Buffer.alloc(16);
    extended[0] = 0xee; // wp_pin: "not used"
    extended.writeUInt16LE(info.imageChipId, 4);
    extended.writeUInt16LE(0xffff, 9); // max_chip_rev_full: any revision
    extended[15] = 1; // hash_appended
    parts.push(extended);
  }
  for (const segment of segments) {
    const segmentHeader = Buffer.alloc(8);
    segmentHeader.writeUInt32LE(segment.addr, 0);
    segmentHeader.writeUInt32LE(segment.data.length, 4);
    parts.push(segmentHeader, segment.data);
  }
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  parts.push(Buffer.alloc(15 - (length % 16)), Buffer.from([segmentChecksum(segments)]));
  const body = Buffer.concat(parts);
  if (info.imageChipId === undefined) return body;
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** An application image (what OTA takes): a data segment (app descriptor first on ESP32) and a code segment. */
export function buildAppImage(options: EspImageOptions): Buffer {
  const info = espChipInfo(options.chip);
  const total = Math.max(1024, options.payloadSize ?? 64 * 1024);
  const marker = encodeVersionMarker({ version: options.version, build: options.build ?? 'tasmota' });
  // Real Tasmota images keep `PROJECT "tasmota"` (arendst/Tasmota tasmota/my_user_config.h) as text in flash.
  const project = Buffer.from('tasmota\0', 'latin1');
  const head = info.imageChipId === undefined ? [project, marker] : [appDescriptor(options), project, marker];
  const dataSize = Math.floor(total / 2);
  const headSize = head.reduce((sum, part) => sum + part.length, 0);
  const label = `${options.chip}/${options.version}`;
  const data = padTo4(
    Buffer.concat([...head, fillerBytes(Math.max(0, dataSize - headSize), `${label}/data`)]),
  );
  const code = padTo4(fillerBytes(Math.max(4, total - dataSize - 64), `${label}/code`));
  const segments = [
    { addr: info.dromAddr, data },
    { addr: info.iramAddr, data: code },
  ];
  return serialiseEspImage(info, segments, info.iramAddr + 4);
}
