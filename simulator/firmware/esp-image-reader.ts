import { createHash } from 'node:crypto';
import {
  APP_DESC_SIZE,
  ESP_APP_DESC_MAGIC,
  ESP_IMAGE_MAGIC,
  segmentChecksum,
  type Segment,
} from './esp-image-builder';

/** How a device lays the bytes out: an ESP8266 has no extended header; the ESP32 family always reads one. */
export type EspLayout = 'esp8266' | 'esp32';

export interface EspAppDesc {
  version: string;
  projectName: string;
}

export interface EspImageView {
  /** `esp_chip_id_t` from offset 12 (ESP32 layout only). */
  chipId: number | undefined;
  /** Byte 3 high nibble: the flash size code. */
  flashSizeCode: number;
  segments: Segment[];
  /** Bytes up to and including the checksum byte. */
  length: number;
  checksumOk: boolean;
  /** True when no hash is appended, or the appended SHA-256 matches. */
  hashOk: boolean;
  /** `esp_app_desc_t` when the first segment starts with its magic word (ESP32 layout only). */
  appDesc: EspAppDesc | undefined;
}

export type EspReadResult = { ok: true; image: EspImageView } | { ok: false; reason: string };

const MAX_SEGMENTS = 16; // esp-idf ESP_IMAGE_MAX_SEGMENTS

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('latin1');
}

function readAppDesc(first: Segment | undefined): EspAppDesc | undefined {
  if (first === undefined || first.data.length < APP_DESC_SIZE) return undefined;
  if (first.data.readUInt32LE(0) !== ESP_APP_DESC_MAGIC) return undefined;
  return { version: cString(first.data.subarray(16, 48)), projectName: cString(first.data.subarray(48, 80)) };
}

/**
 * Reads an image the way the firmware does (esp-idf `esp_image_format.c` `image_load`: header, segments,
 * checksum, appended hash; esptool `bin_image.py` for the byte layout). Structural faults are a reason; a
 * checksum or hash mismatch is reported in the view so each device can answer with its own words.
 */
export function readEspImage(bytes: Buffer, layout: EspLayout): EspReadResult {
  const headerLength = layout === 'esp32' ? 24 : 8;
  if (bytes.length < headerLength) return { ok: false, reason: 'image too short' };
  if (bytes[0] !== ESP_IMAGE_MAGIC) return { ok: false, reason: 'bad magic' };
  const count = bytes[1];
  if (count > MAX_SEGMENTS) return { ok: false, reason: `segment count ${count} exceeds ${MAX_SEGMENTS}` };
  const segments: Segment[] = [];
  let offset = headerLength;
  for (let i = 0; i < count; i += 1) {
    if (offset + 8 > bytes.length) return { ok: false, reason: `segment ${i} header past the end` };
    const addr = bytes.readUInt32LE(offset);
    const length = bytes.readUInt32LE(offset + 4);
    if (offset + 8 + length > bytes.length) return { ok: false, reason: `segment ${i} data past the end` };
    segments.push({ addr, data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset += 8 + length;
  }
  const checksumAt = offset + (15 - (offset % 16));
  if (checksumAt >= bytes.length) return { ok: false, reason: 'no checksum byte' };
  const length = checksumAt + 1;
  const hashAppended = layout === 'esp32' && bytes[23] === 1;
  let hashOk = true;
  if (hashAppended) {
    const digest = bytes.subarray(length, length + 32);
    hashOk =
      digest.length === 32 && digest.equals(createHash('sha256').update(bytes.subarray(0, length)).digest());
  }
  return {
    ok: true,
    image: {
      chipId: layout === 'esp32' ? bytes.readUInt16LE(12) : undefined,
      flashSizeCode: bytes[3] >> 4,
      segments,
      length,
      checksumOk: bytes[checksumAt] === segmentChecksum(segments),
      hashOk,
      appDesc: layout === 'esp32' ? readAppDesc(segments[0]) : undefined,
    },
  };
}
