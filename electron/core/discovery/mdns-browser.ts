import { createSocket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import type { Logger } from '../ports';
import { assertOnlyLoopback } from './network-guard';

export interface MdnsBrowserOptions {
  /** IPv4 address of the NIC to browse on; all interfaces when absent. */
  interfaceAddress?: string;
  /** Test mode: refuse to start unless loopback is the only interface. */
  requireLoopbackOnly: boolean;
  logger: Logger;
  /** The host's interfaces (tests inject their own). Defaults to os.networkInterfaces. */
  interfaces?: () => ReturnType<typeof networkInterfaces>;
}

/** A DNS-SD service instance as browsed, with the address to reach it. */
export interface BrowsedService {
  /** Without the leading underscore: `shelly`, `http`. */
  type: string;
  name: string;
  host: string;
  /** IPv4 address when the responder sent an A record, else the address the answer came from. */
  address: string;
  port: number;
  txt: Record<string, string>;
}

export interface BrowseHandlers {
  up(service: BrowsedService): void;
  /** `goodbye`: the responder withdrew it (TTL 0); `expired`: its TTL ran out without a refresh. */
  down(service: BrowsedService, reason: 'goodbye' | 'expired'): void;
  error(error: Error): void;
}

function toBrowsed(service: Service): BrowsedService {
  const ipv4 = (service.addresses ?? []).find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a));
  const txt: Record<string, string> = {};
  for (const [key, value] of Object.entries((service.txt ?? {}) as Record<string, unknown>))
    txt[key] = String(value);
  return {
    type: service.type,
    name: service.name,
    host: service.host,
    address: ipv4 ?? service.referer?.address ?? service.host,
    port: service.port,
    txt,
  };
}

/**
 * The one mDNS socket of the process (bonjour-service over multicast-dns), shared by every browse.
 * Binding to a unicast address alone receives no multicast, so a chosen NIC is used as the multicast
 * interface while the socket binds 0.0.0.0.
 */
export class MdnsBrowser {
  private bonjour: Bonjour | null = null;
  private readonly browsers = new Set<Browser>();
  private handlersOnError = new Set<(error: Error) => void>();
  private expiring = false;

  constructor(private readonly options: MdnsBrowserOptions) {}

  private ensureStarted(): Bonjour {
    if (this.bonjour) return this.bonjour;
    if (this.options.requireLoopbackOnly)
      assertOnlyLoopback((this.options.interfaces ?? networkInterfaces)());
    // A site answers a query all at once; a large receive buffer (capped by the OS) keeps that burst from
    // being dropped while the event loop is busy confirming the first devices.
    const socket = createSocket({ type: 'udp4', reuseAddr: true, recvBufferSize: 4 << 20 });
    const config = this.options.interfaceAddress
      ? { interface: this.options.interfaceAddress, bind: '0.0.0.0', socket }
      : { socket };
    // bonjour-service crashes the process on socket errors unless given this callback.
    this.bonjour = new Bonjour(config as object, (error: Error) => {
      this.options.logger.warn('mDNS socket error', { error: error.message });
      for (const onError of this.handlersOnError) onError(error);
    });
    return this.bonjour;
  }

  /** Browses one service type until the returned function is called. Throws if the guard refuses. */
  browse(type: string, handlers: BrowseHandlers): () => void {
    const browser = this.ensureStarted().find({ type, protocol: 'tcp' });
    browser.on('up', (s: Service) => handlers.up(toBrowsed(s)));
    browser.on('down', (s: Service) => handlers.down(toBrowsed(s), this.expiring ? 'expired' : 'goodbye'));
    browser.on('srv-update', (s: Service) => handlers.up(toBrowsed(s)));
    browser.on('txt-update', (s: Service) => handlers.up(toBrowsed(s)));
    this.handlersOnError.add(handlers.error);
    this.browsers.add(browser);
    return () => {
      browser.stop();
      this.browsers.delete(browser);
      this.handlersOnError.delete(handlers.error);
    };
  }

  /** Asks again (finds devices whose announcement was missed) and drops services whose TTL ran out. */
  refresh(): void {
    for (const browser of this.browsers) {
      // expire() emits 'down' synchronously; the flag tells those apart from goodbye packets.
      this.expiring = true;
      try {
        browser.expire();
      } finally {
        this.expiring = false;
      }
      browser.update();
    }
  }

  /** Moves to another NIC (null = all): the socket is closed; browse again afterwards. */
  async setInterface(interfaceAddress: string | undefined): Promise<void> {
    await this.destroy();
    this.options.interfaceAddress = interfaceAddress;
  }

  async destroy(): Promise<void> {
    for (const browser of this.browsers) browser.stop();
    this.browsers.clear();
    const bonjour = this.bonjour;
    this.bonjour = null;
    if (bonjour) await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
  }
}
