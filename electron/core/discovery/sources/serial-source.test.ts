import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { SerialSessionRegistry } from '../../transport/serial-session-registry';
import { RecordingListener } from '../../../../test-support/discovery/discovery-source-conformance';
import { SerialSource } from './serial-source';

// The CJS instance serialport itself uses (ENVIRONMENT.md §4: importing @serialport/binding-mock here would
// load a second, ESM copy whose ports SerialPortMock.list() never sees).
const MockBinding = SerialPortMock.binding;
const WAIT = { timeout: 5_000, interval: 10 };

describe('SerialSource listing (SerialPortMock)', () => {
  let source: SerialSource | undefined;

  afterEach(async () => {
    await source?.stop();
    source = undefined;
    MockBinding.reset();
  });

  function start(list: () => Promise<unknown[]> = () => SerialPortMock.list()) {
    const listener = new RecordingListener();
    source = new SerialSource({
      sessions: new SerialSessionRegistry({ binding: MockBinding }),
      logger: silentLogger,
      list,
      pollIntervalMs: 20,
    });
    return { listener, started: source.start(listener), source };
  }

  const ports = () => source!.details().serialPorts ?? [];

  it('lists ports with normalised VID:PID and the bridge chip they suggest', async () => {
    MockBinding.createPort('/dev/ttyUSB0', {
      manufacturer: 'Silicon Labs',
      vendorId: '10C4',
      productId: 'EA60',
    });
    MockBinding.createPort('/dev/ttyACM0', {
      manufacturer: 'Espressif',
      vendorId: '303a',
      productId: '1001',
    });
    MockBinding.createPort('/dev/ttyS0', {});
    const { started } = start();
    await started;
    expect(source!.state()).toEqual({ state: 'running', lastError: null });
    expect(
      ports().map((p) => [p.path, p.vendorId, p.productId, p.chip, p.likelyFamilies, p.listed, p.probe]),
    ).toEqual([
      [
        '/dev/ttyACM0',
        '303a',
        '1001',
        'Espressif USB-Serial/JTAG (ESP32-C3/C6/H2/S3)',
        ['tasmota', 'esphome'],
        true,
        'idle',
      ],
      ['/dev/ttyS0', null, null, null, [], true, 'idle'],
      ['/dev/ttyUSB0', '10c4', 'ea60', 'Silicon Labs CP210x', ['tasmota', 'esphome'], true, 'idle'],
    ]);
    expect(ports()[2]).toMatchObject({
      manufacturer: 'Silicon Labs',
      serialNumber: expect.any(String),
      deviceId: null,
      lastError: null,
    });
  });

  it('sees ports plugged and unplugged while running, and tells the listener', async () => {
    const { listener, started } = start();
    await started;
    expect(ports()).toEqual([]);
    const changesBefore = listener.stateChanges;
    MockBinding.createPort('/dev/ttyUSB1', { vendorId: '1a86', productId: '7523' });
    await vi.waitFor(() => expect(ports().map((p) => p.path)).toEqual(['/dev/ttyUSB1']), WAIT);
    expect(ports()[0]!.chip).toBe('WCH CH340/CH341');
    expect(listener.stateChanges).toBeGreaterThan(changesBefore);
    MockBinding.reset();
    await vi.waitFor(() => expect(ports()).toEqual([]), WAIT);
    expect(listener.losses).toEqual([]);
  });

  it('shows a missing udev as state error with a hint, and recovers when listing works again', async () => {
    const udevMissing = Object.assign(new Error('spawn udevadm ENOENT'), {
      code: 'ENOENT',
      syscall: 'spawn udevadm',
      path: 'udevadm',
    });
    let isBroken = true;
    const { started, listener } = start(() =>
      isBroken ? Promise.reject(udevMissing) : SerialPortMock.list(),
    );
    await started;
    expect(source!.state()).toEqual({
      state: 'error',
      lastError: 'cannot list serial ports (udev missing); type a port path instead',
    });
    expect(listener.stateChanges).toBeGreaterThan(0);
    isBroken = false;
    await vi.waitFor(() => expect(source!.state()).toEqual({ state: 'running', lastError: null }), WAIT);
  });

  it('names other listing failures and survives a list that is not a list', async () => {
    const { started } = start(() => Promise.resolve('nonsense' as unknown as unknown[]));
    await started;
    expect(source!.state()).toEqual({
      state: 'error',
      lastError: 'cannot list serial ports: the port list is not a list; type a port path instead',
    });
  });

  it('keeps a probe on a port that is not there to its own row, as an error', async () => {
    const { started } = start();
    await started;
    const status = await source!.probe('/dev/ttyNOPE');
    expect(status).toMatchObject({
      path: '/dev/ttyNOPE',
      listed: false,
      probe: 'error',
      lastError: expect.stringMatching(/does not exist|ttyNOPE/),
    });
    expect(ports().map((p) => p.path)).toEqual(['/dev/ttyNOPE']);
    // A failed probe is the port's own error: the source lists fine, so it is not in error.
    expect(source!.state()).toEqual({ state: 'running', lastError: null });
    await source!.forget('/dev/ttyNOPE');
    expect(ports()).toEqual([]);
  });

  it('reports nothing found when the port answers nothing, and releases it', async () => {
    MockBinding.createPort('/dev/ttyUSB2', { vendorId: '10c4', productId: 'ea60' });
    const sessions = new SerialSessionRegistry({ binding: MockBinding });
    source = new SerialSource({
      sessions,
      logger: silentLogger,
      list: () => SerialPortMock.list(),
      probeTimeoutMs: 50,
    });
    await source.start(new RecordingListener());
    const status = await source.probe('/dev/ttyUSB2');
    expect(status).toMatchObject({
      probe: 'nothing',
      lastError: 'no Tasmota console answered "Status0" within 50 ms at 115200 baud',
      deviceId: null,
    });
    expect(sessions.isHeld('/dev/ttyUSB2')).toBe(false);
  });
});
