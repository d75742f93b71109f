import type { DeviceId } from '../../../../shared/domain/device';
import type { ScanId, ScanProgress, ScanRequest, SourceState } from '../../../../shared/domain/discovery';
import type { HttpEndpoint } from '../../drivers/device-driver';
import type { DriverRegistry } from '../../drivers/driver-registry';
import { DomainError } from '../../errors';
import type { IdSource } from '../../ports';
import type { DiscoverySource, SightingListener, SourceDetails } from '../discovery-source';
import { CidrError, expandCidr } from '../manual/cidr';
import { probeAddress } from '../manual/address-prober';

export interface ManualSourceOptions {
  drivers: DriverRegistry;
  ids: IdSource;
  /** Addresses added by hand earlier (from the inventory): checked at start and every `checkIntervalMs`. */
  knownEndpoints: () => HttpEndpoint[];
  /** Default 60 s. */
  checkIntervalMs?: number;
  /** Budget of one check. Default 3 s. */
  checkTimeoutMs?: number;
  /** Finished scans kept for the panel. Default 5. */
  keepFinished?: number;
}

interface Scan {
  progress: ScanProgress;
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Devices the technician points at: one address, or a range scan with progress and cancel. Nothing announces
 * these devices, so the source checks its addresses itself: one that stops answering is lost (`timeout`), one
 * that answers again is seen again.
 */
export class ManualSource implements DiscoverySource {
  readonly kind = 'manual' as const;
  private listener: SightingListener | null = null;
  private readonly scans = new Map<ScanId, Scan>();
  /** Last known answer per address: true = answered as this device id. */
  private readonly answering = new Map<string, string | null>();
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private stopped = new AbortController();

  constructor(private readonly options: ManualSourceOptions) {}

  async start(listener: SightingListener): Promise<void> {
    this.listener = listener;
    this.stopped = new AbortController();
    this.timer = setInterval(() => void this.checkNow(), this.options.checkIntervalMs ?? 60_000);
    this.timer.unref();
    void this.checkNow();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped.abort(new Error('stopping'));
    for (const scan of this.scans.values()) scan.abort.abort(new Error('stopping'));
    await Promise.all([...this.scans.values()].map((s) => s.done));
    await this.checking;
    this.listener = null;
  }

  /** One pass over the known addresses; concurrent calls share the pass in progress. */
  checkNow(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    const queue = [...this.options.knownEndpoints()];
    const worker = async () => {
      for (let endpoint = queue.shift(); endpoint && !this.stopped.signal.aborted; endpoint = queue.shift()) {
        await this.check(endpoint);
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, queue.length) }, worker));
  }

  private async check(endpoint: HttpEndpoint): Promise<void> {
    const key = `${endpoint.host}:${endpoint.port}`;
    const result = await probeAddress(this.options.drivers, endpoint.host, endpoint.port, {
      signal: this.stopped.signal,
      timeoutMs: this.options.checkTimeoutMs ?? 3_000,
    }).catch(() => null);
    if (!result || this.stopped.signal.aborted) return;
    const before = this.answering.get(key);
    if ('device' in result) {
      this.answering.set(key, result.device.id);
      if (before !== result.device.id) {
        await this.listener?.seen({ kind: 'identified', source: 'manual', endpoint, device: result.device });
      }
    } else if (result.hasAnswered) {
      // It answers, only not as a device (HTTP 500): not offline, but listed with the error it gave.
      this.answering.set(key, null);
      this.listener?.notIdentified?.({ source: 'manual', endpoint, announcedAs: null, reason: result.error });
    } else {
      this.answering.set(key, null);
      if (before) this.listener?.lost({ source: 'manual', endpoint, reason: 'timeout' });
    }
  }

  state(): { state: SourceState; lastError: string | null } {
    return { state: this.listener ? 'running' : 'stopped', lastError: null };
  }

  details(): SourceDetails {
    return { scans: [...this.scans.values()].map((s) => s.progress) };
  }

  /** Probes one address; UNAVAILABLE with every driver's answer when no known device is there. */
  async add(host: string, port = 80, timeoutMs = 3_000): Promise<DeviceId> {
    const result = await probeAddress(this.options.drivers, host, port, {
      signal: new AbortController().signal,
      timeoutMs,
    });
    if ('error' in result) throw new DomainError('UNAVAILABLE', result.error);
    this.answering.set(`${host}:${port}`, result.device.id);
    await this.listener?.seen({
      kind: 'identified',
      source: 'manual',
      endpoint: result.endpoint,
      device: result.device,
    });
    return result.device.id;
  }

  /** Starts a range scan; INVALID_INPUT-worthy ranges throw a DomainError before anything starts. */
  startScan(request: ScanRequest): ScanId {
    let hosts: string[];
    try {
      hosts = expandCidr(request.cidr);
    } catch (error) {
      if (error instanceof CidrError) throw new DomainError('CONFLICT', error.message);
      throw error;
    }
    const scanId = this.options.ids.next('scan') as ScanId;
    const targets = hosts.flatMap((host) => request.ports.map((port) => ({ host, port })));
    const scan: Scan = {
      progress: {
        scanId,
        cidr: request.cidr,
        state: 'running',
        total: targets.length,
        done: 0,
        found: [],
        error: null,
      },
      abort: new AbortController(),
      done: Promise.resolve(),
    };
    this.scans.set(scanId, scan);
    scan.done = this.runScan(scan, targets, request);
    this.prune();
    this.listener?.stateChanged();
    return scanId;
  }

  cancelScan(scanId: ScanId): boolean {
    const scan = this.scans.get(scanId);
    if (!scan || scan.progress.state !== 'running') return false;
    scan.abort.abort(new Error('canceled'));
    return true;
  }

  /** Resolves when the scan has ended (tests). */
  async whenScanEnded(scanId: ScanId): Promise<ScanProgress | undefined> {
    await this.scans.get(scanId)?.done;
    return this.scans.get(scanId)?.progress;
  }

  private async runScan(
    scan: Scan,
    targets: { host: string; port: number }[],
    request: ScanRequest,
  ): Promise<void> {
    const queue = [...targets];
    const found = new Set<DeviceId>();
    const worker = async () => {
      for (let t = queue.shift(); t && !scan.abort.signal.aborted; t = queue.shift()) {
        try {
          const result = await probeAddress(this.options.drivers, t.host, t.port, {
            signal: scan.abort.signal,
            timeoutMs: request.perHostTimeoutMs,
          });
          if ('device' in result) {
            found.add(result.device.id);
            this.answering.set(`${t.host}:${t.port}`, result.device.id);
            await this.listener?.seen({
              kind: 'identified',
              source: 'manual',
              endpoint: result.endpoint,
              device: result.device,
            });
          } else if (result.hasAnswered) {
            const endpoint = { transport: 'http' as const, host: t.host, port: t.port };
            this.listener?.notIdentified?.({
              source: 'manual',
              endpoint,
              announcedAs: null,
              reason: result.error,
            });
          }
        } catch {
          if (!scan.abort.signal.aborted) throw new Error(`probe of ${t.host}:${t.port} failed unexpectedly`);
          return;
        }
        scan.progress = { ...scan.progress, done: scan.progress.done + 1, found: [...found] };
        this.listener?.stateChanged();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(request.concurrency, queue.length) }, worker));
      scan.progress = { ...scan.progress, state: scan.abort.signal.aborted ? 'canceled' : 'completed' };
    } catch (error) {
      scan.abort.abort(error);
      scan.progress = { ...scan.progress, state: 'failed', error: (error as Error).message };
    }
    this.listener?.stateChanged();
  }

  private prune(): void {
    const finished = [...this.scans.entries()].filter(([, s]) => s.progress.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - (this.options.keepFinished ?? 5))))
      this.scans.delete(id);
  }
}
