import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShellyFirmwareZip } from '../../../simulator';
import type { UploadId } from '../../../shared/domain/firmware';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { startTestAppCore, type TestAppCore } from '../../../test-support/core/test-app-core';

const image = buildShellyFirmwareZip({ app: 'Plus1PM', version: '1.6.0', buildId: 'b1', partSize: 900_000 });

describe('firmware imports given bad or racing input over the contract', () => {
  let app: TestAppCore;
  beforeAll(async () => {
    app = await startTestAppCore({ drivers: [new FakeDriver()] });
  });
  afterAll(() => app.close());

  const storedFiles = () => readdirSync(join(app.dataDir, 'firmware')).filter((f) => !f.startsWith('.'));

  async function uploadAll(fileName: string, bytes: Buffer): Promise<UploadId> {
    const { uploadId } = await app.call('firmware.beginUpload', { fileName, size: bytes.length });
    const step = 512 * 1024;
    for (let offset = 0; offset < bytes.length; offset += step) {
      const dataBase64 = bytes.subarray(offset, offset + step).toString('base64');
      await app.call('firmware.uploadChunk', { uploadId, offset, dataBase64 });
    }
    return uploadId;
  }

  it('refuses a .zip that is not a zip at its first chunk, and stores nothing', async () => {
    const bytes = Buffer.from('this is a text file named like a Shelly zip');
    const { uploadId } = await app.call('firmware.beginUpload', {
      fileName: 'SNSW-001P16EU-1.6.0.zip',
      size: bytes.length,
    });
    const chunk = await app.dispatch('firmware.uploadChunk', {
      uploadId,
      offset: 0,
      dataBase64: bytes.toString('base64'),
    });
    expect(chunk).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { problem: 'corrupt', reason: 'not a zip file' } },
    });
    expect(await app.dispatch('firmware.finishUpload', { uploadId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await app.call('firmware.list', {})).toEqual([]);
  });

  it('finishes an upload once when two finishes arrive together: the second is told, nothing stored twice', async () => {
    const uploadId = await uploadAll('SNSW-001P16EU-1.6.0.zip', image);
    const results = await Promise.all([
      app.dispatch('firmware.finishUpload', { uploadId }),
      app.dispatch('firmware.finishUpload', { uploadId }),
    ]);
    expect(results[0]).toMatchObject({ ok: true, value: { duplicate: false, image: { version: '1.6.0' } } });
    expect(results[1]).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'this upload is already being finished; its result will show when that ends',
        details: { problem: 'already-finishing' },
      },
    });
    expect(await app.call('firmware.list', {})).toHaveLength(1);
    expect(storedFiles()).toHaveLength(1);
    expect(readdirSync(join(app.dataDir, 'firmware', '.uploads'))).toEqual([]);
  });

  it('stores the same bytes once when two uploads of them finish together', async () => {
    const again = buildShellyFirmwareZip({
      app: 'Plus1PM',
      version: '1.7.0',
      buildId: 'b2',
      partSize: 900_000,
    });
    const ids = [await uploadAll('a.zip', again), await uploadAll('b.zip', again)];
    const results = await Promise.all(
      ids.map((uploadId) => app.dispatch('firmware.finishUpload', { uploadId })),
    );
    expect(results.map((r) => r.ok && (r.value as { duplicate: boolean }).duplicate).sort()).toEqual([
      false,
      true,
    ]);
    expect(await app.call('firmware.list', {})).toHaveLength(2);
    expect(storedFiles()).toHaveLength(2);
  });
});
