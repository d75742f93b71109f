import { describe, expect, it } from 'vitest';
import { buildEspImage, gzipImage } from './esp-image';
import { checkTasmotaImage, TASMOTA_OTA_ERRORS } from './tasmota-image-check';

const esp8266 = { chip: 'ESP8266' as const, flashBytes: 1024 * 1024 };
const esp32 = { chip: 'ESP32' as const, flashBytes: 4 * 1024 * 1024 };
const c3 = { chip: 'ESP32-C3' as const, flashBytes: 4 * 1024 * 1024 };
const flip = (image: Buffer, at: number): Buffer => {
  const copy = Buffer.from(image);
  copy[at < 0 ? copy.length + at : at] ^= 0xff;
  return copy;
};

describe('checkTasmotaImage on an ESP32', () => {
  it('flashes its own chip and boots into the app desc version, build from the marker', () => {
    const image = buildEspImage({ chip: 'ESP32', version: '14.4.0', build: 'tasmota32' });
    expect(checkTasmotaImage(image, esp32)).toEqual({
      kind: 'flash',
      boot: { version: '14.4.0', build: 'tasmota32' },
    });
  });

  it('takes the version from the marker when the app desc version is empty', () => {
    const image = buildEspImage({ chip: 'ESP32-C3', version: '14.5.0', versionInAppDesc: false });
    expect(checkTasmotaImage(image, c3)).toEqual({
      kind: 'flash',
      boot: { version: '14.5.0', build: 'tasmota' },
    });
  });

  it.each([
    ['a C3 image', buildEspImage({ chip: 'ESP32-C3', version: '1.0.0' }), TASMOTA_OTA_ERRORS.activate],
    ['an ESP8266 image', buildEspImage({ chip: 'ESP8266', version: '1.0.0' }), TASMOTA_OTA_ERRORS.activate],
    [
      'a .bin.gz',
      gzipImage(buildEspImage({ chip: 'ESP32', version: '1.0.0' })),
      TASMOTA_OTA_ERRORS.verifyHeader,
    ],
    [
      'a factory image (0xFF first)',
      buildEspImage({ chip: 'ESP32', version: '1.0.0', kind: 'factory' }),
      TASMOTA_OTA_ERRORS.verifyHeader,
    ],
    [
      'a bad magic byte',
      flip(buildEspImage({ chip: 'ESP32', version: '1.0.0' }), 0),
      TASMOTA_OTA_ERRORS.verifyHeader,
    ],
    [
      'a flipped data byte (checksum)',
      flip(buildEspImage({ chip: 'ESP32', version: '1.0.0' }), 0x200),
      TASMOTA_OTA_ERRORS.activate,
    ],
    [
      'a flipped hash byte',
      flip(buildEspImage({ chip: 'ESP32', version: '1.0.0' }), -1),
      TASMOTA_OTA_ERRORS.activate,
    ],
    [
      'a truncated image',
      buildEspImage({ chip: 'ESP32', version: '1.0.0' }).subarray(0, 4000),
      TASMOTA_OTA_ERRORS.activate,
    ],
  ])('refuses %s with the device text', (_label, image, error) => {
    expect(checkTasmotaImage(image, esp32)).toEqual({ kind: 'refused', error });
  });

  it('writes a C3 factory image (its bootloader passes esp_image_verify) but boots back: a rollback', () => {
    const image = buildEspImage({ chip: 'ESP32-C3', version: '14.4.0', kind: 'factory' });
    expect(checkTasmotaImage(image, c3)).toEqual({ kind: 'rollback' });
  });
});

describe('checkTasmotaImage on an ESP8266', () => {
  const image = buildEspImage({ chip: 'ESP8266', version: '14.4.0' });

  it('flashes a .bin and a .bin.gz and boots into the marker version', () => {
    const boot = { version: '14.4.0', build: 'tasmota' };
    expect(checkTasmotaImage(image, esp8266)).toEqual({ kind: 'flash', boot });
    expect(checkTasmotaImage(gzipImage(image), esp8266)).toEqual({ kind: 'flash', boot });
  });

  it('refuses a first byte other than 0xE9/0x1F and a header flash size above the chip', () => {
    expect(checkTasmotaImage(flip(image, 0), esp8266)).toEqual({
      kind: 'refused',
      error: 'Verify Bin Header Failed',
    });
    const big = Buffer.from(image);
    big[3] = 0x40; // 4 MB on a 1 MB device
    expect(checkTasmotaImage(big, esp8266)).toEqual({
      kind: 'refused',
      error: 'New Binary Does Not Fit Flash Size',
    });
  });

  it('refuses (in simulator words) what a real one would flash and never boot: another chip, a bad checksum', () => {
    const c3Image = buildEspImage({ chip: 'ESP32-C3', version: '1.0.0' });
    expect(checkTasmotaImage(c3Image, esp8266)).toEqual({
      kind: 'refused',
      error: 'Wrong image: image is for ESP32-C3',
    });
    expect(checkTasmotaImage(flip(image, 0x100), esp8266)).toEqual({
      kind: 'refused',
      error: 'Corrupt image: checksum mismatch',
    });
    expect(checkTasmotaImage(flip(gzipImage(image), -1), esp8266)).toEqual({
      kind: 'refused',
      error: 'Corrupt image: not a gzip stream',
    });
  });
});
