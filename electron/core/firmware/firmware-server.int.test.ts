import { createHash } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEspImage, gzipImage } from '../../../simulator';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId } from '../../../shared/domain/job';
import { DeviceError } from '../device-error';
import { DomainError } from '../errors';
import {
  createFirmwareKit,
  fetchBytes,
  type FirmwareKit,
} from '../../../test-support/firmware/firmware-test-kit';

const JOB = 'job_0000000001aaaaaaaaaaaa' as JobId;
const DEVICE = { id: 'mac:a8032ab10001' as DeviceId, hosts: ['127.0.0.1'] };
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/**
 * A real ESP8266 `.bin` of `size` bytes: an image, then varied bytes (as Tasmota's eboot is followed by its
 * app), so wrong offsets show in the hash.
 */
function binFile(size: number): Buffer {
  const image = buildEspImage({ chip: 'ESP8266', version: '14.3.0', payloadSize: 4096 });
  const rest = Buffer.alloc(Math.max(0, size - image.length));
  for (let i = 0; i + 4 <= rest.length; i += 4) rest.writeUInt32LE(i, i);
  return Buffer.concat([image, rest]);
}
const META = { family: 'tasmota' as const, models: ['ESP8266'], version: '14.3.0' };

let kit: FirmwareKit;
afterEach(async () => {
  vi.restoreAllMocks();
  await kit?.close();
});

async function serving(size = 200_000) {
  const data = binFile(size);
  const { image } = await kit.importBytes('tasmota.bin', data, META);
  const url = kit.fw.server.urlFor(JOB, image.sha256, DEVICE)!;
  return { data, image, url };
}

const rows = () => kit.fw.server.downloads({ limit: 100 });
/** Every descriptor closed and every block buffer released once downloads are over. */
const released = () =>
  vi.waitFor(() =>
    expect(kit.fw.server.diagnostics()).toMatchObject({ heldBytes: 0, openFiles: 0, buffersHeld: 0 }),
  );

describe('firmware server', () => {
  it('streams the file with its Content-Length and logs a complete download by device', async () => {
    kit = await createFirmwareKit();
    const { data, image, url } = await serving();
    const port = kit.fw.server.info().status.port;
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/fw/[A-Za-z0-9_-]{22}/${image.sha256}$`));
    const got = await fetchBytes(url);
    expect(got).toMatchObject({ status: 200, bytes: data.length, sha256: sha(data) });
    expect(got.headers['content-length']).toBe(String(data.length));
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()).toEqual([
      expect.objectContaining({
        sha256: image.sha256,
        jobId: JOB,
        deviceId: DEVICE.id,
        remote: '127.0.0.1',
        bytes: data.length,
        result: 'complete',
      }),
    ]);
    await released();
  });

  it('serves many downloads of one image at once with the right bytes, reading its blocks far fewer times', async () => {
    kit = await createFirmwareKit();
    await kit.fw.server.updateSettings({ maxConcurrent: 50 });
    const { data, url } = await serving(3 * 1024 * 1024 + 12345);
    const got = await Promise.all(Array.from({ length: 30 }, () => fetchBytes(url)));
    for (const g of got) expect(g).toMatchObject({ status: 200, bytes: data.length, sha256: sha(data) });
    await vi.waitFor(() => expect(rows()).toHaveLength(30));
    expect(rows().every((r) => r.result === 'complete')).toBe(true);
    const blocks = Math.ceil(data.length / (256 * 1024));
    expect(kit.fw.server.diagnostics().diskReads).toBeLessThan(30 * blocks);
    await released();
  });

  it('answers 404 to a wrong token, an image not granted or a revoked job, without touching any file', async () => {
    kit = await createFirmwareKit();
    const { image, url } = await serving();
    const esp32 = gzipImage(buildEspImage({ chip: 'ESP32', version: '14.3.0', payloadSize: 1000 }));
    const other = (await kit.importBytes('tasmota32.bin.gz', esp32, { ...META, models: ['ESP32'] })).image;
    const pathOf = vi.spyOn(kit.fw.library, 'pathOf');
    const base = url.slice(0, url.indexOf('/fw/'));
    const token = url.split('/')[4]!;
    const wrong = [
      `${base}/fw/AAAAAAAAAAAAAAAAAAAAAA/${image.sha256}`,
      `${base}/fw/${token}/${other.sha256}`,
      `${base}/fw/${token}/${image.sha256}/x`,
      `${base}/fw/${token}/../${image.sha256}`,
      `${base}/${image.sha256}`,
    ];
    for (const u of wrong) expect((await fetchBytes(u)).status, u).toBe(404);
    kit.fw.server.revokeJob(JOB);
    expect((await fetchBytes(url)).status).toBe(404);
    expect(pathOf).not.toHaveBeenCalled();
    expect(rows()).toEqual([]);
  });

  it('refuses a file changed on disk with 500, logs it, and never hands out its URL', async () => {
    kit = await createFirmwareKit();
    const { image, url } = await serving();
    expect((await fetchBytes(url)).status).toBe(200);
    const file = join(kit.dir, 'firmware', image.sha256);
    const tampered = readFileSync(file);
    tampered[1000]! ^= 0x01;
    writeFileSync(file, tampered);
    const got = await fetchBytes(url);
    expect(got.status).toBe(500);
    expect(got.bytes).toBeLessThan(100);
    expect(rows().map((r) => r.result)).toEqual(['refused', 'complete']);
    expect(kit.logs).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringMatching(/does not match its hash/) }),
    );
    const target = { id: DEVICE.id, family: 'tasmota' as const, mac: null, model: 'ESP8266', endpoints: [] };
    await expect(kit.fw.provider.serveFor(JOB, [image.sha256], target)).rejects.toThrow(DeviceError);
  });

  it('answers 503 with Retry-After beyond the concurrency cap', async () => {
    kit = await createFirmwareKit();
    await kit.fw.server.updateSettings({ maxConcurrent: 1 });
    const { data, url } = await serving(8 * 1024 * 1024);
    let resume = () => {};
    const held = new Promise<void>((started) => {
      void fetchBytes(url, (res) => {
        res.pause();
        resume = () => res.resume();
        started();
      }).then((r) => expect(r.sha256).toBe(sha(data)));
    });
    await held;
    const busy = await fetchBytes(url);
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    expect(kit.fw.server.info().status.activeDownloads).toBe(1);
    resume();
    await vi.waitFor(() => expect(kit.fw.server.info().status.activeDownloads).toBe(0), { timeout: 10_000 });
    expect(rows().map((r) => r.result)).toEqual(['complete', 'refused']);
    await released();
  });

  it('logs a download the device breaks off as aborted', async () => {
    kit = await createFirmwareKit();
    const { data, url } = await serving(8 * 1024 * 1024);
    await fetchBytes(url, (res) => res.once('data', () => res.destroy())).catch(() => undefined);
    await vi.waitFor(() => expect(rows()).toHaveLength(1), { timeout: 10_000 });
    expect(rows()[0]).toMatchObject({ result: 'aborted' });
    expect(rows()[0]!.bytes).toBeLessThan(data.length);
    await released();
  });

  it('caps the total bandwidth (1 MiB at 512 KiB/s takes at least ~1.5 s)', async () => {
    kit = await createFirmwareKit();
    await kit.fw.server.updateSettings({ bandwidthKiBps: 512 });
    const { data, url } = await serving(1024 * 1024);
    const started = performance.now();
    const got = await fetchBytes(url);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(got.sha256).toBe(sha(data));
  });

  it("caps one job's downloads by its own bandwidth policy, leaving other jobs alone", async () => {
    kit = await createFirmwareKit();
    const { data, image, url } = await serving(512 * 1024);
    kit.fw.server.limitJob(JOB, 4 * 1024); // 4 Mbit/s = 500 kB/s
    const other = kit.fw.server.urlFor('job_otherjob00' as JobId, image.sha256, DEVICE)!;
    const timed = async (u: string) => {
      const started = performance.now();
      const got = await fetchBytes(u);
      expect(got.sha256).toBe(sha(data));
      return performance.now() - started;
    };
    const unlimited = await timed(other);
    const limited = await timed(url);
    expect(limited).toBeGreaterThanOrEqual(700);
    expect(unlimited).toBeLessThan(limited / 2);
    kit.fw.server.limitJob(JOB, null);
    expect(await timed(url)).toBeLessThan(limited / 2);
  });

  it('streams a 32 MiB file without holding it in memory', async () => {
    kit = await createFirmwareKit();
    const { data, url } = await serving(32 * 1024 * 1024);
    const expected = sha(data);
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Array buffers are freed by a background sweeper after a collection: collect twice, let it finish.
    const live = async () => {
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 30));
      }
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = await live();
    let during: number | null = null;
    const got = await fetchBytes(url, (res) => {
      let seen = 0;
      res.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen < 8 * 1024 * 1024 || during !== null || res.isPaused()) return;
        // Hold the download a quarter in: a server that read the file whole would hold all 32 MiB now.
        res.pause();
        void live().then((now) => {
          during = now - before;
          res.resume();
        });
      });
    });
    expect(got.sha256).toBe(expected);
    expect(during).not.toBeNull();
    expect(during!).toBeLessThan(8 * 1024 * 1024);
  });

  it('binds to the chosen port and interface, and reports a port in use instead of failing', async () => {
    kit = await createFirmwareKit();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const info = await kit.fw.server.updateSettings({ port: taken });
      expect(info.status).toMatchObject({
        listening: false,
        port: null,
        error: `port ${taken} is in use by another program`,
      });
      const check = await kit.fw.server.selfCheck({});
      expect(check).toMatchObject({
        ok: false,
        checks: [{ outcome: 'bind-failed', port: taken }],
        message: expect.stringMatching(/in use by another program/),
      });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    const free = (await kit.fw.server.updateSettings({ port: null })).status;
    expect(free).toMatchObject({ listening: true, bindAddress: '127.0.0.1', error: null });
    await expect(kit.fw.server.updateSettings({ interface: 'eth-does-not-exist' })).rejects.toThrow(
      DomainError,
    );
  });
});

describe('self-check', () => {
  it('fetches its own /health through 127.0.0.1', async () => {
    kit = await createFirmwareKit();
    const port = kit.fw.server.info().status.port;
    const check = await kit.fw.server.selfCheck({});
    expect(check).toEqual({
      ok: true,
      checks: [
        {
          interface: 'lo',
          address: '127.0.0.1',
          port,
          outcome: 'reachable',
          message: `Devices can download from http://127.0.0.1:${port} (checked through that address).`,
        },
      ],
      message: `Devices can download from http://127.0.0.1:${port} (checked through that address).`,
    });
  });

  it('checks a candidate interface with a temporary listener when the server is not running', async () => {
    kit = await createFirmwareKit({ serve: false });
    const check = await kit.fw.server.selfCheck({ interface: 'lo' });
    expect(check.ok).toBe(true);
    expect(check.checks[0]).toMatchObject({
      address: '127.0.0.1',
      outcome: 'reachable',
      port: expect.any(Number),
    });
    expect(kit.fw.server.info().status.listening).toBe(false);
  });

  it('says an address that is not on this computer is unreachable without sending anything', async () => {
    kit = await createFirmwareKit();
    const connect = vi.spyOn(Socket.prototype, 'connect');
    const check = await kit.fw.server.selfCheck({ address: '192.0.2.1' });
    expect(check).toMatchObject({
      ok: false,
      checks: [{ interface: null, address: '192.0.2.1', port: null, outcome: 'not-local' }],
      message: expect.stringMatching(/192\.0\.2\.1 is not an address of this computer.*Nothing was sent/),
    });
    expect(connect).not.toHaveBeenCalled();
  });

  it('names an interface that does not exist', async () => {
    kit = await createFirmwareKit();
    expect(await kit.fw.server.selfCheck({ interface: 'eth9' })).toMatchObject({
      ok: false,
      checks: [{ interface: 'eth9', address: null, outcome: 'no-interface' }],
    });
  });
});
