import type { DeviceFamily } from '../../../../shared/domain/device';

/** What a USB VID:PID says about the port: the bridge chip, and the device families usually behind it. */
export interface UsbSerialChip {
  chip: string;
  likelyFamilies: DeviceFamily[];
}

// A bridge on an ESP8266/ESP32 board cannot tell Tasmota from ESPHome; only talking to it can (§4.1).
const ESP_BOARD: DeviceFamily[] = ['tasmota', 'esphome'];
// Loose USB-TTL adapters are also clipped onto Shelly UART headers (Gen2+ answer JSON-RPC there).
const USB_TTL: DeviceFamily[] = ['tasmota', 'esphome', 'shelly'];

/** PROTOCOLS.md §4.1, keyed `vid:pid` in lower-case 4-digit hex. */
const BY_VID_PID: Readonly<Record<string, UsbSerialChip>> = {
  '10c4:ea60': { chip: 'Silicon Labs CP210x', likelyFamilies: ESP_BOARD },
  '10c4:ea70': { chip: 'Silicon Labs CP2105', likelyFamilies: ESP_BOARD },
  '10c4:ea71': { chip: 'Silicon Labs CP2108', likelyFamilies: ESP_BOARD },
  '1a86:7523': { chip: 'WCH CH340/CH341', likelyFamilies: USB_TTL },
  '1a86:7522': { chip: 'WCH CH340K', likelyFamilies: USB_TTL },
  '1a86:5523': { chip: 'WCH CH341', likelyFamilies: USB_TTL },
  '1a86:55d4': { chip: 'WCH CH9102', likelyFamilies: ESP_BOARD },
  '1a86:55d3': { chip: 'WCH CH343', likelyFamilies: ESP_BOARD },
  '0403:6001': { chip: 'FTDI FT232R', likelyFamilies: USB_TTL },
  '0403:6010': { chip: 'FTDI FT2232', likelyFamilies: ESP_BOARD },
  '0403:6011': { chip: 'FTDI FT4232', likelyFamilies: USB_TTL },
  '0403:6014': { chip: 'FTDI FT232H', likelyFamilies: USB_TTL },
  '0403:6015': { chip: 'FTDI FT-X (FT230X/FT231X)', likelyFamilies: USB_TTL },
  '067b:2303': { chip: 'Prolific PL2303', likelyFamilies: USB_TTL },
  '067b:23a3': { chip: 'Prolific PL2303GC', likelyFamilies: USB_TTL },
  '303a:1001': { chip: 'Espressif USB-Serial/JTAG (ESP32-C3/C6/H2/S3)', likelyFamilies: ESP_BOARD },
  // ROM USB-OTG download mode: the PID is the chip ID (esptool loader.py `uses_usb_otg`; PROTOCOLS.md §4.1).
  '303a:0002': { chip: 'Espressif ROM USB-OTG (ESP32-S2 download mode)', likelyFamilies: ESP_BOARD },
  '303a:0009': { chip: 'Espressif ROM USB-OTG (ESP32-S3 download mode)', likelyFamilies: ESP_BOARD },
  '303a:0012': { chip: 'Espressif ROM USB-OTG (ESP32-P4 download mode)', likelyFamilies: ESP_BOARD },
  '303a:4001': { chip: 'Espressif TinyUSB CDC', likelyFamilies: ESP_BOARD },
  '303a:4002': { chip: 'Espressif TinyUSB CDC', likelyFamilies: ESP_BOARD },
};

/** Vendors whose other products are still serial bridges or ESP boards (e.g. board-allocated Espressif PIDs). */
const BY_VENDOR: Readonly<Record<string, UsbSerialChip>> = {
  '10c4': { chip: 'Silicon Labs (unknown bridge)', likelyFamilies: ESP_BOARD },
  '1a86': { chip: 'WCH (unknown bridge)', likelyFamilies: USB_TTL },
  '0403': { chip: 'FTDI (unknown bridge)', likelyFamilies: USB_TTL },
  '067b': { chip: 'Prolific (unknown bridge)', likelyFamilies: USB_TTL },
  '303a': { chip: 'Espressif native USB', likelyFamilies: ESP_BOARD },
};

/**
 * A USB vendor or product id as the OS reports it (`10c4` on Linux/macOS, `10C4` on Windows, sometimes
 * `0x10c4`) → lower-case 4-digit hex; anything else → null.
 */
export function normalizeUsbId(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const hex = raw.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,4}$/.test(hex) ? hex.padStart(4, '0') : null;
}

/** The chip behind a VID:PID (already normalised), falling back to the vendor; null when unknown. */
export function lookupUsbSerialChip(vendorId: string | null, productId: string | null): UsbSerialChip | null {
  if (vendorId === null) return null;
  return (
    (productId !== null ? BY_VID_PID[`${vendorId}:${productId}`] : undefined) ?? BY_VENDOR[vendorId] ?? null
  );
}
