import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTasmotaFleet, type TasmotaFleet } from '../../../../simulator';
import { startMosquitto, type MosquittoBroker } from '../../../../simulator/test-support/mosquitto-broker';
import { silentLogger } from '../../logging/json-logger';
import { MqttSessionManager } from '../../transport/mqtt-session';
import { RecordingListener } from '../../../../test-support/discovery/discovery-source-conformance';
import { MqttSource } from './mqtt-source';

const WAIT = { timeout: 15_000, interval: 20 };
const BROKER_ID = 'brk_sim000001';

describe('MqttSource against simulated Tasmota devices', () => {
  let broker: MosquittoBroker;
  let fleet: TasmotaFleet | undefined;
  let sessions: MqttSessionManager;
  let source: MqttSource;
  let listener: RecordingListener;

  beforeEach(async () => {
    broker = await startMosquitto();
    sessions = new MqttSessionManager({ logger: silentLogger, reconnectPeriodMs: 100 });
    source = new MqttSource({ sessions, logger: silentLogger });
    listener = new RecordingListener();
    source.setBrokers([
      { id: BROKER_ID, url: broker.url, username: null, password: null, caPem: null, enabled: true },
    ]);
    await source.start(listener);
  });

  afterEach(async () => {
    await source.stop();
    await sessions.close();
    await fleet?.stop();
    fleet = undefined;
    await broker.stop();
  });

  const idOf = (mac: string) => `mac:${mac.toLowerCase()}`;
  const sightingsOf = (mac: string) =>
    listener.sightings.filter((s) => s.kind === 'identified' && s.device.id === idOf(mac));
  const lossesOf = (topic: string) =>
    listener.losses.filter((l) => l.endpoint.transport === 'mqtt' && l.endpoint.topic === topic);

  it('finds every device with the identity it announces, and follows its LWT through a power cut and back', async () => {
    fleet = await startTasmotaFleet({ count: 6, broker: broker.url });
    const devices = fleet.devices;
    await vi.waitFor(
      () =>
        expect(new Set(listener.sightings.map((s) => (s.kind === 'identified' ? s.device.id : '')))).toEqual(
          new Set(devices.map((d) => idOf(d.mac))),
        ),
      WAIT,
    );
    for (const device of devices) {
      expect(sightingsOf(device.mac)[0]).toMatchObject({
        source: 'mqtt',
        endpoint: {
          transport: 'mqtt',
          brokerId: BROKER_ID,
          topic: device.topic,
          fullTopic: '%prefix%/%topic%/',
        },
        device: {
          family: 'tasmota',
          model: device.module,
          mac: device.mac.toLowerCase(),
          firmware: device.version.replace(/\(.*\)$/, ''),
        },
      });
    }
    expect(source.details().brokers?.[0]?.deviceCount).toBe(6);
    // Configs carry no chip: each device is asked `Status 2` and seen again with StatusFWR.Hardware's chip.
    for (const device of devices) {
      await vi.waitFor(
        () => expect(sightingsOf(device.mac).at(-1)).toMatchObject({ device: { chip: device.chip } }),
        WAIT,
      );
    }

    const victim = devices[2]!;
    // Dropped off the network: the broker publishes the device's will, `Offline`.
    victim.setFault({ kind: 'offline', mode: 'refuse' });
    await vi.waitFor(
      () => expect(lossesOf(victim.topic)).toEqual([expect.objectContaining({ reason: 'lwt-offline' })]),
      WAIT,
    );
    expect(source.details().brokers?.[0]?.deviceCount).toBe(5);

    const before = sightingsOf(victim.mac).length;
    victim.setFault(null);
    await vi.waitFor(() => expect(sightingsOf(victim.mac).length).toBeGreaterThan(before), WAIT);
    await vi.waitFor(() => expect(source.details().brokers?.[0]?.deviceCount).toBe(6), WAIT);

    await fleet.stop();
    await vi.waitFor(() => expect(source.details().brokers?.[0]?.deviceCount).toBe(0), WAIT);
    for (const device of devices) expect(lossesOf(device.topic).at(-1)?.reason).toBe('lwt-offline');
  });

  it('ignores a device that stops advertising but keeps following its LWT', async () => {
    fleet = await startTasmotaFleet({ count: 2, broker: broker.url });
    const [quiet] = fleet.devices;
    await vi.waitFor(
      () => expect(sightingsOf(quiet!.mac).at(-1)).toMatchObject({ device: { chip: quiet!.chip } }),
      WAIT,
    );
    const seen = sightingsOf(quiet!.mac).length;
    // SetOption19 1 would not survive the restart (every boot forces it back to 0, xdrv_12_discovery.ino
    // TasDiscoverInit); an unadvertised device clears its retained config instead.
    quiet!.setFault({ kind: 'offline', mode: 'unadvertised' });
    await quiet!.command('Restart 1');
    await vi.waitFor(() => expect(lossesOf(quiet!.topic).length).toBeGreaterThan(0), WAIT);
    await vi.waitFor(() => expect(sightingsOf(quiet!.mac).length).toBeGreaterThan(seen), WAIT);
    expect(source.malformedCount).toBe(0);
  });
});
