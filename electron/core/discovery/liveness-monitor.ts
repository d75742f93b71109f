import type { DeviceFamily, DeviceId, DiscoverySourceKind, Endpoint } from '../../../shared/domain/device';
import { DeviceError } from '../device-error';
import type { DriverRegistry } from '../drivers/driver-registry';
import type { Logger } from '../ports';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import type { SightingListener } from './discovery-source';
import { endpointKey } from './endpoint-key';

export interface LivenessMonitorOptions {
  devices: DeviceRepository;
  drivers: DriverRegistry;
  listener: () => SightingListener;
  logger: Logger;
  /** Default 60 s. */
  intervalMs?: number;
  /** Budget of one check. Default 3 s. */
  timeoutMs?: number;
  /** Checks in flight at once. Default 16. */
  concurrency?: number;
}

interface Check {
  id: DeviceId;
  source: DiscoverySourceKind;
  endpoint: Endpoint;
  family: DeviceFamily;
  online: boolean;
}

/** Only silence is "offline": no route, refused, reset, or no answer in time. */
function isSilence(error: unknown): boolean {
  return !(error instanceof DeviceError) || error.reason === 'unreachable' || error.reason === 'timeout';
}

/**
 * mDNS only says goodbye when a device shuts down cleanly (a crashed device stays listed for its TTL, hours for
 * some records), so online mDNS endpoints are checked with their driver's identify call: one that stops
 * answering goes offline (`unreachable` when refused or unrouted, else `timeout`), and comes back with its
 * next announcement. One that answers with an error (HTTP 500) is not offline: it stays online and is listed
 * as not identified with that error, so a job tries it and fails with the same words.
 */
export class LivenessMonitor {
  /** Endpoints whose last check got an error answer: the next good answer clears their "not identified". */
  private readonly failing = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: LivenessMonitorOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.checkNow(), this.options.intervalMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over every checked endpoint; concurrent calls share the pass in progress. */
  checkNow(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    const { devices } = this.options;
    const checks: Check[] = [
      ...devices
        .endpointsBySource('mdns', 'http')
        .filter((e) => e.online)
        .map((e) => ({ ...e, source: 'mdns' as const })),
    ];
    const queue = [...checks];
    const worker = async () => {
      for (let check = queue.shift(); check; check = queue.shift()) await this.check(check);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 16, queue.length) }, worker));
  }

  private async check(check: Check): Promise<void> {
    const driver = this.options.drivers.get(check.family);
    if (!driver) return;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error('liveness check timed out')),
      this.options.timeoutMs ?? 3_000,
    );
    const key = `${check.source}|${endpointKey(check.endpoint)}`;
    try {
      const device = await driver.identify(check.endpoint, { signal: controller.signal });
      const wasFailing = this.failing.delete(key);
      // Another device at this address (DHCP moved it): recording the sighting releases the old holder.
      if (device.id !== check.id || !check.online || wasFailing) {
        this.options
          .listener()
          .seen({ kind: 'identified', source: check.source, endpoint: check.endpoint, device });
      }
    } catch (error) {
      if (!isSilence(error)) {
        this.failing.add(key);
        const { source, endpoint } = check;
        this.options
          .listener()
          .notIdentified?.({ source, endpoint, announcedAs: null, reason: (error as Error).message });
        return;
      }
      this.failing.delete(key);
      const reason =
        error instanceof DeviceError && error.reason === 'unreachable' ? 'unreachable' : 'timeout';
      if (check.online)
        this.options.listener().lost({ source: check.source, endpoint: check.endpoint, reason });
      if (!(error instanceof DeviceError))
        this.options.logger.warn('liveness check failed', { error: String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
