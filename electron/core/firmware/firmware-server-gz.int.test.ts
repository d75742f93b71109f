import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEspImage, gzipImage } from '../../../simulator';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId } from '../../../shared/domain/job';
import { createFirmwareKit, type FirmwareKit } from '../../../test-support/firmware/firmware-test-kit';

// After half of its OTA attempts failed, an ESP8266 Tasmota appends `.gz` to OtaUrl (arendst/Tasmota
// support_tasmota.ino, Every250mSeconds; OTA_ATTEMPTS in tasmota.h): the server must answer `<url>.gz` too.
const JOB = 'job_0000000001aaaaaaaaaaaa' as JobId;
const DEVICE = { id: 'mac:a8032ab10001' as DeviceId, hosts: ['127.0.0.1'] };
const META = { family: 'tasmota' as const, models: ['ESP8266'], version: '14.4.0' };

let kit: FirmwareKit;
afterEach(async () => {
  await kit?.close();
});

async function get(url: string): Promise<{ status: number; length: string | null; body: Buffer }> {
  const res = await fetch(url);
  return {
    status: res.status,
    length: res.headers.get('content-length'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

describe('firmware server: <url>.gz', () => {
  it('gzips a stored .bin on the fly, with Content-Length, and logs the download', async () => {
    kit = await createFirmwareKit();
    const bin = buildEspImage({ chip: 'ESP8266', version: '14.4.0', payloadSize: 100_000 });
    const { image } = await kit.importBytes('tasmota.bin', bin, META);
    const url = kit.fw.server.urlFor(JOB, image.sha256, DEVICE)!;
    for (let round = 0; round < 2; round += 1) {
      const got = await get(`${url}.gz`);
      expect(got.status).toBe(200);
      expect([got.body[0], got.body[1]]).toEqual([0x1f, 0x8b]);
      expect(got.length).toBe(String(got.body.length));
      expect(gunzipSync(got.body)).toEqual(bin);
    }
    await vi.waitFor(() => expect(kit.fw.server.downloads({ limit: 10 })).toHaveLength(2));
    expect(kit.fw.server.downloads({ limit: 10 })[0]).toMatchObject({
      sha256: image.sha256,
      result: 'complete',
    });
  });

  it('serves a stored .bin.gz as it is under <url>.gz (never gzipped twice)', async () => {
    kit = await createFirmwareKit();
    const gz = gzipImage(buildEspImage({ chip: 'ESP8266', version: '14.4.0' }));
    const { image } = await kit.importBytes('tasmota.bin.gz', gz, META);
    const url = kit.fw.server.urlFor(JOB, image.sha256, DEVICE)!;
    expect((await get(`${url}.gz`)).body).toEqual(gz);
  });

  it('keeps the token check: a wrong token, a revoked job or another suffix get 404', async () => {
    kit = await createFirmwareKit();
    const { image } = await kit.importBytes(
      'tasmota.bin',
      buildEspImage({ chip: 'ESP8266', version: '14.4.0' }),
      META,
    );
    const url = kit.fw.server.urlFor(JOB, image.sha256, DEVICE)!;
    const base = url.slice(0, url.indexOf('/fw/'));
    expect((await get(`${base}/fw/AAAAAAAAAAAAAAAAAAAAAA/${image.sha256}.gz`)).status).toBe(404);
    expect((await get(`${url}.zip`)).status).toBe(404);
    expect((await get(`${url}.gz.gz`)).status).toBe(404);
    kit.fw.server.revokeJob(JOB);
    expect((await get(`${url}.gz`)).status).toBe(404);
  });
});
