import { describe, expect, it } from 'vitest';
import {
  imagesFor,
  whyDowngradeIsRefused,
  whyImageDoesNotFit,
  type MatchableDevice,
  type MatchableImage,
} from './firmware-match';

const esp = (chip: string | null, over: Partial<MatchableImage> = {}): MatchableImage => ({
  family: 'tasmota',
  kind: 'ota',
  chip,
  app: null,
  version: '14.4.0',
  fileName: 'tasmota.bin',
  ...over,
});
const zip = (app: string | null, over: Partial<MatchableImage> = {}): MatchableImage => ({
  family: 'shelly',
  kind: 'ota',
  chip: null,
  app,
  version: '1.6.0',
  fileName: 'Plus1PM.zip',
  ...over,
});
const tasmota = (chip: string | null, firmware = '14.2.0(release-tasmota)'): MatchableDevice => ({
  family: 'tasmota',
  chip,
  product: 'Tasmota',
  firmware,
});
const shelly = (app: string | null, firmware = '1.4.2'): MatchableDevice => ({
  family: 'shelly',
  chip: null,
  product: app,
  firmware,
});

describe('whether an image is made for a device', () => {
  it.each<[string, MatchableImage, MatchableDevice, string | null]>([
    ['an ESP8266 image on an ESP8266', esp('ESP8266'), tasmota('ESP8266'), null],
    ['chip names in any spelling', esp('esp32c3'), tasmota('ESP32-C3'), null],
    [
      'a C3 image on an ESP32',
      esp('ESP32-C3'),
      tasmota('ESP32'),
      'image is for ESP32-C3; this device is ESP32',
    ],
    [
      'an ESP32 image on an ESP8266',
      esp('ESP32'),
      tasmota('ESP8266'),
      'image is for ESP32; this device is ESP8266',
    ],
    [
      'a factory image',
      esp('ESP8266', { kind: 'factory', fileName: 'tasmota.factory.bin' }),
      tasmota('ESP8266'),
      'tasmota.factory.bin is a factory image (for flashing over USB), not an over-the-air update',
    ],
    ['another family', esp('ESP8266'), shelly('Plus1PM'), 'tasmota.bin is for tasmota devices'],
    [
      'an image without a chip',
      esp(null),
      tasmota('ESP8266'),
      'tasmota.bin does not say which chip it is for',
    ],
    [
      'an ESPHome image by chip',
      esp('ESP32', { family: 'esphome' }),
      { ...tasmota('ESP32'), family: 'esphome' },
      null,
    ],
    ['a Shelly zip for its app', zip('Plus1PM'), shelly('Plus1PM'), null],
    ['a Shelly app in any case', zip('plus1pm'), shelly('Plus1PM'), null],
    [
      'a Shelly zip for another app',
      zip('Pro4PM'),
      shelly('Plus1PM'),
      'image is for Pro4PM; this device is Plus1PM',
    ],
    [
      'a Shelly zip without a manifest name',
      zip(null),
      shelly('Plus1PM'),
      'Plus1PM.zip names no Shelly app; re-import it from the original zip',
    ],
  ])('%s', (_case, image, device, reason) => {
    expect(whyImageDoesNotFit(image, device)).toBe(reason);
  });

  it('tells what to do when a device has not reported its chip yet', () => {
    expect(whyImageDoesNotFit(esp('ESP8266'), tasmota(null))).toBe(
      'chip not known yet: the device has not reported its hardware yet; let discovery identify it over ' +
        'HTTP, MQTT or serial (Tasmota answers Status 2 with StatusFWR.Hardware), then plan again',
    );
    const esphome: MatchableDevice = { family: 'esphome', chip: null, product: null, firmware: '2025.8.0' };
    expect(whyImageDoesNotFit(esp('ESP32', { family: 'esphome' }), esphome)).toBe(
      'chip not known yet: its mDNS announcement named no platform or board; let discovery see it announce ' +
        'again, then plan again',
    );
  });

  it('says when a Shelly has not reported its app yet', () => {
    expect(whyImageDoesNotFit(zip('Plus1PM'), shelly(null))).toMatch(/^its app is not known yet/);
  });
});

describe('downgrades', () => {
  it.each<[string, string, boolean, string | null]>([
    [
      '15.1.0',
      '14.3.0.4',
      false,
      "runs 15.1.0, newer than the image's 14.3.0.4; allow downgrade in the step to install it",
    ],
    ['15.1.0', '14.3.0.4', true, null],
    [
      '14.3.0.5(tasmota)',
      '14.3.0.4',
      false,
      "runs 14.3.0.5(tasmota), newer than the image's 14.3.0.4; allow downgrade in the step to install it",
    ],
    ['14.3.0', '14.3.0.4', false, null],
    ['14.3.0.4', '14.3.0.4', false, null],
    ['unknown', '14.3.0.4', false, null],
    [
      '1.6.0',
      '1.6.0-beta1',
      false,
      "runs 1.6.0, newer than the image's 1.6.0-beta1; allow downgrade in the step to install it",
    ],
  ])('device on %s, image %s, allowed %s', (running, version, allowed, reason) => {
    expect(whyDowngradeIsRefused({ version }, { firmware: running }, allowed)).toBe(reason);
  });
});

describe('the images a step may install on a device', () => {
  const options = { allowDowngrade: false };

  it('keeps the fitting images in the step order', () => {
    const c3 = esp('ESP32-C3');
    const first = esp('ESP32', { fileName: 'a.bin' });
    const second = esp('ESP32', { fileName: 'b.bin' });
    expect(imagesFor([c3, null, first, second], tasmota('ESP32'), options)).toEqual({
      kind: 'fits',
      images: [first, second],
    });
  });

  it('passes over a downgrade unless the step allows it', () => {
    const old = esp('ESP8266', { version: '14.3.0.4' });
    const device = tasmota('ESP8266', '15.1.0');
    expect(imagesFor([old], device, options)).toEqual({
      kind: 'refused',
      reason: "runs 15.1.0, newer than the image's 14.3.0.4; allow downgrade in the step to install it",
    });
    expect(imagesFor([old], device, { allowDowngrade: true })).toEqual({ kind: 'fits', images: [old] });
  });

  it('gives the reasons about images of the device family, each once', () => {
    const device = tasmota('ESP32');
    expect(imagesFor([zip('Plus1PM'), esp('ESP32-C3'), esp('ESP32-C3')], device, options)).toEqual({
      kind: 'refused',
      reason: 'image is for ESP32-C3; this device is ESP32',
    });
    expect(imagesFor([esp('ESP32-C3'), esp('ESP8266')], device, options)).toEqual({
      kind: 'refused',
      reason: 'image is for ESP32-C3; this device is ESP32 / image is for ESP8266; this device is ESP32',
    });
  });

  it('says when no image of the step is for the device family, or none is in the library', () => {
    expect(imagesFor([zip('Plus1PM')], tasmota('ESP32'), options)).toEqual({
      kind: 'refused',
      reason: 'no image of the step is for tasmota devices',
    });
    expect(imagesFor([null], tasmota('ESP32'), options)).toEqual({
      kind: 'refused',
      reason: "none of the step's images is in the library; import them again",
    });
  });
});
