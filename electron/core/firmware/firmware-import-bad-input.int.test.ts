import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEspImage, buildShellyFirmwareZip, gzipImage, type ShellyZipTamper } from '../../../simulator';
import { writeZip } from '../../../simulator/firmware/zip-writer';
import { DomainError } from '../errors';
import { createFirmwareKit, type FirmwareKit } from '../../../test-support/firmware/firmware-test-kit';

let kit: FirmwareKit;
afterEach(async () => kit?.close());

const shellyZip = (tamper?: ShellyZipTamper) =>
  buildShellyFirmwareZip({ app: 'Plus1PM', version: '1.6.0', buildId: 'b1', partSize: 5000, tamper });

/** A zip whose manifest lists one part at `src`, the part stored at `entryName`. */
function zipWithPart(src: string, entryName: string): Buffer {
  const part = Buffer.from('part bytes');
  const manifest = {
    name: 'Plus1PM',
    version: '1.6.0',
    build_id: 'b1',
    parts: { app: { src, size: part.length, cs_sha1: 'c7b0e5b9b1b2a6a3c62a0d0bd3a1b7e53e1ef5ba' } },
  };
  return writeZip([
    { name: 'Plus1PM-1.6.0/manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
    { name: entryName, data: part },
  ]);
}

/** An ESP8266 image header announcing three 15 MiB segments of zeros, gzipped: a few KiB that inflate to 45 MiB. */
async function gzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const header = Buffer.from([0xe9, 3, 0, 0, 0, 0, 0x10, 0x40]);
  gzip.write(header);
  const zeros = Buffer.alloc(1024 * 1024);
  for (let s = 0; s < 3; s++) {
    const seg = Buffer.alloc(8);
    seg.writeUInt32LE(0x40100000, 0);
    seg.writeUInt32LE(15 * 1024 * 1024, 4);
    gzip.write(seg);
    for (let i = 0; i < 15; i++) gzip.write(zeros);
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

async function refusal(
  work: Promise<unknown>,
): Promise<{ problem: unknown; reason: unknown; message: string }> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const details = ((error as DomainError).details ?? {}) as Record<string, unknown>;
    return { problem: details.problem, reason: details.reason, message: (error as Error).message };
  }
  throw new Error('expected a refusal');
}

const stored = () => readdirSync(join(kit.dir, 'firmware')).filter((f) => !f.startsWith('.'));
const esp32 = buildEspImage({ chip: 'ESP32', version: '14.4.0', payloadSize: 20_000 });

describe('firmware files the library refuses, each with its reason and nothing stored', () => {
  it.each<[string, string, () => Buffer | Promise<Buffer>, RegExp]>([
    [
      'a .bin without the E9 magic',
      'tasmota.bin',
      () => Buffer.from('hello, not firmware'),
      /a \.bin starts with byte E9/,
    ],
    ['a .zip that is not a zip', 'SNSW-001P16EU.zip', () => Buffer.from('not a zip'), /^not a zip file$/],
    ['a zip with a damaged end', 'x.zip', () => shellyZip().subarray(0, 2000), /no end of central directory/],
    ['a zip without manifest', 'x.zip', () => shellyZip('no-manifest'), /no manifest/],
    [
      'a part whose size disagrees',
      'x.zip',
      () => shellyZip('part-size'),
      /part app: the manifest says 5001 bytes, Plus1PM\.bin has 5000/,
    ],
    [
      'a part whose hash disagrees',
      'x.zip',
      () => shellyZip('part-sha1'),
      /part app: Plus1PM\.bin does not match its SHA-1/,
    ],
    [
      'a part missing from the zip',
      'x.zip',
      () => shellyZip('missing-part'),
      /part app: Plus1PM\.bin is missing/,
    ],
    [
      'a manifest part outside its folder',
      'x.zip',
      () => zipWithPart('../evil.bin', 'evil.bin'),
      /part app points outside its folder/,
    ],
    [
      'an entry name leaving the folder',
      'x.zip',
      () => zipWithPart('app.bin', 'Plus1PM-1.6.0/../../evil.bin'),
      /unsafe path in the zip/,
    ],
    ['a truncated ESP image', 'tasmota32.bin', () => esp32.subarray(0, esp32.length - 100), /^truncated/],
    ['a .bin.gz that is not gzip', 'tasmota.bin.gz', () => Buffer.from('plain'), /^not a gzip file$/],
    [
      'a damaged gzip',
      'tasmota.bin.gz',
      () => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(64, 0x55)]),
      /damaged gzip/,
    ],
    ['a gzip bomb', 'tasmota.bin.gz', gzipBomb, /inflates to more than 32 MiB/],
    ['a file that is no firmware at all', 'notes.txt', () => Buffer.from('hello'), /not a firmware file/],
  ])('%s', async (_, fileName, make, reason) => {
    kit = await createFirmwareKit({ serve: false });
    const r = await refusal(kit.importBytes(fileName, await make()));
    expect(r.problem).toBe('corrupt');
    expect(r.reason).toMatch(reason);
    expect(stored()).toEqual([]);
    expect(kit.fw.library.list()).toEqual([]);
  });

  it('refuses a file that is no firmware at its first chunk, before the rest is sent', async () => {
    kit = await createFirmwareKit({ serve: false });
    const { uploadId } = await kit.fw.library.beginUpload({ fileName: 'tasmota.bin', size: 2_000_000 });
    const first = Buffer.from('PK\x03\x04 a zip named .bin', 'latin1').toString('base64');
    const r = await refusal(kit.fw.library.uploadChunk({ uploadId, offset: 0, dataBase64: first }));
    expect(r).toMatchObject({
      problem: 'corrupt',
      reason: 'not an ESP firmware image (a .bin starts with byte E9)',
    });
    await expect(kit.fw.library.finishUpload({ uploadId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(readdirSync(join(kit.dir, 'firmware', '.uploads'))).toEqual([]);
  });

  it('takes a deflated Shelly zip too (devices read both)', async () => {
    kit = await createFirmwareKit({ serve: false });
    const { image } = await kit.importBytes('x.zip', shellyZip('deflate'));
    expect(image).toMatchObject({ app: 'Plus1PM', version: '1.6.0', fwId: 'b1', format: 'shelly-zip' });
  });

  it('accepts an image whose name names another chip, with a notice; the header wins', async () => {
    kit = await createFirmwareKit({ serve: false });
    const c3 = buildEspImage({ chip: 'ESP32-C3', version: '14.4.0', payloadSize: 10_000 });
    const { image } = await kit.importBytes('tasmota32-14.4.0.bin', c3);
    expect(image).toMatchObject({
      chip: 'ESP32-C3',
      models: ['ESP32-C3'],
      version: '14.4.0',
      versionSource: 'header',
    });
    expect(image.notices).toEqual([
      'The file name says ESP32, the image header says ESP32-C3: the header wins.',
    ]);
  });

  it('refuses typed values that contradict the header, and keeps the upload for a second answer', async () => {
    kit = await createFirmwareKit({ serve: false });
    const c3 = buildEspImage({ chip: 'ESP32-C3', version: '14.4.0', payloadSize: 10_000 });
    const { uploadId } = await kit.fw.library.beginUpload({ fileName: 'fw.bin', size: c3.length });
    await kit.fw.library.uploadChunk({ uploadId, offset: 0, dataBase64: c3.toString('base64') });
    const r = await refusal(kit.fw.library.finishUpload({ uploadId, models: ['ESP32'], version: '14.3.0' }));
    expect(r.problem).toBe('metadata-conflict');
    expect(r.message).toMatch(/says chip ESP32-C3 and version 14\.4\.0/);
    expect(stored()).toEqual([]);
    expect((await kit.fw.library.finishUpload({ uploadId })).image.chip).toBe('ESP32-C3');
  });

  it('records a factory image as such, read from its bytes whatever its name', async () => {
    kit = await createFirmwareKit({ serve: false });
    const factory = buildEspImage({
      chip: 'ESP32-S3',
      version: '14.4.0',
      kind: 'factory',
      payloadSize: 20_000,
    });
    const { image } = await kit.importBytes('tasmota32s3-14.4.0.bin', factory);
    expect(image).toMatchObject({ kind: 'factory', chip: 'ESP32-S3', version: '14.4.0', project: 'tasmota' });
    const gz = await kit.importBytes(
      'tasmota-14.3.0.bin.gz',
      gzipImage(buildEspImage({ chip: 'ESP8266', version: '14.3.0' })),
    );
    expect(gz.image).toMatchObject({ format: 'esp-image-gz', kind: 'ota', chip: 'ESP8266' });
  });
});
