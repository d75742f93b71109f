import { describe, expect, it } from 'vitest';
import { esphomeChip } from './esphome-chip';

describe('esphomeChip', () => {
  it.each<[string, Record<string, string>, string | null]>([
    ['ESP8266', { platform: 'ESP8266', board: 'nodemcuv2' }, 'ESP8266'],
    ['a plain ESP32 board', { platform: 'ESP32', board: 'esp32dev' }, 'ESP32'],
    // esphome/components/esp32/boards.py: esp32-c3-devkitm-1 → VARIANT_ESP32C3, esp32-s3-devkitc-1 → S3 …
    ['an Espressif C3 devkit', { platform: 'ESP32', board: 'esp32-c3-devkitm-1' }, 'ESP32-C3'],
    ['an Espressif S3 devkit', { platform: 'ESP32', board: 'esp32-s3-devkitc-1' }, 'ESP32-S3'],
    ['a board id ending in the variant', { platform: 'ESP32', board: 'adafruit_qtpy_esp32s2' }, 'ESP32-S2'],
    ['a C6 board', { platform: 'ESP32', board: 'esp32-c6-devkitc-1' }, 'ESP32-C6'],
    [
      'a listed board without the variant in its id',
      { platform: 'ESP32', board: 'lolin_s2_mini' },
      'ESP32-S2',
    ],
    ['a listed C3 board', { platform: 'ESP32', board: 'lolin_c3_mini' }, 'ESP32-C3'],
    ['the listed exception', { platform: 'ESP32', board: 'sparkfun_esp32s2_thing_plus_c' }, 'ESP32'],
    ['ESP32 without a board', { platform: 'ESP32' }, 'ESP32'],
    ['RP2 (current name)', { platform: 'RP2', board: 'rpipicow' }, 'RP2040'],
    ['RP2040 (older name)', { platform: 'RP2040', board: 'rpipicow' }, 'RP2040'],
    ['a LibreTiny chip', { platform: 'BK7231N', board: 'generic-bk7231n-qfn32-tuya' }, 'BK7231N'],
    ['nRF52', { platform: 'nRF52', board: 'adafruit_feather_nrf52840' }, 'nRF52'],
    ['no platform', { board: 'esp32dev' }, null],
    ['an empty platform', { platform: ' ', board: 'esp32dev' }, null],
  ])('%s', (_what, txt, chip) => {
    expect(esphomeChip(txt)).toBe(chip);
  });
});
