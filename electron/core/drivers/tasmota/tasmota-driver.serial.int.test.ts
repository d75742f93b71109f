import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  parseDeviceFaults,
  startFirmwareServer,
  startTasmotaFleet,
  type FirmwareServer,
  type SimulatedTasmota,
  type TasmotaFleet,
} from '../../../../simulator';
import { openPtyPair } from '../../../../simulator/serial/pty-pair';
import type { TasmotaDevice } from '../../../../simulator/tasmota/tasmota-device';
import { SerialConsole } from '../../../../simulator/tasmota/tasmota-serial';
import { startMosquitto, type MosquittoBroker } from '../../../../simulator/test-support/mosquitto-broker';
import { defineActionCases } from '../../../../test-support/drivers/tasmota/tasmota-action-cases';
import {
  endpointOf,
  failure,
  imageServer,
  targetOf,
  TasmotaRig,
} from '../../../../test-support/drivers/tasmota/tasmota-test-rig';

const FLEET_SIZE = 22;
const WAIT = { timeout: 10_000, interval: 20 };

describe('TasmotaDriver on the serial console (socat PTYs + simulator)', () => {
  let broker: MosquittoBroker;
  let fleet: TasmotaFleet;
  let files: FirmwareServer;
  let rig: TasmotaRig;
  let serveImage: ReturnType<typeof imageServer>;
  let dir: string;
  let used = 0;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
    // Without a broker the console logs results as `RSL: RESULT = …`. The last two devices have no
    // console of their own: the unplug tests give them one on a PTY pair whose socat they can kill.
    fleet = await startTasmotaFleet({
      count: FLEET_SIZE,
      seed: 53,
      serialCount: FLEET_SIZE - 2,
      bootTimeMs: 300,
      restartDelayMs: 50,
      backlogDelayMs: 20,
    });
    files = await startFirmwareServer();
    rig = new TasmotaRig();
    serveImage = imageServer(rig.services, files);
    dir = mkdtempSync(join(tmpdir(), 'fieldbatch-tasmota-driver-'));
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });
  afterAll(async () => {
    await rig?.close();
    await fleet?.stop();
    await files?.stop();
    await broker?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const nextDevice = (): SimulatedTasmota => {
    const device = fleet.devices[used++];
    if (!device?.serialPath) throw new Error('the test fleet has too few serial consoles');
    return device;
  };

  defineActionCases({
    transport: 'serial',
    rig: () => rig,
    nextDevice,
    serveImage: (version, models, chip) => serveImage(version, models, chip),
    seesUpgradeResult: true,
  });

  it('borrows the port the serial discovery source holds open, and leaves it open', async () => {
    const d = nextDevice();
    const held = await rig.serial.open(d.serialPath!, 115200);
    cleanups.push(() => held.close());
    const result = await rig.driver.runStep({ action: 'collect' }, targetOf(d, ['serial']), rig.context());
    expect(result.summary).toContain(`over serial (${d.serialPath})`);
    expect(held.isOpen).toBe(true);
    expect(rig.serial.get(d.serialPath!)).toBe(held);
  });

  it('releases a port it opened itself once the step is done', async () => {
    const d = nextDevice();
    await rig.driver.runStep({ action: 'collect' }, targetOf(d, ['serial']), rig.context());
    expect(rig.serial.isHeld(d.serialPath!)).toBe(false);
  });

  /** Gives the device without a console one on a PTY pair of our own, whose socat we can kill. */
  async function plugOwnConsole(
    index: number,
  ): Promise<{ device: SimulatedTasmota; pid: number; path: string }> {
    const device = fleet.devices[index]! as TasmotaDevice;
    const pair = await openPtyPair(dir, `ttyUnplug${cleanups.length}`);
    cleanups.push(() => pair.close());
    const console = await SerialConsole.open(pair.devicePath, (line) => device.fromSerial(line));
    cleanups.push(() => console.close());
    device.attachConsole(console, pair.appPath);
    return { device, pid: pair.pid, path: pair.appPath };
  }

  it('fails an upgrade cleanly as unreachable when the port is unplugged mid-download', async () => {
    const { device, pid, path } = await plugOwnConsole(FLEET_SIZE - 2);
    const image = serveImage('14.6.0', [device.module], device.chip);
    const release = files.hold(new URL(image.url).pathname.slice(1));
    cleanups.push(async () => release());
    const target = {
      ...targetOf(device, []),
      endpoints: [{ transport: 'serial' as const, path, baudRate: 115200 }],
    };
    const pending = rig.driver.runStep(
      { action: 'firmware-update', images: [image.sha256] },
      target,
      rig.context(),
    );
    await vi.waitFor(() => expect(image.downloads()).toBe(1), WAIT);
    process.kill(pid, 'SIGKILL');
    const error = await failure(pending);
    expect(error).toMatchObject({ reason: 'unreachable' });
    expect(error.message).toBe(`serial port ${path} was unplugged`);
    expect(rig.serial.isHeld(path)).toBe(false);
  });

  it('fails a reboot cleanly as unreachable when the port is unplugged while waiting for the device', async () => {
    const { device, pid, path } = await plugOwnConsole(FLEET_SIZE - 1);
    device.setFault(parseDeviceFaults('long-reboot:60s'));
    cleanups.push(async () => device.setFault(null));
    const target = {
      ...targetOf(device, []),
      endpoints: [{ transport: 'serial' as const, path, baudRate: 115200 }],
    };
    const progress: string[] = [];
    const driver = rig.driverWith({ restartTimeoutMs: 120_000 });
    const pending = driver.runStep({ action: 'reboot' }, target, rig.context(120_000, progress));
    await vi.waitFor(
      () => expect(progress).toContain('waiting for the device to restart after Restart 1'),
      WAIT,
    );
    process.kill(pid, 'SIGKILL');
    expect(await failure(pending)).toMatchObject({ reason: 'unreachable' });
  });

  it('reads results as MQT: lines when the device is also on MQTT', async () => {
    const mqttFleet = await startTasmotaFleet({
      count: 1,
      seed: 54,
      serialCount: 1,
      broker: broker.url,
      bootTimeMs: 300,
    });
    cleanups.push(() => mqttFleet.stop());
    const d = mqttFleet.devices[0]!;
    await vi.waitFor(() => expect(d.mqttConnected).toBe(true), WAIT);
    const image = serveImage('14.7.0', [d.module], d.chip);
    const result = await rig.driver.runStep(
      { action: 'firmware-update', images: [image.sha256] },
      { ...targetOf(d, []), endpoints: [endpointOf(d, 'serial')] },
      rig.context(),
    );
    expect(result.summary).toMatch(/^running 14\.7\.0\(release-tasmota\) over serial/);
    expect(d.counters.flashes).toBe(1);
  });
});
