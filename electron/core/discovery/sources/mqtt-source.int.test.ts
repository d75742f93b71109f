import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMosquitto, type MosquittoBroker } from '../../../../simulator/test-support/mosquitto-broker';
import type { LogFields, Logger } from '../../ports';
import { MqttSessionManager, type MqttBrokerConfig } from '../../transport/mqtt-session';
import { TcpForwarder } from '../../../../test-support/transport/tcp-forwarder';
import { RecordingListener } from '../../../../test-support/discovery/discovery-source-conformance';
import { MqttSource } from './mqtt-source';
import { FakeTasmotaPublisher } from '../../../../test-support/discovery/mqtt-source-test-devices';

const WAIT = { timeout: 10_000, interval: 20 };
const BROKER_ID = 'brk_site00001';

const brokerConfig = (url: string, id = BROKER_ID): MqttBrokerConfig => ({
  id,
  url,
  username: null,
  password: null,
  caPem: null,
  enabled: true,
});

describe('MqttSource against mosquitto', () => {
  let broker: MosquittoBroker;
  let sessions: MqttSessionManager;
  let source: MqttSource;
  let listener: RecordingListener;
  let publisher: FakeTasmotaPublisher;
  let warnings: { message: string; fields?: LogFields }[];
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    broker = await startMosquitto();
    warnings = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn: (message, fields) => warnings.push({ message, fields }),
      error: (message, fields) => warnings.push({ message, fields }),
    };
    sessions = new MqttSessionManager({ logger, reconnectPeriodMs: 100, connectTimeoutMs: 2_000 });
    source = new MqttSource({ sessions, logger });
    listener = new RecordingListener();
    publisher = await FakeTasmotaPublisher.connect(broker.url);
  });

  afterEach(async () => {
    await source.stop();
    await sessions.close();
    await publisher.close();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await broker.stop();
  });

  async function startOn(url = broker.url): Promise<void> {
    source.setBrokers([brokerConfig(url)]);
    await source.start(listener);
    await vi.waitFor(() => expect(source.details().brokers?.[0]?.state).toBe('connected'), WAIT);
  }

  const lossesFor = (topic: string) =>
    listener.losses.filter((l) => l.endpoint.transport === 'mqtt' && l.endpoint.topic === topic);
  const sightingsOf = (id: string) =>
    listener.sightings.filter((s) => s.kind === 'identified' && s.device.id === id);

  it('discovers every device from retained configs, with identity and MQTT endpoint, and counts them per broker', async () => {
    const devices = Array.from({ length: 25 }, () => publisher.nextDevice());
    for (const d of devices) await publisher.announce(d.mac);
    await startOn();
    await vi.waitFor(() => expect(listener.sightings).toHaveLength(25), WAIT);
    const first = listener.sightings.find((s) => s.kind === 'identified' && s.device.id === devices[0]!.id);
    expect(first).toMatchObject({
      kind: 'identified',
      source: 'mqtt',
      endpoint: {
        transport: 'mqtt',
        brokerId: BROKER_ID,
        topic: devices[0]!.topic,
        fullTopic: '%prefix%/%topic%/',
      },
      device: {
        family: 'tasmota',
        name: 'Hall Plug',
        model: 'Sonoff Basic',
        firmware: '14.2.0',
        product: 'Tasmota',
      },
    });
    expect(new Set(listener.sightings.map((s) => (s.kind === 'identified' ? s.device.id : '')))).toEqual(
      new Set(devices.map((d) => d.id)),
    );
    expect(source.details().brokers).toEqual([
      { id: BROKER_ID, url: broker.url, state: 'connected', lastError: null, deviceCount: 25 },
    ]);
    expect(source.state()).toEqual({ state: 'running', lastError: null });
  });

  it('turns LWT Offline into a lwt-offline loss and Online into a sighting again', async () => {
    const device = publisher.nextDevice();
    await publisher.announce(device.mac);
    await startOn();
    await vi.waitFor(() => expect(sightingsOf(device.id)).toHaveLength(1), WAIT);

    await publisher.retain(`tele/${device.topic}/LWT`, 'Offline');
    await vi.waitFor(() => expect(lossesFor(device.topic)).toHaveLength(1), WAIT);
    expect(lossesFor(device.topic)[0]).toEqual({
      source: 'mqtt',
      endpoint: {
        transport: 'mqtt',
        brokerId: BROKER_ID,
        topic: device.topic,
        fullTopic: '%prefix%/%topic%/',
      },
      reason: 'lwt-offline',
    });
    expect(source.details().brokers?.[0]?.deviceCount).toBe(0);

    await publisher.retain(`tele/${device.topic}/LWT`, 'Online');
    await vi.waitFor(() => expect(sightingsOf(device.id)).toHaveLength(2), WAIT);
    expect(source.details().brokers?.[0]?.deviceCount).toBe(1);
  });

  it('keeps an offline device offline when its config is replayed, and reports the new identity once Online', async () => {
    const [device, marker] = [publisher.nextDevice(), publisher.nextDevice()];
    await publisher.announce(device.mac);
    await publisher.announce(marker.mac);
    await startOn();
    await vi.waitFor(() => expect(listener.sightings).toHaveLength(2), WAIT);
    await publisher.retain(`tele/${device.topic}/LWT`, 'Offline');
    await vi.waitFor(() => expect(lossesFor(device.topic)).toHaveLength(1), WAIT);

    await publisher.announce(device.mac, { sw: '14.3.0' }, null);
    // Same publisher, same subscriber: once the marker's loss is in, the replayed config was handled too.
    await publisher.retain(`tele/${marker.topic}/LWT`, 'Offline');
    await vi.waitFor(() => expect(lossesFor(marker.topic)).toHaveLength(1), WAIT);
    expect(sightingsOf(device.id)).toHaveLength(1);

    await publisher.retain(`tele/${device.topic}/LWT`, 'Online');
    await vi.waitFor(() => expect(sightingsOf(device.id)).toHaveLength(2), WAIT);
    expect(sightingsOf(device.id)[1]).toMatchObject({ device: { firmware: '14.3.0' } });
  });

  it('marks a device offline whose retained LWT says Offline, whichever arrives first', async () => {
    const early = publisher.nextDevice();
    await publisher.retain(`tele/${early.topic}/LWT`, 'Offline');
    await startOn();
    await publisher.announce(early.mac, {}, null);
    await vi.waitFor(() => expect(lossesFor(early.topic)).toHaveLength(1), WAIT);
    expect(sightingsOf(early.id)).toHaveLength(1);
    expect(source.details().brokers?.[0]?.deviceCount).toBe(0);
  });

  it('honours a device’s own LWT words and a custom FullTopic and tele prefix', async () => {
    const device = publisher.nextDevice();
    await publisher.announce(
      device.mac,
      {
        ofln: 'Gone',
        onln: 'Here',
        ft: 'site/%prefix%/%hostname%/%topic%/',
        tp: ['c', 's', 't'],
        hn: 'hall',
      },
      null,
    );
    await startOn();
    await vi.waitFor(() => expect(sightingsOf(device.id)).toHaveLength(1), WAIT);
    await publisher.retain(`site/t/hall/${device.topic}/LWT`, 'Gone');
    await vi.waitFor(() => expect(lossesFor(device.topic)).toHaveLength(1), WAIT);
    expect(lossesFor(device.topic)[0]?.endpoint).toMatchObject({
      fullTopic: 'site/%prefix%/%hostname%/%topic%/',
    });
    await publisher.retain(`site/t/hall/${device.topic}/LWT`, 'Here');
    await vi.waitFor(() => expect(sightingsOf(device.id)).toHaveLength(2), WAIT);
  });

  it('follows LWTs under an extra FullTopic pattern for devices it has not identified yet', async () => {
    const device = publisher.nextDevice();
    source.setFullTopicPatterns(['%prefix%/site/%topic%/', 'not a pattern']);
    expect(source.state().lastError).toMatch(/FullTopic "not a pattern": needs %topic%/);
    await startOn();
    // Not retained and before the config: only the pattern's wildcard subscription can catch it.
    await publisher.publish(`tele/site/${device.topic}/LWT`, 'Offline');
    await publisher.announce(device.mac, { ft: '%prefix%/site/%topic%/' }, null);
    await vi.waitFor(() => expect(lossesFor(device.topic)).toHaveLength(1), WAIT);
  });

  it('counts malformed configs and LWT payloads as lastError, logs them, and loses nothing', async () => {
    const device = publisher.nextDevice();
    await publisher.announce(device.mac);
    await startOn();
    await vi.waitFor(() => expect(sightingsOf(device.id)).toHaveLength(1), WAIT);

    await publisher.publish('tasmota/discovery/A4CF12000001/config', '{"mac":');
    await vi.waitFor(() => expect(source.malformedCount).toBe(1), WAIT);
    expect(source.state()).toEqual({
      state: 'running',
      lastError: expect.stringMatching(
        /^1 malformed message\(s\); last: tasmota\/discovery\/A4CF12000001\/config: not JSON/,
      ),
    });
    await publisher.publish(
      'tasmota/discovery/A4CF12000002/config',
      JSON.stringify({ mac: 'A4CF12000003', t: 'x', ft: '%prefix%/%topic%/', sw: '1' }),
    );
    await publisher.publish(`tele/${device.topic}/LWT`, 'Maybe');
    await vi.waitFor(() => expect(source.malformedCount).toBe(3), WAIT);
    expect(source.state().lastError).toMatch(/LWT payload "Maybe" is neither "Online" nor "Offline"/);
    expect(warnings.map((w) => w.fields?.error)).toEqual([
      expect.stringMatching(/not JSON/),
      expect.stringMatching(/does not match the topic/),
      expect.stringMatching(/Maybe/),
    ]);

    // Discovery switched off: the empty retained config is no news about the device.
    await publisher.retain(`tasmota/discovery/${device.mac}/config`, '');
    await publisher.retain(`tele/${device.topic}/LWT`, 'Offline');
    await vi.waitFor(() => expect(lossesFor(device.topic)).toHaveLength(1), WAIT);
    expect(listener.losses).toHaveLength(1);
    expect(source.malformedCount).toBe(3);
  });

  it('shows a dead broker as error with its cause, and rediscovers retained devices once it is back', async () => {
    const device = publisher.nextDevice();
    await publisher.announce(device.mac);
    const forwarder = await TcpForwarder.start(broker.port);
    cleanups.push(() => forwarder.down());
    await startOn(forwarder.url);
    await vi.waitFor(() => expect(sightingsOf(device.id)).toHaveLength(1), WAIT);

    await forwarder.down();
    await vi.waitFor(
      () =>
        expect(source.details().brokers?.[0]).toMatchObject({
          state: 'error',
          lastError: expect.stringMatching(/ECONNREFUSED/),
        }),
      WAIT,
    );
    expect(source.state()).toEqual({
      state: 'error',
      lastError: expect.stringContaining(`${forwarder.url}: connect ECONNREFUSED`),
    });

    await forwarder.up();
    await vi.waitFor(
      () => expect(source.details().brokers?.[0]).toMatchObject({ state: 'connected', lastError: null }),
      WAIT,
    );
    await vi.waitFor(() => expect(sightingsOf(device.id)).toHaveLength(2), WAIT);
    expect(source.state().state).toBe('running');
    expect(listener.losses).toEqual([]);
  });

  it('adds and removes brokers at runtime; devices of a removed broker are lost as unreachable', async () => {
    const other = await startMosquitto();
    cleanups.push(() => other.stop());
    const otherPublisher = await FakeTasmotaPublisher.connect(other.url);
    cleanups.push(() => otherPublisher.close());
    const device = otherPublisher.nextDevice();
    await otherPublisher.announce(device.mac);
    await startOn();

    source.setBrokers([brokerConfig(broker.url), brokerConfig(other.url, 'brk_other0001')]);
    await vi.waitFor(() => expect(sightingsOf(device.id)).toHaveLength(1), WAIT);
    expect(sightingsOf(device.id)[0]).toMatchObject({ endpoint: { brokerId: 'brk_other0001' } });
    expect(source.details().brokers?.map((b) => [b.id, b.deviceCount])).toEqual([
      [BROKER_ID, 0],
      ['brk_other0001', 1],
    ]);

    source.setBrokers([brokerConfig(broker.url)]);
    expect(listener.losses).toEqual([
      {
        source: 'mqtt',
        endpoint: expect.objectContaining({ brokerId: 'brk_other0001', topic: device.topic }),
        reason: 'unreachable',
      },
    ]);
    expect(source.details().brokers?.map((b) => b.id)).toEqual([BROKER_ID]);
  });
});
