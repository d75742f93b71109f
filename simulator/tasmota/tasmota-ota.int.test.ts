import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEspImage, gzipImage } from '../firmware/esp-image';
import { type FirmwareServer, startFirmwareServer } from '../firmware/firmware-server';
import { type MosquittoBroker, startMosquitto } from '../test-support/mosquitto-broker';
import { MqttWatch } from '../test-support/mqtt-watch';
import { startTasmotaFleet } from './tasmota-fleet';
import type { SimulatedTasmota, TasmotaFleet } from './tasmota-types';

// The OTA state machine of arendst/Tasmota support_tasmota.ino (Every250mSeconds) over real HTTP and MQTT:
// 9 downloads on an ESP8266 (the last 4 with `.gz` appended), 4 on an ESP32, `Failed …` only after the last.
let broker: MosquittoBroker;
let fleet: TasmotaFleet;
let watch: MqttWatch;
let files: FirmwareServer;

const byChip = (chip: string): SimulatedTasmota => {
  const device = fleet.devices.find((d) => d.chip === chip);
  if (device === undefined) throw new Error(`the seeded fleet has no ${chip}`);
  return device;
};

beforeAll(async () => {
  broker = await startMosquitto();
  files = await startFirmwareServer();
  watch = await MqttWatch.connect(broker.url);
  fleet = await startTasmotaFleet({
    count: 5,
    seed: 1,
    broker: broker.url,
    bootTimeMs: 150,
    restartDelayMs: 20,
    otaRetryMs: 50,
  });
  await Promise.all(fleet.devices.map((d) => watch.waitFor((m) => m.topic === `tele/${d.topic}/INFO3`)));
});
afterAll(async () => {
  await fleet?.stop();
  await watch?.close();
  await files?.stop();
  await broker?.stop();
});

/** Sets OtaUrl, runs `Upgrade 1` and returns every UPGRADE result until the first one. */
async function upgrade(device: SimulatedTasmota, url: string): Promise<{ result: string; from: number }> {
  await watch.publish(`cmnd/${device.topic}/OtaUrl`, url);
  const from = watch.mark();
  await watch.publish(`cmnd/${device.topic}/Upgrade`, '1');
  const result = await watch.json(`stat/${device.topic}/UPGRADE`, from, 10_000);
  return { result: String(result.Upgrade), from };
}

async function versionAfterRestart(device: SimulatedTasmota, from: number): Promise<string> {
  const info1 = await watch.json(`tele/${device.topic}/INFO1`, from);
  return (info1.Info1 as { Version: string }).Version;
}

describe('Tasmota OTA on an ESP8266', () => {
  it('asks for <url>.gz after half the attempts failed and flashes the .bin.gz', async () => {
    const device = byChip('ESP8266');
    files.put('tasmota-14.4.0.bin.gz', gzipImage(buildEspImage({ chip: 'ESP8266', version: '14.4.0' })));
    const release = files.hold('tasmota-14.4.0.bin.gz');
    const running = upgrade(device, files.url('tasmota-14.4.0.bin'));
    await expect.poll(() => files.downloads('tasmota-14.4.0.bin.gz'), { timeout: 5000 }).toBe(1);
    // The web server stays up during OTA (support_tasmota.ino no longer stops it, 20230107).
    const power = await fetch(`http://127.0.0.1:${device.port}/cm?cmnd=Power`);
    expect(power.status).toBe(200);
    release();
    const { result, from } = await running;
    expect(result).toBe('Successful. Restarting');
    expect(files.downloads('tasmota-14.4.0.bin')).toBe(5);
    expect(await versionAfterRestart(device, from)).toBe('14.4.0(tasmota)');
    expect(device.counters).toMatchObject({ flashes: 1, otaFailures: 0 });
  });

  it('publishes one Failed, with the last error, only after all 9 attempts', async () => {
    const device = byChip('ESP8266');
    const { result, from } = await upgrade(device, files.url('nothing.bin'));
    expect(result).toBe('Failed File Not Found (404)');
    expect([files.downloads('nothing.bin'), files.downloads('nothing.bin.gz')]).toEqual([5, 4]);
    const upgrades = watch.since(from).filter((m) => m.topic === `stat/${device.topic}/UPGRADE`);
    expect(upgrades).toHaveLength(1);
    expect(device.counters.otaFailures).toBe(1);
  });
});

describe('Tasmota OTA on the ESP32 family', () => {
  it.each([
    [
      'an image for another chip',
      'c3.bin',
      () => buildEspImage({ chip: 'ESP32-C3', version: '14.4.0' }),
      'Failed Update error: Could Not Activate The Firmware',
    ],
    [
      'a .bin.gz',
      'esp32.bin.gz',
      () => gzipImage(buildEspImage({ chip: 'ESP32', version: '14.4.0' })),
      'Failed Verify Bin Header Failed',
    ],
    [
      'a factory image',
      'esp32.factory.bin',
      () => buildEspImage({ chip: 'ESP32', version: '14.4.0', kind: 'factory' }),
      'Failed Verify Bin Header Failed',
    ],
  ])('refuses %s after 4 attempts, keeping its version', async (_label, name, image, expected) => {
    const device = byChip('ESP32');
    const before = device.version;
    files.put(name, image());
    const { result } = await upgrade(device, files.url(name));
    expect(result).toBe(expected);
    expect(files.downloads(name)).toBe(4);
    expect(device.version).toBe(before);
    expect(device.counters.flashes).toBe(0);
  });

  it('boots into the version of an image whose app descriptor version is empty (private marker)', async () => {
    const device = byChip('ESP32-C3');
    const image = buildEspImage({
      chip: 'ESP32-C3',
      version: '14.5.0',
      build: 'tasmota32c3',
      versionInAppDesc: false,
    });
    files.put('tasmota32c3-14.5.0.bin', image);
    const { result, from } = await upgrade(device, files.url('tasmota32c3-14.5.0.bin'));
    expect(result).toBe('Successful. Restarting');
    expect(await versionAfterRestart(device, from)).toBe('14.5.0(tasmota32c3)');
  });

  it('writes a C3 factory image, restarts, and comes back on the old version (bootloader falls back)', async () => {
    const device = byChip('ESP32-C3');
    const before = device.version;
    files.put(
      'tasmota32c3.factory.bin',
      buildEspImage({ chip: 'ESP32-C3', version: '14.6.0', kind: 'factory' }),
    );
    const { result, from } = await upgrade(device, files.url('tasmota32c3.factory.bin'));
    expect(result).toBe('Successful. Restarting');
    expect(await versionAfterRestart(device, from)).toBe(before);
    expect(device.counters).toMatchObject({ rollbacks: 1 });
  });
});
