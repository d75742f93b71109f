import { createHash } from 'node:crypto';
import { APP_DESC_END, readAppDesc, type EspAppDesc } from './esp-app-desc';
import { ESP32_HEADER_LENGTH, readEspImageHeader, type EspImageHeader } from './esp-image-header';
import { MAX_REQUEST, type ByteCursor, type ByteParser } from './byte-feeder';

/** esptool `ESPLoader.ESP_CHECKSUM_MAGIC`: the XOR checksum's seed. */
const CHECKSUM_SEED = 0xef;
/** esptool `BaseFirmwareImage.save_segment` refuses segments of 16 MiB and more. */
const MAX_SEGMENT = 0x1000000;

export type EspImageVerdict =
  | { ok: true; start: number; end: number; header: EspImageHeader; appDesc: EspAppDesc | null }
  | { ok: false; problem: string };

/**
 * Walks one ESP image from the cursor's position, as esptool's `ESP32FirmwareImage` / `ESP8266ROMFirmwareImage`
 * load it (`esptool/bin_image.py`): header, each segment (8-byte header: load address, length; then the
 * data), the checksum byte (XOR of every segment's data, seeded 0xEF) as the last byte of the next 16-byte
 * boundary, then on the ESP32 family the SHA-256 of everything before it when `hash_appended` is set.
 * `end` is the offset just past the image. Bytes after it are not the image's business.
 */
export function* checkEspImage(cursor: ByteCursor): ByteParser<EspImageVerdict> {
  const start = cursor.offset;
  const peek = yield* cursor.read(ESP32_HEADER_LENGTH);
  cursor.unread(peek);
  const header = readEspImageHeader(peek);
  if ('problem' in header) return { ok: false, problem: header.problem };
  const hash = createHash('sha256');
  try {
    // Look far enough to read the app descriptor, then give back what follows the header.
    const head = yield* cursor.read(Math.max(header.headerLength, APP_DESC_END));
    hash.update(head.subarray(0, header.headerLength));
    const appDesc = header.chip === 'ESP8266' ? null : readAppDesc(head);
    cursor.unread(head.subarray(header.headerLength));
    cursor.tap = (bytes) => void hash.update(bytes);
    let checksum = CHECKSUM_SEED;
    for (let i = 0; i < header.segmentCount; i++) {
      const segment = yield* cursor.read(8);
      if (segment.length < 8) return truncated(i, header.segmentCount);
      const length = segment.readUInt32LE(4);
      if (length >= MAX_SEGMENT) {
        return {
          ok: false,
          problem: `bad segment ${i + 1}: ${length} bytes long (a segment stays below 16 MiB)`,
        };
      }
      for (let left = length; left > 0;) {
        const want = Math.min(left, MAX_REQUEST);
        const piece = yield* cursor.read(want);
        if (piece.length < want) return truncated(i, header.segmentCount);
        for (let b = 0; b < piece.length; b++) checksum ^= piece[b]!;
        left -= want;
      }
    }
    const padding = 15 - ((cursor.offset - start) % 16);
    const tail = yield* cursor.read(padding + 1);
    if (tail.length < padding + 1) return { ok: false, problem: 'truncated: the checksum is missing' };
    if (tail[padding] !== checksum) {
      return { ok: false, problem: 'checksum mismatch: the segments do not match the image checksum' };
    }
    cursor.tap = null;
    if (header.hashAppended) {
      const expected = hash.digest();
      const stored = yield* cursor.read(32);
      if (stored.length < 32) return { ok: false, problem: 'truncated: the appended SHA-256 is missing' };
      if (!stored.equals(expected)) {
        return { ok: false, problem: 'sha256 mismatch: the image does not match its appended SHA-256' };
      }
    }
    return { ok: true, start, end: cursor.offset, header, appDesc };
  } finally {
    cursor.tap = null;
  }
}

function truncated(segment: number, count: number): EspImageVerdict {
  return { ok: false, problem: `truncated: the file ends inside segment ${segment + 1} of ${count}` };
}
