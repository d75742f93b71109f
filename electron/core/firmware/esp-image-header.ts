import { chipById } from './esp-chips';

/** First byte of every ESP app/bootloader image (esptool `ESPLoader.ESP_IMAGE_MAGIC`). */
export const ESP_IMAGE_MAGIC = 0xe9;
/** Common header (8 bytes) + ESP32-family extended header (16 bytes). */
export const ESP32_HEADER_LENGTH = 24;
const COMMON_HEADER_LENGTH = 8;
/** esptool `BaseFirmwareImage.verify`: more than 16 segments is not a valid image. */
const MAX_SEGMENTS = 16;

/** What an ESP image header says (esptool docs, "Firmware Image Format"; esptool `esptool/bin_image.py`). */
export interface EspImageHeader {
  chip: string;
  segmentCount: number;
  flashMode: number;
  flashSizeFreq: number;
  entry: number;
  /** Bytes before the first segment header: 8 on the ESP8266, 24 on the ESP32 family. */
  headerLength: number;
  /** ESP32 family: a SHA-256 of the image follows its checksum (extended header byte 15, image byte 23). */
  hashAppended: boolean;
}

/**
 * ESP8266 load addresses (DRAM 0x3FFE8000 … IROM up to 0x40300000; esptool `targets/esp8266.py` memory
 * map). On an ESP8266 image, bytes 8–11 are the first segment's load address; on the ESP32 family they are
 * `wp_pin` and three SPI drive-strength bytes, which as a number stay far below this range.
 */
const isEsp8266Address = (value: number) => value >= 0x3ffe0000 && value < 0x40300000;

/**
 * Reads the header at `at` (needs 24 bytes). ESP8266 images carry no chip ID, so the chip is told apart the
 * way esptool's `image_info` does (`_parse_image_info_header` in `esptool/cmds.py`): an extended header whose
 * last byte (`hash_appended`) is 0 or 1 and whose chip ID is known makes an ESP32-family image, anything else
 * an ESP8266 image. We check the ESP8266 segment address first, which that rule cannot confuse.
 * Returns the reason when the bytes are not an ESP image header.
 */
export function readEspImageHeader(bytes: Buffer, at = 0): EspImageHeader | { problem: string } {
  if (bytes.length < at + 1 || bytes[at] !== ESP_IMAGE_MAGIC) {
    const first =
      bytes.length > at ? `0x${bytes[at]!.toString(16).padStart(2, '0').toUpperCase()}` : 'nothing';
    return { problem: `not an ESP image (it starts with ${first}; an ESP image starts with E9)` };
  }
  if (bytes.length < at + ESP32_HEADER_LENGTH) return { problem: 'truncated: the image header is cut off' };
  const segmentCount = bytes[at + 1]!;
  if (segmentCount === 0 || segmentCount > MAX_SEGMENTS) {
    return { problem: `bad header: ${segmentCount} segments (an ESP image has 1 to ${MAX_SEGMENTS})` };
  }
  const common = {
    segmentCount,
    flashMode: bytes[at + 2]!,
    flashSizeFreq: bytes[at + 3]!,
    entry: bytes.readUInt32LE(at + 4),
  };
  const esp8266 = { ...common, chip: 'ESP8266', headerLength: COMMON_HEADER_LENGTH, hashAppended: false };
  if (isEsp8266Address(bytes.readUInt32LE(at + 8))) return esp8266;
  const hashByte = bytes[at + 23]!;
  if (hashByte !== 0 && hashByte !== 1) return esp8266;
  const chipId = bytes.readUInt16LE(at + 12);
  const chip = chipById(chipId);
  if (!chip) {
    return { problem: `unknown chip ID 0x${chipId.toString(16).padStart(4, '0')} in the image header` };
  }
  return { ...common, chip: chip.name, headerLength: ESP32_HEADER_LENGTH, hashAppended: hashByte === 1 };
}
