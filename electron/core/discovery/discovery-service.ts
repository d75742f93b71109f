import type { DeviceId, DeviceSummary, DiscoverySourceKind } from '../../../shared/domain/device';
import type { DiscoveryStatus } from '../../../shared/domain/discovery';
import type { ServiceSighting } from '../drivers/device-driver';
import type { DriverRegistry } from '../drivers/driver-registry';
import type { Clock, EventSink, Logger } from '../ports';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import type { DiscoverySource, SightingListener } from './discovery-source';

export interface DiscoveryServiceDeps {
  sources: readonly DiscoverySource[];
  drivers: DriverRegistry;
  devices: DeviceRepository;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  /** Budget for a driver's identify call on a new sighting. Default 5 s. */
  identifyTimeoutMs?: number;
}

const endpointKey = (s: ServiceSighting) => `${s.source}|${s.host}|${s.port}`;

/**
 * Turns sightings from every source into inventory records: a driver must confirm a sighting (identify)
 * before it becomes a device, and the device is keyed by the identity it reports, never by its address.
 */
export class DiscoveryService {
  /** Endpoints currently announced, per source, with the device they turned out to be. */
  private readonly visible = new Map<string, { source: DiscoverySourceKind; deviceId: DeviceId | null }>();
  private readonly identifying = new Set<string>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: DiscoveryServiceDeps) {}

  async start(): Promise<void> {
    this.deps.devices.markAllNotSeen();
    for (const source of this.deps.sources) {
      try {
        await source.start(this.listenerFor());
      } catch (error) {
        this.deps.logger.error('discovery source failed to start', {
          source: source.kind,
          error: String(error),
        });
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.deps.sources.map((s) => s.stop()));
    await Promise.all(this.pending);
  }

  status(): DiscoveryStatus {
    return {
      sources: this.deps.sources.map((source) => {
        const ids = new Set<DeviceId>();
        for (const v of this.visible.values())
          if (v.source === source.kind && v.deviceId) ids.add(v.deviceId);
        return { kind: source.kind, ...source.state(), deviceCount: ids.size };
      }),
    };
  }

  private listenerFor(): SightingListener {
    return {
      seen: (s) => this.track(this.onSeen(s)),
      lost: (s) => this.onLost(s),
      stateChanged: () => this.deps.events.emit('discovery.statusChanged', this.status()),
    };
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async onSeen(sighting: ServiceSighting): Promise<void> {
    const driver = this.deps.drivers.forSighting(sighting);
    const key = endpointKey(sighting);
    if (!driver || this.identifying.has(key)) return;
    if (!this.visible.has(key)) this.visible.set(key, { source: sighting.source, deviceId: null });
    this.identifying.add(key);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error('identify timed out')),
      this.deps.identifyTimeoutMs ?? 5_000,
    );
    try {
      const endpoint = { transport: 'http' as const, host: sighting.host, port: sighting.port };
      const device = await driver.identify(endpoint, { signal: controller.signal });
      // A goodbye may have arrived while we were asking; the device is then not online any more.
      const entry = this.visible.get(key);
      if (!entry) return;
      entry.deviceId = device.id;
      const summary = this.deps.devices.recordSighting({
        ...device,
        endpoint: { source: sighting.source, ...endpoint },
        at: this.deps.clock.now(),
      });
      this.announce([summary]);
    } catch (error) {
      this.deps.logger.info('sighting not confirmed by its driver', {
        host: sighting.host,
        port: sighting.port,
        error: (error as Error).message,
      });
    } finally {
      clearTimeout(timer);
      this.identifying.delete(key);
    }
  }

  private onLost(sighting: ServiceSighting): void {
    const key = endpointKey(sighting);
    this.visible.delete(key);
    const deviceId = this.deps.devices.findByAddress(sighting.source, sighting.host, sighting.port);
    if (!deviceId) return;
    const stillVisible = [...this.visible.values()].some((v) => v.deviceId === deviceId);
    if (stillVisible) return;
    const summary = this.deps.devices.markOffline(deviceId, 'goodbye');
    if (summary) this.announce([summary]);
  }

  private announce(devices: DeviceSummary[]): void {
    this.deps.events.emit('devices.updated', { devices });
    this.deps.events.emit('discovery.statusChanged', this.status());
  }
}
