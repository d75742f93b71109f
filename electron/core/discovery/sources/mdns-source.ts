import type { Endpoint } from '../../../../shared/domain/device';
import type { OfferedBroker, SourceState } from '../../../../shared/domain/discovery';
import type { AnnouncedService } from '../../drivers/device-driver';
import type { DiscoverySource, SightingListener, SourceDetails } from '../discovery-source';
import type { BrowsedService, MdnsBrowser } from '../mdns-browser';

export interface MdnsSourceOptions {
  browser: MdnsBrowser;
  /** Service types the drivers want (without underscore). `_mqtt._tcp` is always browsed, as broker offers. */
  serviceTypes: readonly string[];
  /** Resolves an HTTP/API endpoint for an announced service; the drivers know their transports. */
  endpointOf(service: AnnouncedService): Endpoint | null;
  /** How often to re-query and expire stale records once settled. Default 60 s. */
  refreshIntervalMs?: number;
}

/**
 * Re-queries soon after start, then less and less often (RFC 6762 §5.2 continuous querying): answers to the
 * first query arrive in a burst from every device at once, and some may be dropped by a busy receiver.
 */
const EARLY_QUERIES_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000];

const BROKER_TYPE = 'mqtt';

function toService(s: BrowsedService): AnnouncedService {
  return { type: s.type, name: s.name, host: s.address, port: s.port, txt: s.txt };
}

/** DNS-SD browsing of the drivers' service types (and `_mqtt._tcp` broker offers) on the shared mDNS socket. */
export class MdnsSource implements DiscoverySource {
  readonly kind = 'mdns' as const;
  private current: SourceState = 'stopped';
  private lastError: string | null = null;
  private stops: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private early: NodeJS.Timeout[] = [];
  private readonly offered = new Map<string, OfferedBroker>();
  private listener: SightingListener | null = null;

  constructor(private readonly options: MdnsSourceOptions) {}

  async start(listener: SightingListener): Promise<void> {
    if (this.current === 'running') return;
    this.listener = listener;
    this.set('starting');
    try {
      for (const type of new Set([...this.options.serviceTypes, BROKER_TYPE])) {
        this.stops.push(
          this.options.browser.browse(
            type,
            type === BROKER_TYPE ? this.brokerHandlers() : this.deviceHandlers(),
          ),
        );
      }
    } catch (error) {
      this.lastError = (error as Error).message;
      this.set('error');
      throw error;
    }
    let at = 0;
    this.early = EARLY_QUERIES_MS.map((gap) => {
      at += gap;
      return setTimeout(() => this.options.browser.refresh(), at).unref();
    });
    this.timer = setInterval(() => this.options.browser.refresh(), this.options.refreshIntervalMs ?? 60_000);
    this.timer.unref();
    this.set('running');
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.early.forEach(clearTimeout);
    this.early = [];
    for (const stop of this.stops) stop();
    this.stops = [];
    this.offered.clear();
    this.current = 'stopped';
    this.listener = null;
  }

  /** Re-binds mDNS to another NIC (undefined = all) and browses again. */
  async setInterface(interfaceAddress: string | undefined): Promise<void> {
    const listener = this.listener;
    await this.stop();
    await this.options.browser.setInterface(interfaceAddress);
    if (listener) await this.start(listener);
  }

  state(): { state: SourceState; lastError: string | null } {
    return { state: this.current, lastError: this.lastError };
  }

  details(): SourceDetails {
    return { offeredBrokers: [...this.offered.values()] };
  }

  private deviceHandlers() {
    return {
      up: (s: BrowsedService) =>
        this.listener?.seen({ kind: 'announced', source: 'mdns', service: toService(s) }),
      down: (s: BrowsedService, reason: 'goodbye' | 'expired') => {
        const endpoint = this.options.endpointOf(toService(s));
        if (endpoint) this.listener?.lost({ source: 'mdns', endpoint, reason });
      },
      error: (e: Error) => {
        this.lastError = e.message;
        this.set('error');
      },
    };
  }

  private brokerHandlers() {
    return {
      up: (s: BrowsedService) => {
        this.offered.set(`${s.address}:${s.port}`, { name: s.name, host: s.address, port: s.port });
        this.listener?.stateChanged();
      },
      down: (s: BrowsedService) => {
        this.offered.delete(`${s.address}:${s.port}`);
        this.listener?.stateChanged();
      },
      error: () => {},
    };
  }

  private set(state: SourceState): void {
    this.current = state;
    this.listener?.stateChanged();
  }
}
