import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEspImage,
  buildShellyFirmwareZip,
  startFirmwareServer,
  startShellyFleet,
  type FirmwareServer,
  type ShellyFleet,
  type SimulatedShelly,
} from '../index';
import { getJson, rpcFrame, rpcResult, waitUntil } from '../test-support/http-client';
import { sysEvents, WsRpcClient } from '../test-support/ws-rpc-client';

const NEW_VER = '1.6.0';
const NEW_FW_ID = '20250901-101010/1.6.0-gfeed123';

let fleet: ShellyFleet;
let files: FirmwareServer;

beforeAll(async () => {
  files = await startFirmwareServer();
  fleet = await startShellyFleet({
    count: 7,
    seed: 71,
    bootTimeMs: 150,
    mdns: false,
    faults: {
      4: { kind: 'ota-download-error' },
      5: { kind: 'corrupt-download' },
      6: { kind: 'silent-rollback' },
    },
    updates: (model) => ({
      stable: { version: NEW_VER, build_id: NEW_FW_ID, url: files.url(`${model}.zip`) },
    }),
  });
  for (const device of fleet.devices) {
    const zip = buildShellyFirmwareZip({
      app: device.app,
      version: NEW_VER,
      buildId: NEW_FW_ID,
      partSize: 64 * 1024,
    });
    files.put(`${device.model}.zip`, zip);
  }
  files.put('tasmota32.bin', buildEspImage({ chip: 'ESP32', version: '14.3.0' }));
  files.put(
    'no-manifest.zip',
    buildShellyFirmwareZip({ app: 'x', version: NEW_VER, buildId: NEW_FW_ID, tamper: 'no-manifest' }),
  );
});
afterAll(async () => {
  await fleet?.stop();
  await files?.stop();
});

async function update(device: SimulatedShelly, url: string): Promise<Array<Record<string, unknown>>> {
  const ws = await WsRpcClient.connect(device.port);
  try {
    const reply = await ws.request({ src: 'ota-test', method: 'Shelly.Update', params: { url } });
    expect(reply).toMatchObject({ result: null });
    await ws.waitForNotification(
      (f) => sysEvents([f]).some((e) => e.event === 'ota_success' || e.event === 'ota_error'),
      10_000,
    );
    return sysEvents(ws.notifications);
  } finally {
    await ws.close();
  }
}

const isServing = async (device: SimulatedShelly): Promise<boolean> =>
  (await getJson(device.port, '/shelly').catch(() => ({ status: 0 }))).status === 200;

describe('Shelly.Update', () => {
  it('downloads the image, reports progress, flashes once and reboots into the new ver/fw_id', async () => {
    const device = fleet.devices[0];
    const events = await update(device, files.url(`${device.model}.zip`));
    expect(events[0]).toMatchObject({ component: 'sys', event: 'ota_begin' });
    const progress = events.filter((e) => e.event === 'ota_progress').map((e) => e.progress_percent);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => Number(a) - Number(b)));
    expect(events.map((e) => e.event).slice(-2)).toEqual(['ota_success', 'scheduled_restart']);
    await waitUntil(() => device.counters.reboots === 1, { what: 'reboot' });
    await waitUntil(() => isServing(device), { what: 'back online', timeoutMs: 3000 });
    expect((await getJson(device.port, '/shelly')).json).toMatchObject({ ver: NEW_VER, fw_id: NEW_FW_ID });
    expect(await rpcResult(device.port, 'Sys.GetStatus')).toMatchObject({ uptime: 0 });
    expect(device.counters).toMatchObject({ flashes: 1, reboots: 1, otaFailures: 0 });
    expect(files.downloads(`${device.model}.zip`)).toBe(1);
  });

  // A real Gen2 reports every refusal as ota_error {"msg":"error"} (mongoose-os-apps/shelly-homekit#1350).
  it.each([
    ['a Tasmota ESP image (not a zip)', 'tasmota32.bin'],
    ['a zip without manifest', 'no-manifest.zip'],
    ['a missing file (HTTP 404)', 'missing.zip'],
  ])('reports ota_error for %s and keeps the old version', async (_, name) => {
    const device = fleet.devices[1];
    const events = await update(device, files.url(name));
    expect(events.at(-1)).toMatchObject({ event: 'ota_error', msg: 'error' });
    expect(device.ver).not.toBe(NEW_VER);
    expect(device.counters.flashes).toBe(0);
  });

  it('reports ota_error for a zip whose manifest names another app', async () => {
    const device = fleet.devices[2];
    const other = fleet.devices.find((d) => d.app !== device.app)!;
    const events = await update(device, files.url(`${other.model}.zip`));
    expect(events[0]).toMatchObject({ event: 'ota_begin', msg: 'in_progress' });
    expect(events.at(-1)).toMatchObject({ event: 'ota_error', msg: 'error' });
    expect(device.counters).toMatchObject({ flashes: 0, otaFailures: 1 });
  });

  it('refuses a second update while one runs, and rejects a bad url param with -103', async () => {
    const device = fleet.devices[3];
    const bad = await rpcFrame(device.port, {
      id: 1,
      src: 't',
      method: 'Shelly.Update',
      params: { url: 42 },
    });
    expect(bad.error).toEqual({ code: -103, message: "Invalid argument 'url'" });
    const release = files.hold('held.zip');
    files.put('held.zip', buildShellyFirmwareZip({ app: device.app, version: NEW_VER, buildId: NEW_FW_ID }));
    const first = await rpcFrame(device.port, {
      id: 2,
      src: 't',
      method: 'Shelly.Update',
      params: { url: files.url('held.zip') },
    });
    await waitUntil(() => files.downloads('held.zip') === 1, { what: 'download started' });
    const second = await rpcFrame(device.port, {
      id: 3,
      src: 't',
      method: 'Shelly.Update',
      params: { url: files.url(`${device.model}.zip`) },
    });
    expect(first.result).toBeNull();
    expect(second.error).toMatchObject({ code: -114 });
    release();
    await waitUntil(() => device.counters.reboots === 1, { what: 'reboot after update' });
  });

  it.each([4, 5])('device %i with an OTA fault reports ota_error and stays on its version', async (index) => {
    const device = fleet.devices[index];
    const before = device.ver;
    const events = await update(device, files.url(`${device.model}.zip`));
    expect(events.at(-1)).toMatchObject({ event: 'ota_error', msg: 'error' });
    expect(device.ver).toBe(before);
    expect(device.counters).toMatchObject({ flashes: 0, otaFailures: 1, reboots: 0 });
  });

  it('silent-rollback reports success, reboots, and comes back on the old version', async () => {
    const device = fleet.devices[6];
    const before = device.ver;
    const events = await update(device, files.url(`${device.model}.zip`));
    expect(events.map((e) => e.event).slice(-2)).toEqual(['ota_success', 'scheduled_restart']);
    await waitUntil(() => device.counters.reboots === 1, { what: 'reboot' });
    await waitUntil(() => isServing(device), { what: 'back online', timeoutMs: 3000 });
    expect((await getJson(device.port, '/shelly')).json).toMatchObject({ ver: before });
    expect(device.counters).toMatchObject({ flashes: 1, rollbacks: 1 });
  });
});

describe('Shelly.CheckForUpdate and stage updates', () => {
  it('offers the configured stable version, shows it in available_updates and updates by stage', async () => {
    const device = fleet.devices[1];
    expect(await rpcResult(device.port, 'Shelly.CheckForUpdate')).toEqual({
      stable: { version: NEW_VER, build_id: NEW_FW_ID },
    });
    expect(await rpcResult(device.port, 'Sys.GetStatus')).toMatchObject({
      available_updates: { stable: { version: NEW_VER } },
    });
    expect(await rpcResult(device.port, 'Shelly.Update', { stage: 'stable' })).toBeNull();
    await waitUntil(() => device.counters.reboots === 1, { what: 'reboot' });
    await waitUntil(() => isServing(device), { what: 'back online', timeoutMs: 3000 });
    expect(await rpcResult(device.port, 'Shelly.CheckForUpdate')).toEqual({});
    const none = await rpcFrame(device.port, {
      id: 1,
      src: 't',
      method: 'Shelly.Update',
      params: { stage: 'beta' },
    });
    expect(none.error).toMatchObject({ code: -114 });
  });
});
