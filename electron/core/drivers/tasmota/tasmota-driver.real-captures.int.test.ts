import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFixtureJson } from '../../../../conformance/fixture-files';
import { startMosquitto, type MosquittoBroker } from '../../../../simulator/test-support/mosquitto-broker';
import { silentLogger } from '../../logging/json-logger';
import { RecordingListener } from '../../../../test-support/discovery/discovery-source-conformance';
import { MqttSource } from '../../discovery/sources/mqtt-source';
import type { DeviceTarget } from '../device-driver';
import { BROKER_ID, TasmotaRig } from '../../../../test-support/drivers/tasmota/tasmota-test-rig';

// A real NSPanel (Tasmota 15.4.0, ESP32) replayed over a loopback mosquitto: its retained discovery config and
// its captured answers to `Status 0` (one message per section) and `Status0` (one merged STATUS0), published
// on its literal FullTopic `nspanel/ns_panel1/%prefix%/` (fixtures/real-devices/tasmota, SOURCES.md there).

interface Message {
  topic: string;
  payload: string;
}
const FOLDER = 'tasmota/mqtt-sections';
const sections = readFixtureJson<Message[]>(FOLDER, '15.4.0-esp32-nspanel-status-0.json');
const merged = readFixtureJson<Message[]>(FOLDER, '15.4.0-esp32-nspanel-status0.json');
const config = readFixtureJson<Message>('tasmota/discovery', '15.4.0-esp32-nspanel-custom-fulltopic.json');
const MAC = 'c049effa6938';
const FULL_TOPIC = 'nspanel/ns_panel1/%prefix%/';
const endpoint = {
  transport: 'mqtt',
  brokerId: BROKER_ID,
  topic: 'tasmota_FA6938',
  fullTopic: FULL_TOPIC,
} as const;

/** Answers as the captured device did (support_command.ino CmndStatus / CmndStatusResponse). */
function answersTo(command: string, payload: string): Message[] {
  if (/^status0$/i.test(command)) return merged;
  if (!/^status$/i.test(command)) return [];
  if (payload === '0') return sections;
  return sections.filter((m) => m.topic.endsWith(`/STATUS${payload}`));
}

let broker: MosquittoBroker;
let device: mqtt.MqttClient;
let rig: TasmotaRig;
const asked: string[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  device = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
  await device.subscribeAsync('nspanel/ns_panel1/cmnd/#');
  device.on('message', (topic, payload) => {
    const command = topic.split('/').pop()!;
    asked.push(`${command} ${payload.toString()}`.trim());
    // Telemetry in between, as a live device sends it.
    void device.publishAsync(
      'nspanel/ns_panel1/tele/STATE',
      '{"Time":"2026-05-03T16:10:28","UptimeSec":478}',
    );
    for (const answer of answersTo(command, payload.toString()))
      void device.publishAsync(answer.topic, answer.payload);
  });
  await device.publishAsync(config.topic, config.payload, { retain: true, qos: 1 });
  await device.publishAsync('nspanel/ns_panel1/tele/LWT', 'Online', { retain: true, qos: 1 });
  rig = new TasmotaRig();
  await rig.connect(broker.url);
});
afterAll(async () => {
  await rig?.close();
  await device?.endAsync(true);
  await broker?.stop();
});

describe('the Tasmota driver on a real NSPanel capture over MQTT', () => {
  it('identifies it with Status0 (one merged STATUS0), chip from its StatusFWR.Hardware', async () => {
    asked.length = 0;
    const identified = await rig.driver.identify(endpoint, { signal: new AbortController().signal });
    expect(identified).toMatchObject({ mac: MAC, firmware: '15.4.0(release-tasmota32)', chip: 'ESP32' });
    expect(asked).toEqual(['Status0']);
  });

  it('collects the real per-section answer to a raw "Status 0" among telemetry', async () => {
    const target: DeviceTarget = {
      id: `mac:${MAC}` as DeviceTarget['id'],
      family: 'tasmota',
      mac: MAC,
      model: 'NSPanel Flur',
      endpoints: [endpoint],
    };
    const result = await rig.driver.runStep(
      { action: 'raw-command', command: 'Status', value: '0' },
      target,
      rig.context(),
    );
    expect(result.summary).toMatch(
      /"Status 0" over MQTT .*→ \{"Status":\{.*\},"StatusPRM":\{.*\},"StatusFWR":\{/,
    );
  });

  it('is found by MQTT discovery and seen again with the chip its Status 2 names', async () => {
    const source = new MqttSource({ sessions: rig.mqtt, logger: silentLogger });
    const listener = new RecordingListener();
    await source.start(listener);
    try {
      await vi.waitFor(
        () =>
          expect(listener.sightings.at(-1)).toMatchObject({
            endpoint,
            device: { id: `mac:${MAC}`, chip: 'ESP32' },
          }),
        { timeout: 10_000, interval: 20 },
      );
      expect(listener.sightings[0]).not.toHaveProperty('device.chip');
    } finally {
      await source.stop();
    }
  });
});
