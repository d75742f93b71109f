/**
 * What the real Tasmota captures should read as, where the capture alone cannot say it: the chip each real
 * `StatusFWR.Hardware` string names (Tasmota's `GetDeviceHardware`, support_esp8266.ino / support_esp32.ino).
 */
export const CHIP_OF_HARDWARE: Record<string, string> = {
  ESP8266EX: 'ESP8266',
  ESP8285N08: 'ESP8266',
  'ESP32-D0WD-V3 v3.0': 'ESP32',
  'ESP32-D0WD-V3 v3.1': 'ESP32',
  'ESP32-C3 v0.4': 'ESP32-C3',
};

/**
 * Merged replies that cannot identify a device: the documentation page writes `XX` over the MAC (a capture
 * edit), and its 5.x `FriendlyName` is a string, which the parser refuses as well (reported, not fixed here).
 */
export const UNPARSABLE_MERGED: Record<string, RegExp> = {
  '5.12.0a-docs-example.json': /not a MAC address|FriendlyName/,
};
