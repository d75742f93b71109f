import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShellyFirmwareZip } from '../../../simulator';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { startTestAppCore, type TestAppCore } from '../../../test-support/core/test-app-core';

const image = buildShellyFirmwareZip({
  app: 'Plus1PM',
  version: '1.6.0',
  buildId: '20250901-101010/1.6.0-gfeed123',
  partSize: 1_200_000,
});

describe('firmware commands over the contract', () => {
  let app: TestAppCore;
  beforeAll(async () => {
    app = await startTestAppCore({ drivers: [new FakeDriver()] });
  });
  afterAll(() => app.close());

  it('imports a file sent in 512 KiB chunks and lists it', async () => {
    const { uploadId } = await app.call('firmware.beginUpload', {
      fileName: 'SNSW-001P16EU-1.6.0.zip',
      size: image.length,
    });
    const step = 512 * 1024;
    for (let offset = 0; offset < image.length; offset += step) {
      const dataBase64 = image.subarray(offset, offset + step).toString('base64');
      await app.call('firmware.uploadChunk', { uploadId, offset, dataBase64 });
    }
    const done = await app.call('firmware.finishUpload', { uploadId, notes: 'from the office' });
    const sha256 = createHash('sha256').update(image).digest('hex');
    expect(done).toMatchObject({
      duplicate: false,
      image: {
        sha256,
        version: '1.6.0',
        versionSource: 'manifest',
        app: 'Plus1PM',
        kind: 'ota',
        notices: [],
      },
    });
    expect(await app.dispatch('firmware.list', {})).toMatchObject({
      ok: true,
      value: [{ sha256, notes: 'from the office' }],
    });
    expect(await app.dispatch('firmware.update', { sha256, notes: 'ok' })).toMatchObject({
      ok: true,
      value: { notes: 'ok' },
    });
  });

  it('refuses a chunk above 512 KiB at the contract, and a bad offset as a typed conflict', async () => {
    const { uploadId } = await app.call('firmware.beginUpload', { fileName: 'x.zip', size: 600 * 1024 });
    const tooBig = Buffer.alloc(512 * 1024 + 3).toString('base64');
    expect(
      await app.dispatch('firmware.uploadChunk', { uploadId, offset: 0, dataBase64: tooBig }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await app.dispatch('firmware.uploadChunk', {
        uploadId,
        offset: 10,
        dataBase64: Buffer.alloc(10).toString('base64'),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { problem: 'bad-offset', expected: 0 } },
    });
    expect(
      await app.dispatch('firmware.beginUpload', { fileName: 'big.bin', size: 64 * 1024 * 1024 + 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('reports the server listening, checks itself, and applies new settings', async () => {
    const info = await app.call('firmware.getServer', {});
    expect(info).toMatchObject({
      settings: { interface: null, port: null, maxConcurrent: 32, bandwidthKiBps: null },
      status: { listening: true, bindAddress: '0.0.0.0', error: null, activeDownloads: 0, activeJobs: 0 },
    });
    expect(await app.call('firmware.selfCheck', {})).toMatchObject({ ok: true });
    expect(await app.call('firmware.selfCheck', { address: '192.0.2.1' })).toMatchObject({
      ok: false,
      checks: [{ outcome: 'not-local' }],
    });
    expect(await app.call('firmware.updateServer', { interface: 'lo', maxConcurrent: 20 })).toMatchObject({
      settings: { interface: 'lo', maxConcurrent: 20 },
      status: { listening: true, bindAddress: '127.0.0.1' },
    });
    expect(await app.dispatch('firmware.updateServer', { interface: 'eth-nowhere' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await app.call('firmware.listDownloads', {})).toEqual([]);
  });
});
