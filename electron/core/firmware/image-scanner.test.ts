import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFirmwareImage, parseFirmwareImage } from '../../../simulator';
import { FirmwareImportError } from './firmware-errors';
import { scanImage } from './image-scanner';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const SHELLY = {
  family: 'shelly' as const,
  version: '1.6.0',
  fwId: '20250901-101010/1.6.0-gfeed123',
  models: ['SNSW-001P16EU'],
};
const shellyImage = (overrides?: Record<string, unknown>, payloadSize = 1000) =>
  buildFirmwareImage({ ...SHELLY, payloadSize, manifestOverrides: overrides });
/** An image with a hand-written manifest line (for manifests the builder cannot produce). */
const rawImage = (manifestLine: string, payload = Buffer.alloc(0)) =>
  Buffer.concat([Buffer.from(`FBSIM-FW/1\n${manifestLine}\n`), payload]);

function corruptReason(fileName: string, data: Buffer): string {
  try {
    scanImage(fileName, data);
  } catch (error) {
    expect(error).toBeInstanceOf(FirmwareImportError);
    expect((error as FirmwareImportError).problem).toBe('corrupt');
    return String(((error as FirmwareImportError).details as { reason: string }).reason);
  }
  throw new Error('expected a corrupt verdict');
}

const good = shellyImage();
const payloadStart = good.indexOf(0x0a, 11) + 1;

/** Every "corrupt image" rule of simulator/firmware/README.md, with the reason we report. */
const CORRUPT: [string, Buffer, RegExp][] = [
  ['an empty file', Buffer.alloc(0), /bad magic/],
  ['a file shorter than the magic', Buffer.from('FBSIM-FW/'), /bad magic/],
  ['another magic', Buffer.concat([Buffer.from('FBSIM-FW/2'), good.subarray(10)]), /bad magic/],
  ['a CR before the LF', Buffer.concat([Buffer.from('FBSIM-FW/1\r'), good.subarray(10)]), /bad magic/],
  ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), good]), /bad magic/],
  ['random bytes', Buffer.from('hello world, not firmware'), /bad magic/],
  ['no second LF', Buffer.from('FBSIM-FW/1\n{"family":"shelly"}'), /no manifest line/],
  ['a manifest line of 4097 bytes', rawImage(`{"x":"${'a'.repeat(4089)}"}`), /no manifest line/],
  ['a manifest that is not JSON', rawImage('{family: shelly}'), /not JSON/],
  ['a manifest that is an array', rawImage('[1,2]'), /not an object/],
  ['a manifest that is null', rawImage('null'), /not an object/],
  ['an unknown family', shellyImage({ family: 'esphome' }), /bad family/],
  ['no family', shellyImage({ family: undefined }), /bad family/],
  ['an empty version', shellyImage({ version: '' }), /bad version/],
  ['a numeric version', shellyImage({ version: 16 }), /bad version/],
  ['a Shelly image without fw_id', shellyImage({ fw_id: undefined }), /bad fw_id/],
  ['a Shelly image with an empty fw_id', shellyImage({ fw_id: '' }), /bad fw_id/],
  ['a build that is not a string', shellyImage({ build: 7 }), /bad build/],
  ['empty models', shellyImage({ models: [] }), /bad models/],
  ['a model that is empty', shellyImage({ models: ['SNSW-001P16EU', ''] }), /bad models/],
  ['models that are not an array', shellyImage({ models: 'SNSW-001P16EU' }), /bad models/],
  ['a negative size', shellyImage({ size: -1 }), /bad size/],
  ['a fractional size', shellyImage({ size: 999.5 }), /bad size/],
  ['a size given as text', shellyImage({ size: '1000' }), /bad size/],
  ['a size above 8 MiB', shellyImage({ size: 8 * 1024 * 1024 + 1 }), /too large/],
  [
    'an upper-case sha256',
    shellyImage({ sha256: sha(good.subarray(payloadStart)).toUpperCase() }),
    /bad sha256/,
  ],
  ['a short sha256', shellyImage({ sha256: 'abc' }), /bad sha256/],
  ['a truncated payload', good.subarray(0, good.length - 1), /size mismatch/],
  ['trailing bytes', Buffer.concat([good, Buffer.from([0])]), /size mismatch/],
  [
    'a payload that fails its sha256',
    Buffer.concat([good.subarray(0, -1), Buffer.from([good.at(-1)! ^ 1])]),
    /sha256 mismatch/,
  ],
  ['a wrong sha256 in the manifest', shellyImage({ sha256: '0'.repeat(64) }), /sha256 mismatch/],
];

describe('FBSIM-FW/1 images', () => {
  it('reads the manifest and hashes the whole file', () => {
    const result = scanImage('plus1pm.fw', good);
    expect(result).toEqual({
      kind: 'fbsim',
      sha256: sha(good),
      size: good.length,
      manifest: { ...SHELLY, build: null, size: 1000, sha256: sha(good.subarray(payloadStart)) },
    });
  });

  it('ignores fw_id for Tasmota, keeps its build, ignores unknown fields and field order', () => {
    const payload = Buffer.from('tasmota payload');
    const manifest = {
      sha256: sha(payload),
      size: payload.length,
      models: ['ESP8266'],
      build: 'release-tasmota',
      fw_id: 5,
      version: '14.3.0',
      family: 'tasmota',
      extra: { a: 1 },
    };
    const result = scanImage('t.bin', rawImage(JSON.stringify(manifest), payload));
    expect(result).toMatchObject({
      kind: 'fbsim',
      manifest: { family: 'tasmota', fwId: null, build: 'release-tasmota', models: ['ESP8266'] },
    });
  });

  it('accepts a manifest line of exactly 4096 bytes', () => {
    const base = { family: 'tasmota', version: '1', models: ['ESP32'], size: 0, sha256: sha(''), pad: '' };
    const pad = 4096 - JSON.stringify(base).length;
    const line = JSON.stringify({ ...base, pad: 'p'.repeat(pad) });
    expect(Buffer.byteLength(line)).toBe(4096);
    expect(scanImage('x.fw', rawImage(line)).kind).toBe('fbsim');
  });

  it.each(CORRUPT)('refuses %s as corrupt', (_, data, reason) => {
    expect(corruptReason('image.fw', data)).toMatch(reason);
  });

  it.each(CORRUPT)('agrees with the simulator that %s is corrupt', (_, data) => {
    expect(parseFirmwareImage(data)).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('judges FBSIM bytes by the FBSIM rules even when the name says .bin', () => {
    expect(corruptReason('tasmota.bin', shellyImage({ sha256: '0'.repeat(64) }))).toMatch(/sha256 mismatch/);
  });

  it('gives the same verdict however the file is split into chunks', () => {
    const images = [good, ...CORRUPT.map(([, data]) => data)];
    fc.assert(
      fc.property(fc.constantFrom(...images), fc.integer({ min: 1, max: 5000 }), (data, chunk) => {
        const verdict = (size: number) => {
          try {
            return scanImage('x.fw', data, size);
          } catch (error) {
            return String((error as Error).message);
          }
        };
        expect(verdict(chunk)).toEqual(verdict(data.length + 1));
      }),
      { numRuns: 200 },
    );
  });
});

describe('real firmware files', () => {
  it.each([
    ['tasmota-14.3.0.bin.gz', Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), 'bin.gz'],
    ['tasmota32.bin', Buffer.from([0xe9, 3, 2, 0x20, 9, 9]), 'bin'],
    ['SNSW-001P16EU-1.6.0.zip', Buffer.from('PK\x03\x04rest', 'latin1'), 'zip'],
  ])('accepts %s as a %s file', (name, data, format) => {
    expect(scanImage(name, data)).toEqual({ kind: 'other', sha256: sha(data), size: data.length, format });
  });

  it.each([
    ['tasmota.bin.gz', Buffer.from('not gzip'), /not a gzip file/],
    ['tasmota.bin', Buffer.from([0x00, 1, 2]), /ESP firmware image/],
    ['shelly.zip', Buffer.from('PK\x05\x06', 'latin1'), /not a zip file/],
    ['notes.txt', Buffer.from('hello'), /not an FBSIM-FW\/1 image \(and not a \.bin/],
  ])('refuses %s that is not what its name says', (name, data, reason) => {
    expect(corruptReason(name, data)).toMatch(reason);
  });
});
