import { startMosquitto } from '../../../../simulator/test-support/mosquitto-broker';
import { silentLogger } from '../../logging/json-logger';
import { MqttSessionManager } from '../../transport/mqtt-session';
import { describeDiscoverySourceConformance } from '../../../../test-support/discovery/discovery-source-conformance';
import { MqttSource } from './mqtt-source';
import { FakeTasmotaPublisher } from '../../../../test-support/discovery/mqtt-source-test-devices';

describeDiscoverySourceConformance<{ mac: string; topic: string }>('MqttSource on mosquitto', {
  async createWorld() {
    const broker = await startMosquitto();
    const sessions = new MqttSessionManager({ logger: silentLogger, reconnectPeriodMs: 100 });
    sessions.setBrokers([
      { id: 'brk_conform01', url: broker.url, username: null, password: null, caPem: null, enabled: true },
    ]);
    const publisher = await FakeTasmotaPublisher.connect(broker.url);
    const added: { mac: string; topic: string }[] = [];
    return {
      createSource: () => new MqttSource({ sessions, logger: silentLogger }),
      async addDevice() {
        const device = publisher.nextDevice();
        added.push(device);
        await publisher.announce(device.mac);
        return device;
      },
      removeDevice: (device) => publisher.retain(`tele/${device.topic}/LWT`, 'Offline').then(() => undefined),
      restoreDevice: (device) => publisher.retain(`tele/${device.topic}/LWT`, 'Online').then(() => undefined),
      async injectGarbage() {
        const known = added[0];
        await publisher.retain('tasmota/discovery/DEADBEEF0001/config', '{"mac": "DEADBEEF0001", "t":');
        await publisher.retain(
          'tasmota/discovery/DEADBEEF0002/config',
          JSON.stringify({ mac: 'DEADBEEF0002', t: 7 }),
        );
        await publisher.publish(
          'tasmota/discovery/DEADBEEF0003/config',
          Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
        );
        await publisher.publish('tasmota/discovery/DEADBEEF0004/config', `{"pad":"${'x'.repeat(300_000)}"}`);
        await publisher.publish('tele/unknown_topic/LWT', 'Offline');
        if (known) {
          await publisher.publish(`tele/${known.topic}/LWT`, 'Sleeping');
          await publisher.publish(`tele/${known.topic}/LWT`, Buffer.alloc(1000, 0x41));
          // Discovery switched off on the device: the retained config is cleared, the device stays.
          await publisher.retain(`tasmota/discovery/${known.mac}/config`, '');
        }
      },
      async dispose() {
        await publisher.close();
        await sessions.close();
        await broker.stop();
      },
    };
  },
});
