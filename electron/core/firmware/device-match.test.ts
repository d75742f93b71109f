import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { DeviceTarget } from '../drivers/device-driver';
import { chipFromHardware, deviceNames, hardwareFromRaw, imageFits } from './device-match';

const target = (family: DeviceTarget['family'], model: string): DeviceTarget => ({
  id: 'mac:a8032ab12345' as DeviceId,
  family,
  mac: 'a8032ab12345',
  model,
  endpoints: [],
});

describe('device matching', () => {
  it.each([
    ['ESP8266EX', 'ESP8266'],
    ['ESP8285N08', 'ESP8266'],
    ['ESP32-D0WD-V3 v3.0', 'ESP32'],
    ['ESP32-C3 v0.4', 'ESP32-C3'],
    ['esp32-s3', 'ESP32-S3'],
    ['ESP32S2', 'ESP32-S2'],
    ['RP2040', null],
  ])('reads the chip family of %s as %s', (hardware, chip) => {
    expect(chipFromHardware(hardware)).toBe(chip);
  });

  it('finds StatusFWR.Hardware in a Status 0 payload, also one level down', () => {
    expect(hardwareFromRaw({ StatusFWR: { Hardware: 'ESP8266EX' } })).toBe('ESP8266EX');
    expect(hardwareFromRaw({ status0: { StatusFWR: { Hardware: 'ESP32-C3 v0.4' } } })).toBe('ESP32-C3 v0.4');
    expect(hardwareFromRaw({ md: 'Sonoff Basic' })).toBeNull();
    expect(hardwareFromRaw(null)).toBeNull();
  });

  it('names a Tasmota device by chip and module, a Shelly by its SKU', () => {
    expect(deviceNames(target('tasmota', 'Sonoff Basic'), { StatusFWR: { Hardware: 'ESP8266EX' } })).toEqual([
      'ESP8266',
      'Sonoff Basic',
    ]);
    expect(deviceNames(target('tasmota', 'Sonoff Basic'), { md: 'Sonoff Basic' })).toEqual(['Sonoff Basic']);
    expect(deviceNames(target('shelly', 'SNSW-001P16EU'), { StatusFWR: { Hardware: 'ESP32' } })).toEqual([
      'SNSW-001P16EU',
    ]);
  });

  it('fits an image only with the same family and a model naming the device', () => {
    const shelly = target('shelly', 'SNSW-001P16EU');
    expect(imageFits({ family: 'shelly', models: ['snsw-001p16eu'] }, shelly, ['SNSW-001P16EU'])).toBe(true);
    expect(imageFits({ family: 'shelly', models: ['SNSW-002P16EU'] }, shelly, ['SNSW-001P16EU'])).toBe(false);
    expect(imageFits({ family: 'tasmota', models: ['SNSW-001P16EU'] }, shelly, ['SNSW-001P16EU'])).toBe(
      false,
    );
    const tasmota = target('tasmota', 'Sonoff Basic');
    expect(imageFits({ family: 'tasmota', models: ['ESP8266'] }, tasmota, ['ESP8266', 'Sonoff Basic'])).toBe(
      true,
    );
    expect(imageFits({ family: 'tasmota', models: ['ESP32'] }, tasmota, ['ESP8266', 'Sonoff Basic'])).toBe(
      false,
    );
    expect(imageFits({ family: 'tasmota', models: ['sonoff basic'] }, tasmota, ['Sonoff Basic'])).toBe(true);
  });
});
