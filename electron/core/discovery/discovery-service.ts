import type { DeviceSummary, DiscoverySourceKind, Endpoint } from '../../../shared/domain/device';
import type { DiscoveryStatus } from '../../../shared/domain/discovery';
import type { IdentifiedDevice } from '../drivers/device-driver';
import type { DriverRegistry } from '../drivers/driver-registry';
import type { Clock, EventSink, Logger } from '../ports';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import type { DiscoverySource, Loss, Sighting, SightingListener } from './discovery-source';
import { endpointKey } from './endpoint-key';

export interface DiscoveryServiceDeps {
  sources: readonly DiscoverySource[];
  drivers: DriverRegistry;
  devices: DeviceRepository;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  /** Budget for a driver's identify call on an announced service. Default 5 s. */
  identifyTimeoutMs?: number;
}

export interface ConfirmedSighting {
  source: DiscoverySourceKind;
  endpoint: Endpoint;
  device: IdentifiedDevice;
  /** False for devices imported from a list and not reached yet. */
  online?: boolean;
}

/**
 * Turns sightings from every source into inventory records: an announced service must be confirmed by its
 * driver first, and every device is keyed by the identity it reports, never by its address, so one device seen
 * through mDNS, MQTT and serial is one record with three endpoints.
 */
export class DiscoveryService {
  /** Endpoints whose announcement is being confirmed, and whether a goodbye overtook the confirmation. */
  private readonly identifying = new Map<string, { withdrawn: boolean }>();
  private readonly pending = new Set<Promise<void>>();
  private readonly listener: SightingListener = {
    seen: (s) => this.onSeen(s),
    lost: (l) => this.onLost(l),
    stateChanged: () => this.deps.events.emit('discovery.statusChanged', this.status()),
  };

  constructor(private readonly deps: DiscoveryServiceDeps) {}

  async start(): Promise<void> {
    this.deps.devices.markAllNotSeen();
    for (const source of this.deps.sources) {
      try {
        await source.start(this.listener);
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
    const counts = this.deps.devices.onlineCountBySource();
    const status: DiscoveryStatus = {
      sources: [],
      brokers: [],
      serialPorts: [],
      offeredBrokers: [],
      scans: [],
    };
    for (const source of this.deps.sources) {
      status.sources.push({ kind: source.kind, ...source.state(), deviceCount: counts[source.kind] ?? 0 });
      const details = source.details?.() ?? {};
      status.brokers.push(...(details.brokers ?? []));
      status.serialPorts.push(...(details.serialPorts ?? []));
      status.offeredBrokers.push(...(details.offeredBrokers ?? []));
      status.scans.push(...(details.scans ?? []));
    }
    return status;
  }

  /** Writes a confirmed sighting and announces what changed. Manual add and CSV import come through here. */
  record(sighting: ConfirmedSighting): DeviceSummary {
    const { device, change, released } = this.deps.devices.recordSighting({
      ...sighting.device,
      source: sighting.source,
      endpoint: sighting.endpoint,
      online: sighting.online,
      at: this.deps.clock.now(),
    });
    if (change !== 'unchanged' || released.length > 0) this.announce([device, ...released]);
    return device;
  }

  /** The listener sources report to (also used by sources created after start, e.g. a new broker). */
  get sightingListener(): SightingListener {
    return this.listener;
  }

  private onSeen(sighting: Sighting): void {
    if (sighting.kind === 'identified') {
      this.record(sighting);
      return;
    }
    const driver = this.deps.drivers.forService(sighting.service);
    if (!driver) return;
    const endpoint = driver.endpointFor(sighting.service);
    const key = `${sighting.source}|${endpoint.transport}|${endpointKey(endpoint)}`;
    if (this.identifying.has(key)) return;
    const state = { withdrawn: false };
    this.identifying.set(key, state);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error('identify timed out')),
      this.deps.identifyTimeoutMs ?? 5_000,
    );
    const work = driver
      .identify(endpoint, { signal: controller.signal }, sighting.service)
      .then((device) => {
        if (!state.withdrawn) this.record({ source: sighting.source, endpoint, device });
      })
      .catch((error: unknown) => {
        this.deps.logger.info('announced service not confirmed by its driver', {
          service: `${sighting.service.name}._${sighting.service.type}`,
          endpoint: endpointKey(endpoint),
          error: (error as Error).message,
        });
      })
      .finally(() => {
        clearTimeout(timer);
        this.identifying.delete(key);
        this.pending.delete(work);
      });
    this.pending.add(work);
  }

  private onLost(loss: Loss): void {
    const key = endpointKey(loss.endpoint);
    const inFlight = this.identifying.get(`${loss.source}|${loss.endpoint.transport}|${key}`);
    if (inFlight) inFlight.withdrawn = true;
    const device = this.deps.devices.markEndpointOffline(
      loss.source,
      loss.endpoint.transport,
      key,
      loss.reason,
      this.deps.clock.now(),
    );
    if (device) this.announce([device]);
    else this.deps.events.emit('discovery.statusChanged', this.status());
  }

  private announce(devices: DeviceSummary[]): void {
    this.deps.events.emit('devices.updated', { devices });
    this.deps.events.emit('discovery.statusChanged', this.status());
  }
}
