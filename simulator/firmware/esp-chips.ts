/**
 * The chips an ESP image can be built for, with the facts a device checks.
 *
 * Chip IDs: esp-idf `components/bootloader_support/include/esp_app_format.h` (`esp_chip_id_t`) and
 * espressif/esptool `esptool/targets/*.py` (`IMAGE_CHIP_ID`). Bootloader offsets: esptool
 * `BOOTLOADER_FLASH_OFFSET` (0x1000 on ESP32/S2, 0x0 on C3/S3/C2/C6/H2). DROM/IRAM addresses: esptool
 * `DROM_MAP_START` / `IRAM` memory maps; only used to make segment headers look like real ones.
 */
export type EspChip =
  'ESP8266' | 'ESP32' | 'ESP32-S2' | 'ESP32-S3' | 'ESP32-C2' | 'ESP32-C3' | 'ESP32-C6' | 'ESP32-H2';

export interface EspChipInfo {
  readonly chip: EspChip;
  /** `esp_chip_id_t` in the extended header; undefined for the ESP8266 (no extended header). */
  readonly imageChipId: number | undefined;
  /** Where the second-stage bootloader sits in a factory image. */
  readonly bootloaderOffset: number;
  /** Load address of the first flash (DROM) segment: the one holding `esp_app_desc_t`. */
  readonly dromAddr: number;
  /** Load address of the code segment and the entry point. */
  readonly iramAddr: number;
  /** Tasmota's build name for the chip (the release file name stem: tasmota.bin, tasmota32c3.bin). */
  readonly tasmotaBuild: string;
}

const table: readonly EspChipInfo[] = [
  {
    chip: 'ESP8266',
    imageChipId: undefined,
    bootloaderOffset: 0,
    dromAddr: 0x3ffe8000,
    iramAddr: 0x40100000,
    tasmotaBuild: 'tasmota',
  },
  {
    chip: 'ESP32',
    imageChipId: 0x0000,
    bootloaderOffset: 0x1000,
    dromAddr: 0x3f400020,
    iramAddr: 0x40080000,
    tasmotaBuild: 'tasmota32',
  },
  {
    chip: 'ESP32-S2',
    imageChipId: 0x0002,
    bootloaderOffset: 0x1000,
    dromAddr: 0x3f000020,
    iramAddr: 0x40022000,
    tasmotaBuild: 'tasmota32s2',
  },
  {
    chip: 'ESP32-C3',
    imageChipId: 0x0005,
    bootloaderOffset: 0,
    dromAddr: 0x3c000020,
    iramAddr: 0x40380000,
    tasmotaBuild: 'tasmota32c3',
  },
  {
    chip: 'ESP32-S3',
    imageChipId: 0x0009,
    bootloaderOffset: 0,
    dromAddr: 0x3c000020,
    iramAddr: 0x40370000,
    tasmotaBuild: 'tasmota32s3',
  },
  {
    chip: 'ESP32-C2',
    imageChipId: 0x000c,
    bootloaderOffset: 0,
    dromAddr: 0x3c000020,
    iramAddr: 0x40380000,
    tasmotaBuild: 'tasmota32c2',
  },
  {
    chip: 'ESP32-C6',
    imageChipId: 0x000d,
    bootloaderOffset: 0,
    dromAddr: 0x42800020,
    iramAddr: 0x40800000,
    tasmotaBuild: 'tasmota32c6',
  },
  {
    chip: 'ESP32-H2',
    imageChipId: 0x0010,
    bootloaderOffset: 0,
    dromAddr: 0x42800020,
    iramAddr: 0x40800000,
    tasmotaBuild: 'tasmota32h2',
  },
];

export const ESP_CHIPS: readonly EspChip[] = table.map((entry) => entry.chip);

export function espChipInfo(chip: EspChip): EspChipInfo {
  const info = table.find((entry) => entry.chip === chip);
  if (info === undefined) throw new TypeError(`unknown ESP chip ${String(chip)}`);
  return info;
}

/** The chip an extended header names, or undefined for an ID no chip here has. */
export function chipForImageId(id: number): EspChip | undefined {
  return table.find((entry) => entry.imageChipId === id)?.chip;
}

/** `esp32c3`, `ESP32-C3`, `esp8266` → the chip; undefined when nothing matches. */
export function parseEspChip(text: string): EspChip | undefined {
  const key = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return table.find((entry) => entry.chip.replace('-', '') === key)?.chip;
}
