/**
 * `StatusFWR.Hardware` → the chip name firmware image headers use (esp-chips.ts), or null when unknown.
 * Tasmota reports GetDeviceHardwareRevision() there (tasmota_support/support_command.ino, CmndStatus):
 * GetDeviceHardware() plus ` v<major>.<minor>` on ESP32. GetDeviceHardware() names the package, not only
 * the chip (support_esp8266.ino: `ESP8266EX`, `ESP8285N08`…`ESP8285H32`; support_esp32.ino:
 * `ESP32-D0WD-V3`, `ESP32-PICO-D4`, `ESP32-S2FH4`, `ESP32-S3-PICO-1`, `ESP32-C6FH4`, `ESP32-C3 AZ`, and
 * `ESP8685`/`ESP8686` for C3 packages with embedded flash; its comments call the C2 with flash `ESP8684`).
 */
export function chipFromHardware(hardware: string): string | null {
  const text = hardware.trim().toUpperCase();
  if (/^ESP82(66|85)/.test(text)) return 'ESP8266';
  if (/^ESP868[56]/.test(text)) return 'ESP32-C3';
  if (text.startsWith('ESP8684')) return 'ESP32-C2';
  const variant = /^ESP32-?(C61|C2|C3|C5|C6|H2|P4|S2|S3)/.exec(text)?.[1];
  if (variant) return `ESP32-${variant}`;
  // The classic ESP32's packages (D0WD, D0WDQ6, D2WD, S0WD, U4WDH, PICO) or Tasmota's fallback `ESP32`.
  return /^ESP32(-(D0|D2|S0|U4|PICO)|\s|$)/.test(text) ? 'ESP32' : null;
}
