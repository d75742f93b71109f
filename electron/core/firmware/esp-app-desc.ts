/**
 * `esp_app_desc_t` (esp-idf `components/esp_app_format/include/esp_app_format.h`): the first thing in an
 * ESP-IDF app's first segment, so at offset 0x20 of the image (24-byte header + 8-byte segment header).
 * Layout from there: magic_word u32, secure_version u32, reserved u32[2], version[32], project_name[32],
 * time[16], date[16], idf_ver[32].
 */
export const APP_DESC_OFFSET = 0x20;
export const APP_DESC_MAGIC = 0xabcd5432;
/** Bytes from the image start needed to read every field used here. */
export const APP_DESC_END = APP_DESC_OFFSET + 0x90;

export interface EspAppDesc {
  /** Empty strings become null (Tasmota builds were seen with an empty version). */
  version: string | null;
  projectName: string | null;
  time: string | null;
  date: string | null;
  idfVersion: string | null;
}

/** A NUL-terminated field; null when empty or not printable text. */
function cString(bytes: Buffer, from: number, length: number): string | null {
  const field = bytes.subarray(from, from + length);
  const end = field.indexOf(0);
  const text = field
    .subarray(0, end < 0 ? field.length : end)
    .toString('utf8')
    .trim();
  return text !== '' && /^[\x20-\x7e\u00a0-\uffff]+$/.test(text) && !text.includes('\ufffd') ? text : null;
}

/** Reads the descriptor of the image starting at `imageStart`; null when there is none (no magic). */
export function readAppDesc(bytes: Buffer, imageStart = 0): EspAppDesc | null {
  const at = imageStart + APP_DESC_OFFSET;
  if (bytes.length < imageStart + APP_DESC_END) return null;
  if (bytes.readUInt32LE(at) !== APP_DESC_MAGIC) return null;
  return {
    version: cString(bytes, at + 0x10, 32),
    projectName: cString(bytes, at + 0x30, 32),
    time: cString(bytes, at + 0x50, 16),
    date: cString(bytes, at + 0x60, 16),
    idfVersion: cString(bytes, at + 0x70, 32),
  };
}
