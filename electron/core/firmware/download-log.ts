import type { DeviceId } from '../../../shared/domain/device';
import type { DownloadResult, FirmwareDownload, ListDownloads } from '../../../shared/domain/firmware';
import type { Clock, Logger } from '../ports';
import type { FirmwareRepository, NewDownload } from '../storage/repositories/firmware-repository';
import type { GrantedDevices } from './serve-tokens';

/** A finished (or refused) download as the server saw it, before the device is resolved. */
export interface DownloadRecord {
  sha256: string;
  jobId: string | null;
  /** The requesting address (IPv4-mapped IPv6 already unwrapped). */
  remote: string;
  /** The devices the image was handed to under this token. */
  granted: GrantedDevices;
  bytes: number;
  durationMs: number;
  result: DownloadResult;
  at: number;
}

/**
 * Writes every download to `firmware_downloads`, in batches: one transaction (one fsync) per interval for
 * all downloads that ended in it, off the path that streams bytes. The device is resolved at write time:
 * the one device the image was handed to at that address, else the one inventory device at that address,
 * else none (the address alone is kept).
 */
export class DownloadLog {
  private pending: DownloadRecord[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      repo: FirmwareRepository;
      clock: Clock;
      logger: Logger;
      /** Default 250 ms. */
      flushIntervalMs?: number;
    },
  ) {}

  record(entry: DownloadRecord): void {
    this.pending.push(entry);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.deps.flushIntervalMs ?? 250);
      this.timer.unref();
    }
  }

  /** Writes everything pending now; a failing write is logged, never thrown into the server. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      const rows: NewDownload[] = batch.map(({ granted, ...r }) => ({
        ...r,
        durationMs: Math.max(0, Math.round(r.durationMs)),
        deviceId: this.resolveDevice(r.remote, granted),
      }));
      this.deps.repo.insertDownloads(rows);
    } catch (error) {
      this.deps.logger.error('firmware download log write failed', {
        error: String(error),
        rows: batch.length,
      });
    }
  }

  list(filter: ListDownloads): FirmwareDownload[] {
    this.flush();
    return this.deps.repo.listDownloads(filter);
  }

  close(): void {
    this.flush();
  }

  private resolveDevice(remote: string, granted: GrantedDevices): DeviceId | null {
    const served = [...granted].filter(([, hosts]) => hosts.includes(remote)).map(([id]) => id);
    if (served.length === 1) return served[0]!;
    if (served.length > 1) return null;
    const known = this.deps.repo.devicesAtHost(remote);
    return known.length === 1 ? known[0]! : null;
  }
}
