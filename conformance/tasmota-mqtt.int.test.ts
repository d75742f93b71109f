import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMosquitto, type MosquittoBroker } from '../simulator/test-support/mosquitto-broker';
import { RecordingListener } from '../test-support/discovery/discovery-source-conformance';
import { MqttSource } from '../electron/core/discovery/sources/mqtt-source';
import type { Logger } from '../electron/core/ports';
import { MqttSessionManager } from '../electron/core/transport/mqtt-session';
import { listFixtures, readFixtureJson } from './fixture-files';

// Real retained discovery configs (fixtures/real-devices/tasmota/discovery) replayed on a loopback mosquitto to
// the app's MQTT discovery source; run inside scripts/netns.sh.

interface Retained {
  topic: string;
  payload: string;
}
interface Config {
  mac: string;
  t: string;
  ft: string;
  tp: [string, string, string];
  ofln: string;
  onln: string;
}

const WAIT = { timeout: 10_000, interval: 20 };
const BROKER_ID = 'brk_conformance1';
const configs = listFixtures('tasmota/discovery', '.json').map((file) => {
  const message = readFixtureJson<Retained>('tasmota/discovery', file);
  return { file, message, config: JSON.parse(message.payload) as Config };
});

/** Where Tasmota publishes its LWT: FullTopic with %prefix% = Prefix3 and %topic% = Topic, then `LWT`. */
const lwtTopicOf = ({ ft, t, tp }: Config) => `${ft.replace('%prefix%', tp[2]).replace('%topic%', t)}LWT`;

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
let broker: MosquittoBroker;
let publisher: mqtt.MqttClient;
let sessions: MqttSessionManager;
let source: MqttSource;
const listener = new RecordingListener();

beforeAll(async () => {
  broker = await startMosquitto();
  publisher = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
  for (const { message, config } of configs) {
    await publisher.publishAsync(message.topic, message.payload, { qos: 1, retain: true });
    await publisher.publishAsync(lwtTopicOf(config), config.onln, { qos: 1, retain: true });
  }
  sessions = new MqttSessionManager({ logger: silent, reconnectPeriodMs: 100, connectTimeoutMs: 2_000 });
  source = new MqttSource({ sessions, logger: silent });
  source.setBrokers([
    { id: BROKER_ID, url: broker.url, username: null, password: null, caPem: null, enabled: true },
  ]);
  await source.start(listener);
});

afterAll(async () => {
  await source.stop();
  await sessions.close();
  await publisher.endAsync(true);
  await broker.stop();
});

describe.each(configs.map((c) => [c.file, c] as const))('retained real config %s', (_file, { config }) => {
  const id = `mac:${config.mac.toLowerCase()}`;
  const sightings = () =>
    listener.sightings.flatMap((s) => (s.kind === 'identified' && s.device.id === id ? [s.endpoint] : []));

  it('is discovered with its own topic and FullTopic', async () => {
    await vi.waitFor(() => expect(sightings().length).toBeGreaterThan(0), WAIT);
    expect(sightings()[0]).toMatchObject({
      transport: 'mqtt',
      brokerId: BROKER_ID,
      topic: config.t,
      fullTopic: config.ft,
    });
  });

  it('goes offline on its own LWT topic', async () => {
    await vi.waitFor(() => expect(sightings().length).toBeGreaterThan(0), WAIT);
    await publisher.publishAsync(lwtTopicOf(config), config.ofln, { qos: 1, retain: true });
    await vi.waitFor(
      () =>
        expect(
          listener.losses.some(
            (l) =>
              l.endpoint.transport === 'mqtt' && l.endpoint.topic === config.t && l.reason === 'lwt-offline',
          ),
        ).toBe(true),
      WAIT,
    );
  });
});
