import { hostname, networkInterfaces } from 'node:os';
import { Bonjour, type Service } from 'bonjour-service';
import { assertOnlyLoopback } from '../discovery/network-guard';
import type { Logger } from '../ports';

export interface BrokerAnnouncerOptions {
  logger: Logger;
  /** Test mode: refuse to announce unless loopback is the only interface (multicast must not leave). */
  requireLoopbackOnly: boolean;
  /** The host's interfaces (tests inject their own). */
  interfaces?: typeof networkInterfaces;
  /** This computer's name, as the service instance and the `.local` host. */
  hostName?: string;
}

export interface Announcement {
  /** Sends the goodbye (TTL 0) and closes the mDNS socket. */
  withdraw(): Promise<void>;
}

/**
 * Announces the built-in broker as `_mqtt._tcp` (DNS-SD) on one interface with bonjour-service. Tasmota
 * builds with MQTT_HOST_DISCOVERY look for exactly this service when MqttHost is empty
 * (tasmota/tasmota_support/support_network.ino, MqttDiscoverServer: `MDNS.queryService("mqtt", "tcp")`).
 */
export class BrokerAnnouncer {
  constructor(private readonly options: BrokerAnnouncerOptions) {}

  announce(address: string, port: number): Announcement {
    if (this.options.requireLoopbackOnly)
      assertOnlyLoopback((this.options.interfaces ?? networkInterfaces)());
    const name = this.options.hostName ?? hostname();
    // A socket bound to a unicast address receives no multicast: send on the NIC, bind to all
    // (ENVIRONMENT.md §5, multicast-dns `interface` + `bind`).
    const bonjour = new Bonjour({ interface: address, bind: '0.0.0.0' } as object, (error: Error) =>
      this.options.logger.warn('embedded broker: mDNS error', { error: error.message }),
    );
    const service = bonjour.publish({
      name: `Fieldbatch broker on ${name}`,
      type: 'mqtt',
      port,
      host: `${name}.local`,
      disableIPv6: true,
    });
    onlyAddress(service, address);
    return {
      withdraw: () =>
        new Promise<void>((resolve) => {
          bonjour.unpublishAll(() => bonjour.destroy(() => resolve()));
        }),
    };
  }
}

/**
 * bonjour-service answers with an A record per address of every external NIC (dist/lib/service.js, records()),
 * and none for loopback. The broker listens on one address only, so that is the one A record. Replaced before
 * the first announcement: publish() probes the name first (about 750 ms) and builds the records afterwards.
 */
function onlyAddress(service: Service, address: string): void {
  const all = service.records.bind(service);
  service.records = (): ReturnType<Service['records']> => [
    ...all().filter((record) => record.type !== 'A' && record.type !== 'AAAA'),
    { name: service.host, type: 'A', ttl: 120, data: address },
  ];
}
