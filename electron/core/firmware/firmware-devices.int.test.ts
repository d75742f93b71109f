import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildEspImage,
  buildShellyFirmwareZip,
  startShellyFleet,
  startTasmotaFleet,
  type EspChip,
  type ShellyFleet,
  type TasmotaFleet,
} from '../../../simulator';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId } from '../../../shared/domain/job';
import type { DeviceTarget } from '../drivers/device-driver';
import { createFirmwareKit, type FirmwareKit } from '../../../test-support/firmware/firmware-test-kit';

const JOB = 'job_0000000001bbbbbbbbbbbb' as JobId;

let shelly: ShellyFleet;
let tasmota: TasmotaFleet;
let kit: FirmwareKit;

beforeAll(async () => {
  shelly = await startShellyFleet({ count: 2, seed: 5, bootTimeMs: 100, mdns: false });
  tasmota = await startTasmotaFleet({ count: 1, seed: 5, bootTimeMs: 100, restartDelayMs: 10 });
});
afterAll(async () => {
  await shelly?.stop();
  await tasmota?.stop();
});
afterEach(async () => kit?.close());

const httpTarget = (
  id: string,
  family: DeviceTarget['family'],
  model: string,
  port: number,
): DeviceTarget => ({
  id: id as DeviceId,
  family,
  mac: null,
  model,
  endpoints: [{ transport: 'http', host: '127.0.0.1', port }],
});

describe('devices downloading through serveFor', () => {
  it('a simulated Shelly updates from the URL it was given, with exactly one download logged', async () => {
    const device = shelly.devices[0]!;
    kit = await createFirmwareKit({
      device: () => ({ family: 'shelly', chip: null, product: device.app, firmware: device.ver }),
    });
    const other = shelly.devices.find((d) => d.app !== device.app)?.app ?? 'Pro4PM';
    const image = (app: string) =>
      buildShellyFirmwareZip({
        app,
        version: '1.6.0',
        buildId: '20250901-101010/1.6.0-gfeed123',
        partSize: 64 * 1024,
      });
    const wrong = (await kit.importBytes('other.zip', image(other))).image;
    const right = (await kit.importBytes('mine.zip', image(device.app))).image;
    const target = httpTarget(`mac:${device.mac.toLowerCase()}`, 'shelly', device.model, device.port);

    await expect(kit.fw.provider.serveFor(JOB, [wrong.sha256], target)).rejects.toThrow(
      `image is for ${other}; this device is ${device.app}`,
    );
    const served = await kit.fw.provider.serveFor(JOB, [wrong.sha256, right.sha256], target);
    expect(served).toEqual({
      url: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/fw/[\\w-]{22}/${right.sha256}$`)),
      sha256: right.sha256,
      size: right.size,
      version: '1.6.0',
      fwId: '20250901-101010/1.6.0-gfeed123',
    });

    const reply = await fetch(`http://127.0.0.1:${device.port}/rpc`, {
      method: 'POST',
      body: JSON.stringify({ id: 1, method: 'Shelly.Update', params: { url: served!.url } }),
    });
    expect(reply.status).toBe(200);
    await vi.waitFor(() => expect(device.counters.flashes).toBe(1), { timeout: 10_000 });
    await vi.waitFor(() => expect(device.ver).toBe('1.6.0'), { timeout: 10_000 });
    expect(kit.fw.server.downloads({ limit: 10 })).toEqual([
      expect.objectContaining({
        sha256: right.sha256,
        jobId: JOB,
        deviceId: target.id,
        remote: '127.0.0.1',
        bytes: right.size,
        result: 'complete',
      }),
    ]);
  });

  it('a simulated Tasmota gets the image for its chip (from Status 0) and flashes it once', async () => {
    const device = tasmota.devices[0]!;
    kit = await createFirmwareKit({
      device: () => ({ family: 'tasmota', chip: device.chip, product: null, firmware: device.version }),
    });
    const image = buildEspImage({ chip: device.chip as EspChip, version: '14.3.0', payloadSize: 32 * 1024 });
    const { image: entry } = await kit.importBytes('tasmota-14.3.0.bin', image);
    const target = httpTarget('mac:a4cf12000001', 'tasmota', device.module, device.port);
    const served = await kit.fw.provider.serveFor(JOB, [entry.sha256], target);
    expect(served).toMatchObject({ sha256: entry.sha256, version: '14.3.0', fwId: null });

    const cm = (line: string) => fetch(`http://127.0.0.1:${device.port}/cm?cmnd=${encodeURIComponent(line)}`);
    expect((await cm(`OtaUrl ${served!.url}`)).status).toBe(200);
    expect((await cm('Upgrade 1')).status).toBe(200);
    await vi.waitFor(() => expect(device.counters.flashes).toBe(1), { timeout: 10_000 });
    await vi.waitFor(() => expect(device.version).toMatch(/^14\.3\.0/), { timeout: 10_000 });
    const downloads = kit.fw.server.downloads({ jobId: JOB, limit: 10 });
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatchObject({ result: 'complete', bytes: entry.size, deviceId: target.id });
  });

  it('serves nothing to a Tasmota whose chip the image header does not name', async () => {
    const device = tasmota.devices[0]!;
    kit = await createFirmwareKit({
      device: () => ({ family: 'tasmota', chip: 'ESP32-C3', product: null, firmware: '14.2.0' }),
    });
    const image = buildEspImage({ chip: 'ESP8266', version: '14.3.0' });
    const { image: entry } = await kit.importBytes('t.bin', image, {
      version: '14.3.0',
      models: ['Sonoff 4CH Pro'],
    });
    const target = httpTarget('mac:a4cf12000001', 'tasmota', 'ESP32C3', device.port);
    await expect(kit.fw.provider.serveFor(JOB, [entry.sha256], target)).rejects.toThrow(
      'image is for ESP8266; this device is ESP32-C3',
    );
  });
});
