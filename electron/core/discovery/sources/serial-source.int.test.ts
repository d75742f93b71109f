import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPtyPair, type PtyPair } from '../../../../simulator/serial/pty-pair';
import { silentLogger } from '../../logging/json-logger';
import { SerialSessionRegistry } from '../../transport/serial-session-registry';
import { RecordingListener } from '../../../../test-support/discovery/discovery-source-conformance';
import { SerialSource, type SerialSourceOptions } from './serial-source';
import {
  FakeTasmotaConsole,
  type ConsoleBehaviour,
} from '../../../../test-support/discovery/serial-source-test-console';

const WAIT = { timeout: 10_000, interval: 20 };
const MAC = 'A4:CF:12:B3:C4:D5';
const DEVICE_ID = 'mac:a4cf12b3c4d5';

describe('SerialSource probing over socat PTYs', () => {
  let dir: string;
  let sessions: SerialSessionRegistry;
  let source: SerialSource | undefined;
  let listener: RecordingListener;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fieldbatch-serial-source-'));
    sessions = new SerialSessionRegistry({ livenessIntervalMs: 100 });
    listener = new RecordingListener();
  });

  afterEach(async () => {
    await source?.stop();
    source = undefined;
    await sessions.closeAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  async function plug(name: string, behaviour: ConsoleBehaviour = 'tasmota'): Promise<PtyPair> {
    const pair = await openPtyPair(dir, name);
    cleanups.push(() => pair.close());
    const console = await FakeTasmotaConsole.open(pair.devicePath, MAC, behaviour);
    cleanups.push(() => console.close());
    return pair;
  }

  async function startSource(options: Partial<SerialSourceOptions> = {}): Promise<SerialSource> {
    source = new SerialSource({
      sessions,
      logger: silentLogger,
      list: async () => [],
      pollIntervalMs: 20,
      probeTimeoutMs: 1_500,
      ...options,
    });
    await source.start(listener);
    return source;
  }

  it('finds a Tasmota console on a path typed by hand even when listing fails for lack of udev', async () => {
    const pair = await plug('ttyA');
    const udevMissing = Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
    await startSource({ list: () => Promise.reject(udevMissing) });
    expect(source!.state()).toEqual({
      state: 'error',
      lastError: 'cannot list serial ports (udev missing); type a port path instead',
    });

    const status = await source!.probe(pair.appPath);
    expect(status).toMatchObject({
      path: pair.appPath,
      listed: false,
      probe: 'found',
      deviceId: DEVICE_ID,
      lastError: null,
    });
    expect(listener.sightings).toEqual([
      {
        kind: 'identified',
        source: 'serial',
        endpoint: { transport: 'serial', path: pair.appPath, baudRate: 115200 },
        device: expect.objectContaining({
          id: DEVICE_ID,
          family: 'tasmota',
          firmware: '14.2.0(release-tasmota)',
          model: 'Sonoff Basic',
          name: 'Hall Plug',
        }),
      },
    ]);
    expect(source!.details().serialPorts).toEqual([status]);
  });

  it('loses the device as unplugged when socat is killed, and finds it again after a replug', async () => {
    const pair = await plug('ttyB');
    await startSource();
    expect((await source!.probe(pair.appPath)).probe).toBe('found');

    process.kill(pair.pid, 'SIGKILL');
    await vi.waitFor(() => expect(listener.losses).toHaveLength(1), WAIT);
    expect(listener.losses[0]).toEqual({
      source: 'serial',
      endpoint: { transport: 'serial', path: pair.appPath, baudRate: 115200 },
      reason: 'unplugged',
    });
    expect(source!.details().serialPorts?.[0]).toMatchObject({
      probe: 'idle',
      lastError: 'unplugged',
      deviceId: DEVICE_ID,
    });
    expect(sessions.isHeld(pair.appPath)).toBe(false);

    await plug('ttyB');
    expect((await source!.probe(pair.appPath)).probe).toBe('found');
    expect(listener.sightings.map((s) => (s.kind === 'identified' ? s.device.id : ''))).toEqual([
      DEVICE_ID,
      DEVICE_ID,
    ]);
  });

  it('says nothing answered on a silent or garbage-spewing port, and releases it', async () => {
    const silent = await openPtyPair(dir, 'ttySilent');
    cleanups.push(() => silent.close());
    const noisy = await plug('ttyNoisy', 'garbage');
    await startSource({ probeTimeoutMs: 300 });
    for (const path of [silent.appPath, noisy.appPath]) {
      expect(await source!.probe(path)).toMatchObject({
        probe: 'nothing',
        deviceId: null,
        lastError: 'no Tasmota console answered "Status0" within 300 ms at 115200 baud',
      });
      expect(sessions.isHeld(path)).toBe(false);
    }
    expect(listener.sightings).toEqual([]);
  });

  it('reports a cut-off STATUS0 result and a port held elsewhere as probe errors', async () => {
    const broken = await plug('ttyBroken', 'broken-result');
    const held = await plug('ttyHeld');
    const other = await sessions.open(held.appPath, 115200);
    cleanups.push(() => other.close());
    await startSource();
    expect(await source!.probe(broken.appPath)).toMatchObject({
      probe: 'error',
      lastError: expect.stringMatching(/^STATUS0 of "Status0" is cut off or garbled: .*not JSON/),
    });
    expect(await source!.probe(held.appPath)).toMatchObject({
      probe: 'error',
      lastError: `serial port ${held.appPath} is already in use by Fieldbatch`,
    });
    expect(listener.sightings).toEqual([]);
    expect(source!.state().state).toBe('running');
  });

  it('identifies a console whose log buffer cuts the merged STATUS0 line, from its Status 0 sections', async () => {
    const short = await plug('ttyShort', 'short-log-buffer');
    await startSource();
    expect(await source!.probe(short.appPath)).toMatchObject({ probe: 'found', deviceId: DEVICE_ID });
    expect(listener.sightings).toEqual([
      expect.objectContaining({ device: expect.objectContaining({ id: DEVICE_ID, chip: 'ESP8266' }) }),
    ]);
  });

  it('auto-probes newly plugged USB ports when enabled, and loses the device when the port leaves the list', async () => {
    let listed: unknown[] = [];
    await startSource({ list: async () => listed, autoProbe: true });
    const pair = await plug('ttyUSBsim');
    const plain = await plug('ttyS9');
    listed = [
      { path: pair.appPath, manufacturer: 'Silicon Labs', vendorId: '10c4', productId: 'ea60' },
      { path: plain.appPath },
    ];
    await vi.waitFor(() => expect(listener.sightings).toHaveLength(1), WAIT);
    expect(listener.sightings[0]).toMatchObject({ endpoint: { path: pair.appPath } });
    const ports = source!.details().serialPorts!;
    expect(ports.find((p) => p.path === pair.appPath)).toMatchObject({
      listed: true,
      probe: 'found',
      chip: 'Silicon Labs CP210x',
    });
    // A port without a USB VID (a built-in UART) is never probed without being asked.
    expect(ports.find((p) => p.path === plain.appPath)).toMatchObject({ probe: 'idle' });

    listed = [];
    await vi.waitFor(
      () => expect(listener.losses).toEqual([expect.objectContaining({ reason: 'unplugged' })]),
      WAIT,
    );
    expect(source!.details().serialPorts).toEqual([]);
    expect(sessions.isHeld(pair.appPath)).toBe(false);
  });

  it('does not probe by itself while auto-probe is off', async () => {
    const pair = await plug('ttyUSBoff');
    const listed = [{ path: pair.appPath, vendorId: '10c4', productId: 'ea60' }];
    let polls = 0;
    await startSource({ list: async () => (polls++, listed), autoProbe: false });
    await vi.waitFor(() => expect(polls).toBeGreaterThan(3), WAIT);
    expect(source!.details().serialPorts?.[0]).toMatchObject({ probe: 'idle' });
    expect(sessions.isHeld(pair.appPath)).toBe(false);
  });
});
