import type { DeviceId, DeviceSummary, DiscoverySourceKind, Endpoint } from '../../../shared/domain/device';
import type { DiscoveryStatus } from '../../../shared/domain/discovery';
import type { DeviceDriver, IdentifiedDevice } from '../drivers/device-driver';
import type { DriverRegistry } from '../drivers/driver-registry';
import type { Clock, EventSink, Logger } from '../ports';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import type { DiscoverySource, Loss, Sighting, SightingListener } from './discovery-source';
import { endpointKey } from './endpoint-key';
import { UnidentifiedDevices } from './unidentified-devices';

export interface DiscoveryServiceDeps {
  sources: readonly DiscoverySource[];
  drivers: DriverRegistry;
  devices: DeviceRepository;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  /** Budget for a driver's identify call on an announced service. Default 5 s. */
  identifyTimeoutMs?: number;
  /** Identify calls in flight at once: a site's announcements arrive in one burst. Default 32. */
  identifyConcurrency?: number;
  /** How long writes wait to be batched into one transaction. Default 10 ms. */
  writeBatchMs?: number;
}

export interface ConfirmedSighting {
  source: DiscoverySourceKind;
  endpoint: Endpoint;
  device: IdentifiedDevice;
  /** False for devices imported from a list and not reached yet. */
  online?: boolean;
}

type Write =
  | { op: 'seen'; sighting: ConfirmedSighting; done: (device: DeviceSummary) => void }
  | { op: 'lost'; loss: Loss; done: () => void };

/**
 * Turns sightings from every source into inventory records: an announced service must be confirmed by its
 * driver first, and every device is keyed by the identity it reports, never by its address, so one device seen
 * through mDNS, MQTT and serial is one record with three endpoints. Writes are batched into one transaction
 * per tick: with synchronous=FULL every commit is an fsync, and a site announces hundreds of devices at once.
 */
export class DiscoveryService {
  /** Endpoints whose announcement is being confirmed, and whether a goodbye overtook the confirmation. */
  private readonly identifying = new Map<string, { withdrawn: boolean }>();
  /**
   * Announced endpoints already confirmed, with what they announced: Shelly announces `_http` and `_shelly`
   * for one endpoint, and a repeat with the same TXT needs no second identify. A loss forgets the entry.
   */
  private readonly confirmed = new Map<string, string>();
  /** Announced services whose confirmation failed, retried with back-off (the browser will not re-announce them). */
  private readonly retries = new Map<string, { attempt: number; timer: NodeJS.Timeout }>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private writes: Write[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly listener: SightingListener = {
    seen: (s) => this.onSeen(s),
    lost: (l) => {
      this.withdrawIfIdentifying(l);
      this.enqueue({ op: 'lost', loss: l, done: () => {} });
    },
    notIdentified: (failure) => {
      this.unidentified.note(failure, this.deps.clock.now());
      this.deps.events.emit('discovery.statusChanged', this.status());
    },
    stateChanged: () => this.deps.events.emit('discovery.statusChanged', this.status()),
  };
  private readonly unidentified = new UnidentifiedDevices((source, endpoint) =>
    this.deps.devices.findByEndpoint(source, endpoint.transport, endpointKey(endpoint)),
  );

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
    for (const retry of this.retries.values()) clearTimeout(retry.timer);
    this.retries.clear();
    await Promise.all(this.deps.sources.map((s) => s.stop()));
    await Promise.all(this.pending);
    this.flush();
  }

  status(): DiscoveryStatus {
    const counts = this.deps.devices.onlineCountBySource();
    const status: DiscoveryStatus = {
      sources: [],
      brokers: [],
      serialPorts: [],
      offeredBrokers: [],
      scans: [],
      unidentified: this.unidentified.list(),
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

  /** Writes a confirmed sighting (in the next batch) and announces what changed. */
  record(sighting: ConfirmedSighting): Promise<DeviceSummary> {
    return new Promise((done) => this.enqueue({ op: 'seen', sighting, done }));
  }

  /** The listener sources report to (also used by sources created after start, e.g. a new broker). */
  get sightingListener(): SightingListener {
    return this.listener;
  }

  /** Writes everything queued now, in one transaction, then tells the UI once. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.writes;
    this.writes = [];
    if (batch.length === 0) return;
    const { devices, clock } = this.deps;
    const changed = new Map<DeviceId, DeviceSummary>();
    const results = devices.transaction(() =>
      batch.map((write) => {
        if (write.op === 'lost') {
          const { loss } = write;
          this.unidentified.clear(loss.source, loss.endpoint);
          const device = devices.markEndpointOffline(
            loss.source,
            loss.endpoint.transport,
            endpointKey(loss.endpoint),
            loss.reason,
            clock.now(),
          );
          if (device) changed.set(device.id, device);
          return null;
        }
        const { sighting } = write;
        this.unidentified.clear(sighting.source, sighting.endpoint);
        const result = devices.recordSighting({
          ...sighting.device,
          source: sighting.source,
          endpoint: sighting.endpoint,
          online: sighting.online,
          at: clock.now(),
        });
        if (result.change !== 'unchanged') changed.set(result.device.id, result.device);
        for (const released of result.released) changed.set(released.id, released);
        return result.device;
      }),
    );
    batch.forEach((write, i) => (write.op === 'seen' ? write.done(results[i]!) : write.done()));
    if (changed.size > 0) this.deps.events.emit('devices.updated', { devices: [...changed.values()] });
    this.deps.events.emit('discovery.statusChanged', this.status());
  }

  private enqueue(write: Write): void {
    this.writes.push(write);
    this.flushTimer ??= setTimeout(() => this.flush(), this.deps.writeBatchMs ?? 10);
  }

  private async onSeen(sighting: Sighting): Promise<void> {
    if (sighting.kind === 'identified') {
      await this.record(sighting);
      return;
    }
    const driver = this.deps.drivers.forService(sighting.service);
    if (!driver) return;
    const endpoint = driver.endpointFor(sighting.service);
    const key = `${sighting.source}|${endpoint.transport}|${endpointKey(endpoint)}`;
    const fingerprint = JSON.stringify(Object.entries(sighting.service.txt).sort());
    if (this.identifying.has(key) || this.confirmed.get(key) === fingerprint) return;
    const state = { withdrawn: false };
    this.identifying.set(key, state);
    const work = this.slot()
      .then(() => this.identify(driver, endpoint, sighting))
      .then(async (device) => {
        if (state.withdrawn) return;
        await this.record({ source: sighting.source, endpoint, device });
        if (!state.withdrawn) this.confirmed.set(key, fingerprint);
        this.retries.delete(key);
      })
      .catch((error: unknown) => {
        this.deps.logger.info('announced service not confirmed by its driver', {
          service: `${sighting.service.name}._${sighting.service.type}`,
          endpoint: endpointKey(endpoint),
          error: (error as Error).message,
        });
        if (state.withdrawn) return;
        this.listener.notIdentified!({
          source: sighting.source,
          endpoint,
          announcedAs: sighting.service.name,
          reason: (error as Error).message,
        });
        this.scheduleRetry(key, sighting);
      })
      .finally(() => {
        this.identifying.delete(key);
        this.pending.delete(work);
      });
    this.pending.add(work);
    await work;
  }

  /** 1 s, 2 s, 4 s … up to 64 s, then the next announcement or liveness check has to bring it in. */
  private scheduleRetry(key: string, sighting: Sighting): void {
    const attempt = (this.retries.get(key)?.attempt ?? 0) + 1;
    if (attempt > 7) {
      this.retries.delete(key);
      return;
    }
    const timer = setTimeout(() => void this.onSeen(sighting), 1_000 * 2 ** (attempt - 1));
    timer.unref();
    this.retries.set(key, { attempt, timer });
  }

  private async identify(
    driver: DeviceDriver,
    endpoint: Endpoint,
    sighting: Extract<Sighting, { kind: 'announced' }>,
  ): Promise<IdentifiedDevice> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error('identify timed out')),
      this.deps.identifyTimeoutMs ?? 5_000,
    );
    try {
      return await driver.identify(endpoint, { signal: controller.signal }, sighting.service);
    } finally {
      clearTimeout(timer);
      this.release();
    }
  }

  /** Waits for one of the identify slots. */
  private slot(): Promise<void> {
    if (this.active < (this.deps.identifyConcurrency ?? 32)) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /** A goodbye overtaking a confirmation in flight: the device must not be recorded online afterwards. */
  private withdrawIfIdentifying(loss: Loss): void {
    const key = `${loss.source}|${loss.endpoint.transport}|${endpointKey(loss.endpoint)}`;
    this.confirmed.delete(key);
    const retry = this.retries.get(key);
    if (retry) clearTimeout(retry.timer);
    this.retries.delete(key);
    const inFlight = this.identifying.get(key);
    if (inFlight) inFlight.withdrawn = true;
  }
}
