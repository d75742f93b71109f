import type { SourceState } from '../../../../shared/domain/discovery';
import type { ServiceSighting } from '../../drivers/device-driver';
import type { DiscoverySource, SightingListener } from '../discovery-source';
import type { BrowsedService, MdnsBrowser } from '../mdns-browser';

export interface MdnsSourceOptions {
  browser: MdnsBrowser;
  /** Service types to browse, without underscore (from the drivers). */
  serviceTypes: readonly string[];
  /** How often to re-query and expire stale records. Default 60 s. */
  refreshIntervalMs?: number;
}

function toSighting(service: BrowsedService): ServiceSighting {
  return {
    source: 'mdns',
    serviceType: service.type,
    instanceName: service.name,
    host: service.address,
    port: service.port,
    txt: service.txt,
  };
}

/** DNS-SD browsing of the drivers' service types on the shared mDNS socket. */
export class MdnsSource implements DiscoverySource {
  readonly kind = 'mdns' as const;
  private current: SourceState = 'stopped';
  private lastError: string | null = null;
  private stops: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: MdnsSourceOptions) {}

  async start(listener: SightingListener): Promise<void> {
    if (this.current === 'running') return;
    this.set('starting', listener);
    try {
      for (const type of this.options.serviceTypes) {
        this.stops.push(
          this.options.browser.browse(type, {
            up: (s) => listener.seen(toSighting(s)),
            down: (s) => listener.lost(toSighting(s)),
            error: (e) => {
              this.lastError = e.message;
              this.set('error', listener);
            },
          }),
        );
      }
    } catch (error) {
      this.lastError = (error as Error).message;
      this.set('error', listener);
      throw error;
    }
    this.timer = setInterval(() => this.options.browser.refresh(), this.options.refreshIntervalMs ?? 60_000);
    this.timer.unref();
    this.set('running', listener);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const stop of this.stops) stop();
    this.stops = [];
    this.current = 'stopped';
  }

  state(): { state: SourceState; lastError: string | null } {
    return { state: this.current, lastError: this.lastError };
  }

  private set(state: SourceState, listener: SightingListener): void {
    this.current = state;
    listener.stateChanged();
  }
}
