import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readEspImage } from './esp-image-reader';
import { makeFirmware, MakeFirmwareError } from './make-firmware';
import { checkShellyZip } from './shelly-zip-check';
import { checkTasmotaImage } from './tasmota-image-check';

describe('makeFirmware', () => {
  it.each([
    [{ chip: 'esp8266', gz: true }, 'tasmota-14.4.0.bin.gz'],
    [{ chip: 'esp32c3' }, 'tasmota32c3-14.4.0.bin'],
    [{ chip: 'ESP32-S3' }, 'tasmota32s3-14.4.0.bin'],
    [{ chip: 'esp32', factory: true }, 'tasmota32-14.4.0.factory.bin'],
  ])('names a Tasmota file like the release files: %o → %s', (options, fileName) => {
    expect(makeFirmware({ family: 'tasmota', version: '14.4.0', ...options }).fileName).toBe(fileName);
  });

  it('writes images a device of that chip takes, with the chip build name in Version', () => {
    const gz = makeFirmware({ family: 'tasmota', chip: 'esp8266', version: '14.4.0', gz: true }).bytes;
    expect(checkTasmotaImage(gz, { chip: 'ESP8266', flashBytes: 1 << 20 })).toEqual({
      kind: 'flash',
      boot: { version: '14.4.0', build: 'tasmota' },
    });
    const c3 = makeFirmware({
      family: 'tasmota',
      chip: 'esp32c3',
      version: '14.4.0',
      emptyAppDescVersion: true,
    }).bytes;
    const read = readEspImage(c3, 'esp32');
    expect(read.ok && read.image.appDesc?.version).toBe('');
    expect(checkTasmotaImage(c3, { chip: 'ESP32-C3', flashBytes: 4 << 20 })).toEqual({
      kind: 'flash',
      boot: { version: '14.4.0', build: 'tasmota32c3' },
    });
    expect(gunzipSync(gz)[0]).toBe(0xe9);
  });

  it('writes a Shelly zip named <app>-<version>.zip that the app accepts', () => {
    const file = makeFirmware({ family: 'shelly', app: 'Plus1PM', version: '1.6.0' });
    expect(file.fileName).toBe('Plus1PM-1.6.0.zip');
    expect(checkShellyZip(file.bytes, 'Plus1PM')).toMatchObject({ ok: true, version: '1.6.0' });
  });

  it.each([
    [{ family: 'tasmota', chip: 'esp99', version: '1.0.0' }, /unknown chip "esp99"/],
    [{ family: 'tasmota', chip: 'esp32', version: 'latest' }, /not like 14\.4\.0/],
    [
      { family: 'tasmota', chip: 'esp32', version: '1.0.0', gz: true, factory: true },
      /factory image is not gzipped/,
    ],
    [
      { family: 'tasmota', chip: 'esp8266', version: '1.0.0', factory: true },
      /no factory image for the ESP8266/,
    ],
    [{ family: 'shelly', app: '../x', version: '1.0.0' }, /not an app name/],
  ] as const)('refuses bad input with a clear reason: %o', (request, message) => {
    expect(() => makeFirmware(request)).toThrow(message);
  });

  it('throws typed errors', () => {
    expect(() => makeFirmware({ family: 'shelly', app: 'Plus1PM', version: 'x' })).toThrow(MakeFirmwareError);
  });
});
