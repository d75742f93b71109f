import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTasmotaFleet, type TasmotaFleet } from '../../../../simulator';
import { startMosquitto } from '../../../../simulator/test-support/mosquitto-broker';
import { silentLogger } from '../../logging/json-logger';
import { SerialSessionRegistry } from '../../transport/serial-session-registry';
import { RecordingListener } from '../../../../test-support/discovery/discovery-source-conformance';
import { SerialSource } from './serial-source';

const WAIT = { timeout: 10_000, interval: 20 };

describe('SerialSource against simulated Tasmota serial consoles', () => {
  let fleet: TasmotaFleet | undefined;
  let source: SerialSource | undefined;
  const sessions = new SerialSessionRegistry({ livenessIntervalMs: 100 });

  afterEach(async () => {
    await source?.stop();
    await sessions.closeAll();
    await fleet?.stop();
    fleet = source = undefined;
  });

  // `Status 0` reports the module by number; a user template (module 0) shows no name until `Template`.
  const expectedModel = (module: string) => (module === 'Athom Plug V2' ? 'Template' : module);

  it('identifies each console from Status0 and loses them as unplugged when the fleet (and socat) stops', async () => {
    fleet = await startTasmotaFleet({ count: 6, serialCount: 6 });
    const listener = new RecordingListener();
    source = new SerialSource({
      sessions,
      logger: silentLogger,
      list: async () => [],
      probeTimeoutMs: 3_000,
    });
    await source.start(listener);

    for (const device of fleet.devices) {
      const status = await source.probe(device.serialPath!);
      expect(status).toMatchObject({
        probe: 'found',
        deviceId: `mac:${device.mac.toLowerCase()}`,
        lastError: null,
      });
    }
    expect(listener.sightings).toHaveLength(6);
    for (const [i, device] of fleet.devices.entries()) {
      expect(listener.sightings[i]).toEqual({
        kind: 'identified',
        source: 'serial',
        endpoint: { transport: 'serial', path: device.serialPath, baudRate: 115200 },
        device: expect.objectContaining({
          id: `mac:${device.mac.toLowerCase()}`,
          family: 'tasmota',
          mac: device.mac.toLowerCase(),
          firmware: device.version,
          model: expectedModel(device.module),
        }),
      });
    }

    await fleet.stop();
    await vi.waitFor(() => expect(listener.losses).toHaveLength(6), WAIT);
    expect(new Set(listener.losses.map((l) => l.reason))).toEqual(new Set(['unplugged']));
    expect(
      source.details().serialPorts?.every((p) => p.probe === 'idle' && p.lastError === 'unplugged'),
    ).toBe(true);
  });

  it('reads the result when the device logs it as an MQTT publish (MQT: stat/<topic>/STATUS0), and reuses the kept session', async () => {
    const broker = await startMosquitto();
    try {
      fleet = await startTasmotaFleet({ count: 1, serialCount: 1, broker: broker.url });
      const device = fleet.devices[0]!;
      await vi.waitFor(() => expect(device.mqttConnected).toBe(true), WAIT);
      const lines: string[] = [];
      source = new SerialSource({ sessions, logger: silentLogger, list: async () => [] });
      await source.start(new RecordingListener());
      expect((await source.probe(device.serialPath!)).probe).toBe('found');
      sessions.get(device.serialPath!)!.onLine((line) => lines.push(line));
      expect((await source.probe(device.serialPath!)).probe).toBe('found');
      expect(lines.some((l) => l.includes(`MQT: stat/${device.topic}/STATUS0 = {`))).toBe(true);
      expect(sessions.get(device.serialPath!)?.isOpen).toBe(true);
    } finally {
      await fleet?.stop();
      await broker.stop();
    }
  });
});
