import { describe, expect, it } from 'vitest';
import { HawkbitTarget } from './hawkbit-target';
import { HttpsTarget } from './https-target';
import { MqttTarget } from './mqtt-target';

const clock = { now: () => 0 };
const mqtt = (url: string) => new MqttTarget({ id: 'm', url, topicPrefix: 'fb', clientId: 'fb-m' });
const https = (url: string) => new HttpsTarget({ id: 'h', url, clock });
const hawkbit = (baseUrl: string) =>
  new HawkbitTarget({
    id: 'k',
    baseUrl,
    auth: { mode: 'bearer', token: 't' },
    controllerIdPrefix: '',
    distributionSetName: null,
    clock,
  });

// Defence in depth (G12): whatever settings say, no target object exists for a plaintext link to another host.
describe('every sync target refuses to be built for a plaintext link to another computer', () => {
  it.each([
    ['mqtt', () => mqtt('mqtt://broker.example:1883')],
    ['https', () => https('http://backoffice.example/ingest')],
    ['hawkbit', () => hawkbit('http://hawkbit.example')],
  ])('%s', (_, build) => {
    expect(build).toThrow(
      /^Use an encrypted (mqtts|https):\/\/\S+ URL\. Plain (mqtt|http):\/\/ only to this computer/,
    );
  });

  it('builds them for encrypted links and for plaintext to this computer', () => {
    for (const url of ['mqtts://broker.example:8883', 'mqtt://127.0.0.1:1883'])
      expect(mqtt(url).kind).toBe('mqtt');
    for (const url of ['https://backoffice.example/in', 'http://127.0.0.1:8080/in'])
      expect(https(url).kind).toBe('https');
    expect(hawkbit('http://localhost:8080').kind).toBe('hawkbit');
  });
});
