import { Bonjour, type Service } from 'bonjour-service';
import makeMdns from 'multicast-dns';
import { silentLogger } from '../../logging/json-logger';
import { describeDiscoverySourceConformance } from '../../../../test-support/discovery/discovery-source-conformance';
import { MdnsBrowser } from '../mdns-browser';
import { MdnsSource } from './mdns-source';

/**
 * The mDNS segment (this test's network namespace), with an independent responder (bonjour-service) announcing
 * and withdrawing `_shelly._tcp` services, and a raw multicast-dns socket sending malformed answers.
 */
describeDiscoverySourceConformance<{ name: string; port: number; service?: Service }>('MdnsSource', {
  async createWorld() {
    const publisher = new Bonjour({}, () => {});
    const raw = makeMdns();
    const browsers: MdnsBrowser[] = [];
    let next = 1;
    const publish = (device: { name: string; port: number; service?: Service }) => {
      device.service = publisher.publish({
        name: device.name,
        type: 'shelly',
        port: device.port,
        host: `${device.name}.local`,
        probe: false,
        txt: { gen: '2', app: 'Plus1PM', ver: '1.4.4' },
      });
    };
    const unpublish = (device: { service?: Service }) =>
      new Promise<void>((resolve) =>
        device.service?.stop ? device.service.stop(() => resolve()) : resolve(),
      );
    return {
      createSource() {
        const browser = new MdnsBrowser({ requireLoopbackOnly: true, logger: silentLogger });
        browsers.push(browser);
        return new MdnsSource({
          browser,
          serviceTypes: ['shelly'],
          endpointOf: (s) => ({ transport: 'http', host: s.host, port: s.port }),
          refreshIntervalMs: 1_000,
        });
      },
      async addDevice() {
        const device = { name: `shellyplus1pm-conform${next}`, port: 8000 + next++ };
        publish(device);
        return device;
      },
      removeDevice: unpublish,
      async restoreDevice(device) {
        publish(device);
      },
      async injectGarbage() {
        const ptr = {
          name: '_shelly._tcp.local',
          type: 'PTR' as const,
          ttl: 120,
          data: 'junk._shelly._tcp.local',
        };
        raw.respond({
          answers: [
            ptr,
            {
              name: 'junk._shelly._tcp.local',
              type: 'SRV',
              ttl: 120,
              data: { target: 'x.local', port: 0, priority: 0, weight: 0 },
            },
          ],
        });
        raw.respond({
          answers: [
            { name: 'junk2._shelly._tcp.local', type: 'TXT', ttl: 120, data: [Buffer.from([0xff, 0xfe])] },
          ],
        });
        await new Promise((r) => setTimeout(r, 200));
      },
      async dispose() {
        await Promise.all(browsers.map((b) => b.destroy()));
        await new Promise<void>((resolve) =>
          publisher.unpublishAll(() => publisher.destroy(() => resolve())),
        );
        await new Promise<void>((resolve) => raw.destroy(() => resolve()));
      },
    };
  },
});
