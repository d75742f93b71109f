/**
 * The chip of an ESPHome node from its `_esphomelib._tcp` TXT (PROTOCOLS.md §3.1), named as firmware images name
 * chips (`ESP8266`, `ESP32`, `ESP32-C3`, …). `platform` is what esphome/components/mdns/mdns_component.cpp
 * writes: `ESP8266`, `ESP32` for every ESP32 variant, `RP2` (older `RP2040`), LibreTiny's chip model name
 * (`lt_cpu_get_model_name()`, e.g. `BK7231N`) or `nRF52`. The ESP32 variant is only in `board` (ESPHOME_BOARD).
 */

/**
 * Boards of esphome/esphome `esphome/components/esp32/boards.py` (BOARDS, `variant`) whose id does not carry
 * the variant as `esp32<v>`/`esp32-<v>`, or carries a wrong one (`sparkfun_esp32s2_thing_plus_c` is an ESP32).
 */
const BOARD_VARIANTS: Readonly<Record<string, string>> = {
  bee_motion_mini: 'ESP32-C3',
  deneyapkartg: 'ESP32-C3',
  lolin_c3_mini: 'ESP32-C3',
  'ttgo-t-oi-plus': 'ESP32-C3',
  wifiduino32c3: 'ESP32-C3',
  bee_motion: 'ESP32-S2',
  deneyapmini: 'ESP32-S2',
  deneyapminiv2: 'ESP32-S2',
  lolin_s2_mini: 'ESP32-S2',
  lolin_s2_pico: 'ESP32-S2',
  micros2: 'ESP32-S2',
  'nodemcu-32s2': 'ESP32-S2',
  um_feathers2: 'ESP32-S2',
  um_feathers2_neo: 'ESP32-S2',
  um_rmp: 'ESP32-S2',
  um_tinys2: 'ESP32-S2',
  bee_motion_s3: 'ESP32-S3',
  bee_s3: 'ESP32-S3',
  bpi_leaf_s3: 'ESP32-S3',
  cytron_maker_feather_aiot_s3: 'ESP32-S3',
  deneyapkart1Av2: 'ESP32-S3',
  lolin_s3: 'ESP32-S3',
  tamc_termod_s3: 'ESP32-S3',
  um_feathers3: 'ESP32-S3',
  um_pros3: 'ESP32-S3',
  um_tinys3: 'ESP32-S3',
  unphone8: 'ESP32-S3',
  unphone9: 'ESP32-S3',
  wifiduino32s3: 'ESP32-S3',
  sparkfun_esp32s2_thing_plus_c: 'ESP32',
};

/** `esp32-c3-devkitm-1`, `esp32s3box`, `adafruit_qtpy_esp32c3`, `seeed_xiao_esp32c6`: the variant in the id. */
const NAMED_VARIANT = /esp32-?(c2|c3|c5|c6|c61|h2|p4|s2|s3)(?![0-9a-z])/i;

function esp32Variant(board: string): string {
  const listed = BOARD_VARIANTS[board];
  if (listed !== undefined) return listed;
  const named = NAMED_VARIANT.exec(board);
  return named ? `ESP32-${named[1]!.toUpperCase()}` : 'ESP32';
}

/**
 * The chip from TXT `platform` and `board`; null without a `platform` (an old node, or one without the API).
 * An ESP32 board that names no variant (and is not listed above) reads as `ESP32`.
 */
export function esphomeChip(txt: Readonly<Record<string, string>>): string | null {
  const platform = txt.platform?.trim() ?? '';
  if (platform === '') return null;
  switch (platform.toUpperCase()) {
    case 'ESP32':
      return esp32Variant(txt.board?.trim() ?? '');
    case 'RP2':
    case 'RP2040':
      return 'RP2040';
    case 'NRF52':
      return 'nRF52';
    default:
      // ESP8266, and LibreTiny's chip names (BK7231N, RTL8710BN, …) as they are.
      return platform.toUpperCase();
  }
}
