import { describe, expect, it } from 'vitest';
import { chipFromHardware } from './device-match';

describe('chip from StatusFWR.Hardware', () => {
  // Strings GetDeviceHardware()/GetDeviceHardwareRevision() return (support_esp8266.ino, support_esp32.ino).
  it.each([
    ['ESP8266EX', 'ESP8266'],
    ['ESP8285N08', 'ESP8266'],
    ['ESP8285H32', 'ESP8266'],
    ['ESP8285', 'ESP8266'],
    ['ESP32-D0WD-V3 v3.0', 'ESP32'],
    ['ESP32-D0WDQ6 v1.0', 'ESP32'],
    ['ESP32-S0WD v1.0', 'ESP32'],
    ['ESP32-PICO-D4 v1.0', 'ESP32'],
    ['ESP32-U4WDH-S v3.1', 'ESP32'],
    ['ESP32 v3.0', 'ESP32'],
    ['ESP32-C3 v0.4', 'ESP32-C3'],
    ['ESP32-C3 AZ v0.4', 'ESP32-C3'],
    ['ESP8685 v0.4', 'ESP32-C3'],
    ['ESP8686 v0.4', 'ESP32-C3'],
    ['ESP32-S2FH4 v0.0', 'ESP32-S2'],
    ['ESP32-S2FNR2 v0.0', 'ESP32-S2'],
    ['ESP32-S3-PICO-1 v0.2', 'ESP32-S3'],
    ['esp32-s3', 'ESP32-S3'],
    ['ESP32-C6FH4 v0.0', 'ESP32-C6'],
    ['ESP32-C2 v1.0', 'ESP32-C2'],
    ['ESP32-H2 v0.1', 'ESP32-H2'],
    ['ESP32-P4 v1.0', 'ESP32-P4'],
    ['RP2040', null],
    ['ESP32-X9', null],
    ['', null],
  ])('reads %j as %s', (hardware, chip) => {
    expect(chipFromHardware(hardware)).toBe(chip);
  });
});
