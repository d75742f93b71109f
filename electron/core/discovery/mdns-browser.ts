import { createSocket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import makeMdns from 'multicast-dns';
import type { Logger } from '../ports';
import { DnsSdCache, type BrowsedService, type CacheEvent, type MdnsRecord } from './mdns/dns-sd-cache';
import { assertOnlyLoopback } from './network-guard';

export type { BrowsedService } from './mdns/dns-sd-cache';

export interface MdnsBrowserOptions {
  /** IPv4 address of the NIC to browse on; all interfaces when absent. */
  interfaceAddress?: string;
  /** Test mode: refuse to start unless loopback is the only interface. */
  requireLoopbackOnly: boolean;
  logger: Logger;
  /** The host's interfaces (tests inject their own). Defaults to os.networkInterfaces. */
  interfaces?: () => ReturnType<typeof networkInterfaces>;
}

export interface BrowseHandlers {
  /** A service appeared, or its address, port or TXT changed. */
  up(service: BrowsedService): void;
  /** `goodbye`: the responder withdrew it (TTL 0); `expired`: its TTL ran out without a refresh. */
  down(service: BrowsedService, reason: 'goodbye' | 'expired'): void;
  error(error: Error): void;
}

type MulticastDns = ReturnType<typeof makeMdns>;

/**
 * The one mDNS socket of the process (multicast-dns) and a DNS-SD browser over it. Our own browser rather than
 * bonjour-service's: that one matches every answer against every known service with a regex per comparison,
 * which cost seconds of blocked event loop for a 500-device site (measured). Binding to a unicast address alone
 * receives no multicast, so a chosen NIC is the multicast interface while the socket binds 0.0.0.0.
 */
export class MdnsBrowser {
  private mdns: MulticastDns | null = null;
  private readonly browsed = new Map<string, Set<BrowseHandlers>>();
  private readonly cache = new DnsSdCache();

  constructor(private readonly options: MdnsBrowserOptions) {}

  /** Browses one service type until the returned function is called. Throws if the guard refuses. */
  browse(type: string, handlers: BrowseHandlers): () => void {
    const mdns = this.ensureStarted();
    const fqdn = DnsSdCache.typeFqdn(type);
    const set = this.browsed.get(fqdn) ?? new Set();
    set.add(handlers);
    if (!this.browsed.has(fqdn)) {
      this.browsed.set(fqdn, set);
      this.rebuildCache();
      mdns.query({ questions: [{ name: fqdn, type: 'PTR' }] });
    }
    return () => {
      set.delete(handlers);
      if (set.size === 0) {
        this.browsed.delete(fqdn);
        this.rebuildCache();
      }
    };
  }

  /** Asks again for every browsed type and drops services whose TTL ran out. */
  refresh(): void {
    if (!this.mdns) return;
    this.dispatch(this.cache.expire(Date.now()));
    const questions = [...this.browsed.keys()].map((name) => ({ name, type: 'PTR' as const }));
    if (questions.length > 0) this.mdns.query({ questions });
  }

  /** Moves to another NIC (undefined = all): the socket is closed; browse again afterwards. */
  async setInterface(interfaceAddress: string | undefined): Promise<void> {
    await this.destroy();
    this.options.interfaceAddress = interfaceAddress;
  }

  async destroy(): Promise<void> {
    const mdns = this.mdns;
    this.mdns = null;
    this.browsed.clear();
    this.rebuildCache();
    if (mdns) await new Promise<void>((resolve) => mdns.destroy(() => resolve()));
  }

  private ensureStarted(): MulticastDns {
    if (this.mdns) return this.mdns;
    if (this.options.requireLoopbackOnly)
      assertOnlyLoopback((this.options.interfaces ?? networkInterfaces)());
    // A site answers a query all at once; a large receive buffer (capped by the OS) keeps that burst.
    const socket = createSocket({ type: 'udp4', reuseAddr: true, recvBufferSize: 4 << 20 });
    const address = this.options.interfaceAddress;
    const mdns = makeMdns({
      socket,
      reuseAddr: true,
      ...(address ? { interface: address, bind: '0.0.0.0' } : {}),
    });
    mdns.on('response', (packet, rinfo) => {
      const records = [...(packet.answers ?? []), ...(packet.additionals ?? [])] as MdnsRecord[];
      this.dispatch(this.cache.apply(records, rinfo.address, Date.now()));
    });
    // multicast-dns reports undecodable packets as warnings; a socket error is worth telling the sources.
    mdns.on('warning', (error: Error) =>
      this.options.logger.debug('malformed mDNS packet', { error: error.message }),
    );
    mdns.on('error', (error: Error) => {
      this.options.logger.warn('mDNS socket error', { error: error.message });
      for (const set of this.browsed.values()) for (const h of set) h.error(error);
    });
    this.mdns = mdns;
    return mdns;
  }

  private rebuildCache(): void {
    this.cache.setTypes(
      new Map([...this.browsed.keys()].map((fqdn) => [fqdn, fqdn.slice(1, fqdn.indexOf('._tcp'))])),
    );
  }

  private dispatch(events: CacheEvent[]): void {
    for (const event of events) {
      if (event.kind === 'resolve') {
        this.mdns?.query({
          questions: [
            { name: event.instance, type: 'SRV' },
            { name: event.instance, type: 'TXT' },
          ],
        });
        continue;
      }
      const handlers = this.browsed.get(DnsSdCache.typeFqdn(event.service.type));
      for (const h of handlers ?? []) {
        if (event.kind === 'up') h.up(event.service);
        else h.down(event.service, event.reason);
      }
    }
  }
}
