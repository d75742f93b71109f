import { describe, expect, it } from 'vitest';
import type { DeviceEndpoint } from '../device-driver';
import { channelCandidates } from './tasmota-channel-choice';
import { mqttEndpointProblem } from './tasmota-mqtt-channel';

const mqtt = (
  brokerId: string,
  topic = 'tasmota_B3C4D5',
  fullTopic = '%prefix%/%topic%/',
): DeviceEndpoint => ({
  transport: 'mqtt',
  brokerId,
  topic,
  fullTopic,
});
const http: DeviceEndpoint = { transport: 'http', host: '192.0.2.5', port: 80 };
const serial: DeviceEndpoint = { transport: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 };
const states: Record<string, string> = { brk_up: 'connected', brk_down: 'error' };

describe('channelCandidates', () => {
  it('tries MQTT on a connected broker first, then HTTP, then serial, whatever the inventory order', () => {
    const { candidates, skipped } = channelCandidates([serial, http, mqtt('brk_up')], {
      brokerState: (id) => states[id],
      hasSerial: true,
    });
    expect(candidates.map((c) => c.transport)).toEqual(['mqtt', 'http', 'serial']);
    expect(skipped).toEqual([]);
  });

  it('skips MQTT whose broker is not connected or not configured, saying why', () => {
    const { candidates, skipped } = channelCandidates([mqtt('brk_down'), mqtt('brk_gone'), http], {
      brokerState: (id) => states[id],
      hasSerial: true,
    });
    expect(candidates.map((c) => c.transport)).toEqual(['http']);
    expect(skipped).toEqual([
      'MQTT tasmota_B3C4D5: broker brk_down is error',
      'MQTT tasmota_B3C4D5: broker brk_gone is not configured',
    ]);
  });

  it('leaves MQTT out when asked (a change moving the device off its broker) and serial without sessions', () => {
    const { candidates, skipped } = channelCandidates([mqtt('brk_up'), serial], {
      brokerState: (id) => states[id],
      hasSerial: false,
      avoidMqtt: true,
    });
    expect(candidates).toEqual([]);
    expect(skipped).toHaveLength(2);
  });

  it('never uses an MQTT endpoint whose topic cannot address one device', () => {
    expect(mqttEndpointProblem(mqtt('b', 'a/b') as never)).toContain('is not a topic level');
    expect(mqttEndpointProblem(mqtt('b', 't', 'all/#') as never)).toContain('does not address one device');
    expect(mqttEndpointProblem(mqtt('b', 't', '%prefix%/%hostname%/%topic%/') as never)).toContain(
      '%hostname%',
    );
    expect(mqttEndpointProblem(mqtt('b') as never)).toBeNull();
    expect(mqttEndpointProblem(mqtt('b', 't', 'nspanel/ns_panel1/%prefix%/') as never)).toBeNull();
  });
});
