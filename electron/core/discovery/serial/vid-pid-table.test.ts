import { describe, expect, it } from 'vitest';
import { lookupUsbSerialChip, normalizeUsbId } from './vid-pid-table';

describe('normalizeUsbId', () => {
  it.each([
    ['10c4', '10c4'],
    ['10C4', '10c4'],
    ['0x10C4', '10c4'],
    [' 403 ', '0403'],
    ['EA60', 'ea60'],
    ['', null],
    ['10c4a', null],
    ['zzzz', null],
    [undefined, null],
    [4292, null],
  ])('%j → %j', (raw, expected) => expect(normalizeUsbId(raw)).toBe(expected));
});

describe('lookupUsbSerialChip', () => {
  it.each([
    ['10c4', 'ea60', 'Silicon Labs CP210x', ['tasmota', 'esphome']],
    ['1a86', '7523', 'WCH CH340/CH341', ['tasmota', 'esphome', 'shelly']],
    ['1a86', '55d4', 'WCH CH9102', ['tasmota', 'esphome']],
    ['0403', '6001', 'FTDI FT232R', ['tasmota', 'esphome', 'shelly']],
    ['067b', '2303', 'Prolific PL2303', ['tasmota', 'esphome', 'shelly']],
    ['303a', '1001', 'Espressif USB-Serial/JTAG (ESP32-C3/C6/H2/S3)', ['tasmota', 'esphome']],
    ['303a', '0002', 'Espressif ROM USB-OTG (ESP32-S2 download mode)', ['tasmota', 'esphome']],
    ['303a', '0009', 'Espressif ROM USB-OTG (ESP32-S3 download mode)', ['tasmota', 'esphome']],
    ['303a', '0012', 'Espressif ROM USB-OTG (ESP32-P4 download mode)', ['tasmota', 'esphome']],
    ['303a', '8123', 'Espressif native USB', ['tasmota', 'esphome']],
    ['10c4', null, 'Silicon Labs (unknown bridge)', ['tasmota', 'esphome']],
  ])('%s:%s is %s', (vid, pid, chip, families) => {
    expect(lookupUsbSerialChip(vid, pid)).toEqual({ chip, likelyFamilies: families });
  });

  it('knows nothing about other vendors or a missing VID', () => {
    expect(lookupUsbSerialChip('046d', 'c52b')).toBeNull();
    expect(lookupUsbSerialChip(null, 'ea60')).toBeNull();
  });
});
