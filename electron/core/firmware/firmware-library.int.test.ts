import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEspImage, buildShellyFirmwareZip, gzipImage } from '../../../simulator';
import { MAX_FIRMWARE_BYTES, type UploadId } from '../../../shared/domain/firmware';
import { DomainError } from '../errors';
import { createFirmwareKit, type FirmwareKit } from '../../../test-support/firmware/firmware-test-kit';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const FW_ID = '20250901-101010/1.6.0-gfeed123';
const shellyImage = (partSize = 300_000) =>
  buildShellyFirmwareZip({ app: 'Plus1PM', version: '1.6.0', buildId: FW_ID, partSize });
const gzipBin = gzipImage(buildEspImage({ chip: 'ESP8266', version: '14.3.0', payloadSize: 50_000 }));

async function refusal(work: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    return { code: e.code, details: (e.details ?? {}) as Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

let kit: FirmwareKit;
afterEach(async () => kit?.close());

const uploadsDir = () => join(kit.dir, 'firmware', '.uploads');
const partFiles = () => readdirSync(uploadsDir());

describe('firmware library', () => {
  it('imports an image in chunks, stored under its SHA-256, fsynced and surviving a restart', async () => {
    kit = await createFirmwareKit({ serve: false });
    const image = shellyImage();
    const { image: entry, duplicate } = await kit.importBytes(
      'SNSW-001P16EU-1.6.0.zip',
      image,
      { notes: 'site A' },
      64 * 1024,
    );
    expect(duplicate).toBe(false);
    expect(entry).toMatchObject({
      sha256: sha(image),
      fileName: 'SNSW-001P16EU-1.6.0.zip',
      size: image.length,
      family: 'shelly',
      format: 'shelly-zip',
      kind: 'ota',
      chip: null,
      app: 'Plus1PM',
      models: ['SNSW-001P16EU'],
      version: '1.6.0',
      versionSource: 'manifest',
      fwId: FW_ID,
      notes: 'site A',
      notices: [],
      present: true,
    });
    expect(readFileSync(join(kit.dir, 'firmware', sha(image))).equals(image)).toBe(true);
    expect(partFiles()).toEqual([]);
    await kit.restart();
    expect(kit.fw.library.list()).toEqual([entry]);
  });

  it('recognises the same bytes imported again as a duplicate of the existing entry', async () => {
    kit = await createFirmwareKit({ serve: false });
    const first = await kit.importBytes('tasmota-14.3.0.bin.gz', gzipBin);
    const again = await kit.importBytes('renamed-copy.bin.gz', gzipBin, {
      family: 'tasmota',
      models: ['ESP8266'],
      version: '14.3.0',
    });
    expect(again).toEqual({ image: first.image, duplicate: true });
    expect(kit.fw.library.list()).toHaveLength(1);
    expect(readdirSync(join(kit.dir, 'firmware')).filter((f) => !f.startsWith('.'))).toEqual([sha(gzipBin)]);
    expect(partFiles()).toEqual([]);
  });

  it('refuses a chunk that does not start where the last one ended, and keeps the upload', async () => {
    kit = await createFirmwareKit({ serve: false });
    const data = shellyImage(10_000);
    const { uploadId } = await kit.fw.library.beginUpload({ fileName: 'x.zip', size: data.length });
    const chunk = (from: number, to: number) => data.subarray(from, to).toString('base64');
    await kit.fw.library.uploadChunk({ uploadId, offset: 0, dataBase64: chunk(0, 4000) });
    for (const offset of [0, 3999, 4001, 8000]) {
      const r = await refusal(
        kit.fw.library.uploadChunk({ uploadId, offset, dataBase64: chunk(offset, offset + 10) }),
      );
      expect(r).toEqual({ code: 'CONFLICT', details: { problem: 'bad-offset', expected: 4000 } });
    }
    expect(
      await kit.fw.library.uploadChunk({ uploadId, offset: 4000, dataBase64: chunk(4000, data.length) }),
    ).toEqual({ received: data.length });
    expect((await kit.fw.library.finishUpload({ uploadId })).image.sha256).toBe(sha(data));
  });

  it('drops an upload that sends more than announced, or finishes short', async () => {
    kit = await createFirmwareKit({ serve: false });
    const data = shellyImage(10_000);
    const over = await kit.fw.library.beginUpload({ fileName: 'x.zip', size: 100 });
    const r1 = await refusal(
      kit.fw.library.uploadChunk({
        uploadId: over.uploadId,
        offset: 0,
        dataBase64: data.subarray(0, 101).toString('base64'),
      }),
    );
    expect(r1).toMatchObject({ code: 'CONFLICT', details: { problem: 'size-mismatch' } });
    expect((await refusal(kit.fw.library.finishUpload({ uploadId: over.uploadId }))).code).toBe('NOT_FOUND');
    const short = await kit.fw.library.beginUpload({ fileName: 'x.zip', size: data.length });
    await kit.fw.library.uploadChunk({
      uploadId: short.uploadId,
      offset: 0,
      dataBase64: data.subarray(0, 5000).toString('base64'),
    });
    const r2 = await refusal(kit.fw.library.finishUpload({ uploadId: short.uploadId }));
    expect(r2).toEqual({
      code: 'CONFLICT',
      details: { problem: 'size-mismatch', received: 5000, expected: data.length },
    });
    expect(partFiles()).toEqual([]);
    expect(kit.fw.library.list()).toEqual([]);
  });

  it('refuses files above the size cap before any byte arrives', async () => {
    kit = await createFirmwareKit({ serve: false });
    const r = await refusal(
      kit.fw.library.beginUpload({ fileName: 'huge.bin', size: MAX_FIRMWARE_BYTES + 1 }),
    );
    expect(r).toMatchObject({ code: 'CONFLICT', details: { problem: 'too-large' } });
    expect(partFiles()).toEqual([]);
  });

  it('refuses a corrupt image with its reason and leaves nothing behind', async () => {
    kit = await createFirmwareKit({ serve: false });
    const image = Buffer.from(buildEspImage({ chip: 'ESP32-C3', version: '14.4.0', payloadSize: 20_000 }));
    image[image.length - 1]! ^= 0xff;
    const r = await refusal(kit.importBytes('tasmota32c3.bin', image));
    expect(r).toEqual({
      code: 'CONFLICT',
      details: {
        problem: 'corrupt',
        reason: 'sha256 mismatch: the image does not match its appended SHA-256',
      },
    });
    expect(partFiles()).toEqual([]);
    expect(readdirSync(join(kit.dir, 'firmware')).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it('asks for a version the file does not state and finishes the same upload once it is given', async () => {
    kit = await createFirmwareKit({ serve: false });
    const bin = buildEspImage({ chip: 'ESP8266', version: '14.3.0', payloadSize: 1000 });
    const { uploadId } = await kit.fw.library.beginUpload({ fileName: 'custom.bin', size: bin.length });
    await kit.fw.library.uploadChunk({ uploadId, offset: 0, dataBase64: bin.toString('base64') });
    const r = await refusal(kit.fw.library.finishUpload({ uploadId }));
    expect(r).toMatchObject({
      code: 'CONFLICT',
      details: { problem: 'missing-metadata', missing: ['version'], read: { chip: 'ESP8266', kind: 'ota' } },
    });
    const done = await kit.fw.library.finishUpload({ uploadId, models: ['Sonoff Basic'], version: '14.3.0' });
    expect(done.image).toMatchObject({
      family: 'tasmota',
      format: 'esp-image',
      chip: 'ESP8266',
      models: ['Sonoff Basic'],
      version: '14.3.0',
      versionSource: 'user',
    });
    expect(partFiles()).toEqual([]);
  });

  it('edits notes and labels of any image, the version only of images that state none', async () => {
    kit = await createFirmwareKit({ serve: false });
    const zip = (await kit.importBytes('a.zip', shellyImage(1000))).image;
    const bin = (await kit.importBytes('tasmota-14.3.0.bin.gz', gzipBin)).image;
    expect(bin.versionSource).toBe('file-name');
    expect(kit.fw.library.update({ sha256: zip.sha256, notes: 'tested' }).notes).toBe('tested');
    expect(
      (
        await refusal(
          Promise.resolve().then(() => kit.fw.library.update({ sha256: zip.sha256, version: '9' })),
        )
      ).details,
    ).toMatchObject({ problem: 'metadata-conflict' });
    expect(kit.fw.library.update({ sha256: zip.sha256, models: ['SNSW-001P16EU'] }).models).toEqual([
      'SNSW-001P16EU',
    ]);
    expect(
      kit.fw.library.update({ sha256: bin.sha256, version: '14.3.1', models: ['ESP8266', 'Sonoff Basic'] }),
    ).toMatchObject({
      version: '14.3.1',
      versionSource: 'user',
      models: ['ESP8266', 'Sonoff Basic'],
    });
    expect(
      (
        await refusal(
          Promise.resolve().then(() => kit.fw.library.update({ sha256: '0'.repeat(64), notes: '' })),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });

  it('refuses to remove an image a running job uses, and removes entry and file otherwise', async () => {
    let busy = true;
    kit = await createFirmwareKit({ serve: false, inUse: () => busy });
    const { image } = await kit.importBytes('tasmota-14.3.0.bin.gz', gzipBin);
    expect((await refusal(kit.fw.library.remove(image.sha256))).code).toBe('CONFLICT');
    expect(existsSync(join(kit.dir, 'firmware', image.sha256))).toBe(true);
    busy = false;
    expect(await kit.fw.library.remove(image.sha256)).toEqual({ removed: true });
    expect(await kit.fw.library.remove(image.sha256)).toEqual({ removed: false });
    expect(existsSync(join(kit.dir, 'firmware', image.sha256))).toBe(false);
  });

  it('shows an entry whose file went missing, and a re-import puts the file back', async () => {
    kit = await createFirmwareKit({ serve: false });
    const { image } = await kit.importBytes('tasmota-14.3.0.bin.gz', gzipBin);
    rmSync(join(kit.dir, 'firmware', image.sha256));
    expect(kit.fw.library.get(image.sha256)?.present).toBe(false);
    const repaired = await kit.importBytes('tasmota-14.3.0.bin.gz', gzipBin);
    expect(repaired).toEqual({ image: { ...image, present: true }, duplicate: true });
    expect(readFileSync(join(kit.dir, 'firmware', image.sha256)).equals(gzipBin)).toBe(true);
  });

  it('drops uploads abandoned for 10 minutes, limits open uploads, and clears leftovers at start', async () => {
    kit = await createFirmwareKit({ serve: false });
    const ids: UploadId[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await kit.fw.library.beginUpload({ fileName: `f${i}.bin`, size: 10 })).uploadId);
    expect(
      (await refusal(kit.fw.library.beginUpload({ fileName: 'f5.bin', size: 10 }))).details,
    ).toMatchObject({
      problem: 'too-many-uploads',
    });
    kit.advance(5 * 60_000);
    await kit.fw.library.uploadChunk({
      uploadId: ids[0]!,
      offset: 0,
      dataBase64: Buffer.from([0xe9, 1, 2, 3, 4]).toString('base64'),
    });
    kit.advance(5 * 60_000 + 1);
    expect(await kit.fw.library.sweepAbandoned()).toBe(3);
    expect(partFiles()).toEqual([`${ids[0]}.part`]);
    await kit.restart();
    expect(partFiles()).toEqual([]);
  });
});
