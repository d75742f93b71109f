import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ESP_CHIPS, type EspChip } from './esp-chips';
import { buildEspImage, gzipImage } from './esp-image';
import { EspImageError } from './esp-image-builder';
import { readEspImage } from './esp-image-reader';
import { findVersionMarker } from './version-marker';

// Layout per esptool docs "Firmware Image Format" / esptool/bin_image.py and esp-idf esp_app_desc.h.
const CHIP_IDS: Record<Exclude<EspChip, 'ESP8266'>, number> = {
  ESP32: 0x0000,
  'ESP32-S2': 0x0002,
  'ESP32-C3': 0x0005,
  'ESP32-S3': 0x0009,
  'ESP32-C2': 0x000c,
  'ESP32-C6': 0x000d,
  'ESP32-H2': 0x0010,
};

const cText = (bytes: Buffer): string => bytes.toString('latin1').replace(/\0.*$/s, '');

/** Parses an image from the spec alone (not through readEspImage), so builder and reader cannot share a mistake. */
function parseBySpec(image: Buffer, extended: boolean) {
  let offset = extended ? 24 : 8;
  let checksum = 0xef;
  const segments: { addr: number; start: number; length: number }[] = [];
  for (let i = 0; i < image[1]; i += 1) {
    const length = image.readUInt32LE(offset + 4);
    segments.push({ addr: image.readUInt32LE(offset), start: offset + 8, length });
    for (const byte of image.subarray(offset + 8, offset + 8 + length)) checksum ^= byte;
    offset += 8 + length;
  }
  while (offset % 16 !== 15) offset += 1;
  return { segments, checksumAt: offset, checksum };
}

describe('buildEspImage (ESP32 family)', () => {
  it.each(Object.entries(CHIP_IDS))(
    '%s: magic, chip ID at 12, hash_appended at 23, app desc at 0x20',
    (chip, id) => {
      const image = buildEspImage({ chip: chip as EspChip, version: '14.4.0', project: 'tasmota' });
      expect(image[0]).toBe(0xe9);
      expect(image.readUInt16LE(12)).toBe(id);
      expect(image[23]).toBe(1);
      expect(image.readUInt32LE(0x20)).toBe(0xabcd5432);
      expect(cText(image.subarray(0x30, 0x50))).toBe('14.4.0');
      expect(cText(image.subarray(0x50, 0x70))).toBe('tasmota');
      expect(cText(image.subarray(0x90, 0xb0))).toMatch(/^v\d/); // idf_ver
      const { segments, checksumAt, checksum } = parseBySpec(image, true);
      expect(segments[0].start).toBe(0x20);
      expect((checksumAt + 1) % 16).toBe(0);
      expect(image[checksumAt]).toBe(checksum);
      const digest = createHash('sha256')
        .update(image.subarray(0, checksumAt + 1))
        .digest();
      expect(image.subarray(checksumAt + 1)).toEqual(digest);
    },
  );

  it('leaves the app desc version empty on request; the private marker still names the version', () => {
    const image = buildEspImage({
      chip: 'ESP32',
      version: '14.4.0',
      build: 'tasmota32',
      versionInAppDesc: false,
    });
    expect(image.subarray(0x30, 0x50)).toEqual(Buffer.alloc(32));
    expect(findVersionMarker(image)).toEqual({ version: '14.4.0', build: 'tasmota32' });
  });

  it('comes out near the asked size and the same for the same options', () => {
    const a = buildEspImage({ chip: 'ESP32-C3', version: '1.0.0', payloadSize: 100_000 });
    expect(Math.abs(a.length - 100_000)).toBeLessThan(1024);
    expect(buildEspImage({ chip: 'ESP32-C3', version: '1.0.0', payloadSize: 100_000 })).toEqual(a);
  });

  it('is read back by the device-side reader', () => {
    for (const chip of ESP_CHIPS.filter((c) => c !== 'ESP8266')) {
      const read = readEspImage(buildEspImage({ chip, version: '2.0.0' }), 'esp32');
      expect(read).toMatchObject({
        ok: true,
        image: { checksumOk: true, hashOk: true, appDesc: { version: '2.0.0' } },
      });
    }
  });
});

describe('buildEspImage (ESP8266)', () => {
  const image = buildEspImage({ chip: 'ESP8266', version: '14.4.0' });

  it('has the 8-byte header, segments right after it, no app desc, no hash', () => {
    expect(image[0]).toBe(0xe9);
    expect(image[3] >> 4).toBe(2); // 1 MB, as Tasmota's ESP8266 builds
    const { segments, checksumAt, checksum } = parseBySpec(image, false);
    expect(segments[0].start).toBe(16);
    expect(image.readUInt32LE(0x20)).not.toBe(0xabcd5432);
    expect(image[checksumAt]).toBe(checksum);
    expect(image.length).toBe(checksumAt + 1);
  });

  it('carries its version in the simulator-private marker only', () => {
    expect(findVersionMarker(image)).toEqual({ version: '14.4.0', build: 'tasmota' });
  });

  it("holds Tasmota's PROJECT text outside the marker, as real images do", () => {
    const markerAt = image.indexOf('SIMULATOR-BOOTS-INTO:');
    expect(image.subarray(0, markerAt).includes('tasmota\0')).toBe(true);
  });

  it('gzips to a .bin.gz that inflates back to the image', () => {
    const gz = gzipImage(image);
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(gz)).toEqual(image);
  });

  it('has no factory form', () => {
    expect(() => buildEspImage({ chip: 'ESP8266', version: '1.0.0', kind: 'factory' })).toThrow(
      EspImageError,
    );
  });
});

describe('factory images', () => {
  it.each([
    ['ESP32', 0x1000],
    ['ESP32-S2', 0x1000],
    ['ESP32-C3', 0],
    ['ESP32-S3', 0],
    ['ESP32-C6', 0],
    ['ESP32-H2', 0],
  ] as const)('%s: bootloader at 0x%s, partition table at 0x8000, app at 0x10000', (chip, bootloaderAt) => {
    const image = buildEspImage({ chip, version: '14.4.0', kind: 'factory' });
    if (bootloaderAt > 0) expect(image.subarray(0, bootloaderAt)).toEqual(Buffer.alloc(bootloaderAt, 0xff));
    const bootloader = readEspImage(image.subarray(bootloaderAt), 'esp32');
    expect(bootloader).toMatchObject({ ok: true, image: { chipId: CHIP_IDS[chip], appDesc: undefined } });
    expect([image[0x8000], image[0x8001]]).toEqual([0xaa, 0x50]);
    expect(cText(image.subarray(0x8000 + 12, 0x8000 + 28))).toBe('nvs');
    const app = readEspImage(image.subarray(0x10000), 'esp32');
    expect(app).toMatchObject({ ok: true, image: { appDesc: { version: '14.4.0' }, hashOk: true } });
  });
});

it('refuses an empty version with a typed error', () => {
  expect(() => buildEspImage({ chip: 'ESP32', version: '' })).toThrow(/needs a version/);
});
