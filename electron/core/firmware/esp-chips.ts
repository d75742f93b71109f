/**
 * ESP chips as firmware image headers name them. `imageChipId` is the chip ID an ESP32-family image carries in
 * its extended header; `bootloaderOffset` is where a factory (whole-flash) image puts the second-stage
 * bootloader. Both from espressif/esptool `esptool/targets/*.py` (`IMAGE_CHIP_ID`, `BOOTLOADER_FLASH_OFFSET`,
 * inherited where a target does not set its own: ESP32-S2 from ESP32, ESP32-C2 from ESP32-C3, ESP32-H2 from
 * ESP32-C6).
 */
export interface EspChip {
  name: string;
  /** Null for the ESP8266, whose images have no extended header and so no chip ID. */
  imageChipId: number | null;
  bootloaderOffset: number;
}

export const ESP_CHIPS: readonly EspChip[] = [
  { name: 'ESP8266', imageChipId: null, bootloaderOffset: 0x0 },
  { name: 'ESP32', imageChipId: 0x0000, bootloaderOffset: 0x1000 },
  { name: 'ESP32-S2', imageChipId: 0x0002, bootloaderOffset: 0x1000 },
  { name: 'ESP32-C3', imageChipId: 0x0005, bootloaderOffset: 0x0 },
  { name: 'ESP32-S3', imageChipId: 0x0009, bootloaderOffset: 0x0 },
  { name: 'ESP32-C2', imageChipId: 0x000c, bootloaderOffset: 0x0 },
  { name: 'ESP32-C6', imageChipId: 0x000d, bootloaderOffset: 0x0 },
  { name: 'ESP32-H2', imageChipId: 0x0010, bootloaderOffset: 0x0 },
  { name: 'ESP32-P4', imageChipId: 0x0012, bootloaderOffset: 0x2000 },
  { name: 'ESP32-C61', imageChipId: 0x0014, bootloaderOffset: 0x0 },
  { name: 'ESP32-C5', imageChipId: 0x0017, bootloaderOffset: 0x2000 },
];

export function chipById(id: number): EspChip | null {
  return ESP_CHIPS.find((c) => c.imageChipId === id) ?? null;
}

export function chipByName(name: string): EspChip | null {
  const wanted = name.trim().toUpperCase();
  return ESP_CHIPS.find((c) => c.name === wanted) ?? null;
}
