import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { DeviceId } from '../../../shared/domain/device';
import type {
  FirmwareDownload,
  FirmwareServerInfo,
  FirmwareServerSettings,
  FirmwareServerSettingsUpdate,
  ListDownloads,
  SelfCheck,
  SelfCheckRequest,
} from '../../../shared/domain/firmware';
import type { JobId } from '../../../shared/domain/job';
import { DomainError } from '../errors';
import type { Clock, Logger } from '../ports';
import type { FirmwareRepository } from '../storage/repositories/firmware-repository';
import type { SettingsRepository } from '../storage/repositories/settings-repository';
import { DownloadHandler } from './download-handler';
import { DownloadLog } from './download-log';
import { addressForDevice, ipv4Addresses, type InterfaceLister } from './interface-addresses';
import { runSelfCheck } from './self-check';
import { ServeTokens } from './serve-tokens';
import { ServerSettingsStore } from './server-settings';
import { bucketForKiBps, type TokenBucket } from './token-bucket';
import { VerifiedFiles } from './verified-files';

export interface FirmwareServerOptions {
  /** Where an image's file is (the library's content-addressed path). */
  pathOf: (sha256: string) => string;
  repo: FirmwareRepository;
  settings: SettingsRepository;
  clock: Clock;
  logger: Logger;
  /** Default: the OS's interfaces. */
  interfaces?: InterfaceLister;
  /** Default: 16 random bytes, base64url. */
  randomToken?: () => string;
  /** Batching interval of the download log. Default 250 ms. */
  logFlushMs?: number;
  /** Monotonic milliseconds for bandwidth pacing. Default `performance.now`. */
  monotonic?: () => number;
}

/**
 * The HTTP server devices download firmware from, bound to the interface the technician chose (or all).
 * Jobs get a random token per job (`urlFor`), revoked when the job ends (`revokeJob`). It never throws out
 * of `start()`: a port in use or a missing interface shows up in `info().status.error` and the self-check.
 */
export class FirmwareServer {
  private readonly files = new VerifiedFiles();
  private readonly tokens: ServeTokens;
  private readonly log: DownloadLog;
  private readonly handler: DownloadHandler;
  private readonly store: ServerSettingsStore;
  private readonly list: InterfaceLister;
  private readonly instanceId = randomBytes(8).toString('hex');
  private readonly sockets = new Set<Socket>();
  private http: Server | null = null;
  private bound: { address: string; port: number } | null = null;
  private error: string | null = null;
  private started = false;
  private bucket: TokenBucket | null;
  /** Jobs with a firmware bandwidth policy of their own, on top of the server's cap. */
  private readonly jobBuckets = new Map<JobId, TokenBucket>();
  /** Kept in memory: the download path reads it per request and per write. */
  private settings: FirmwareServerSettings;
  private readonly monotonic: () => number;

  constructor(private readonly options: FirmwareServerOptions) {
    this.list = options.interfaces ?? networkInterfaces;
    this.store = new ServerSettingsStore(options.settings);
    this.settings = this.store.get();
    this.tokens = new ServeTokens(options.randomToken ?? (() => randomBytes(16).toString('base64url')));
    this.log = new DownloadLog({
      repo: options.repo,
      clock: options.clock,
      logger: options.logger,
      flushIntervalMs: options.logFlushMs,
    });
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.bucket = bucketForKiBps(this.settings.bandwidthKiBps, this.monotonic);
    this.handler = new DownloadHandler({
      tokens: this.tokens,
      files: this.files,
      log: this.log,
      pathOf: options.pathOf,
      clock: options.clock,
      logger: options.logger,
      limits: (jobId) => {
        const own = this.jobBuckets.get(jobId);
        const buckets = [this.bucket, own].filter((b): b is TokenBucket => b !== null && b !== undefined);
        return { maxConcurrent: this.settings.maxConcurrent, buckets };
      },
      instanceId: this.instanceId,
    });
  }

  /** Binds per the settings. Never throws; failures are in `info().status.error`. */
  async start(): Promise<void> {
    this.started = true;
    await this.bind();
  }

  /** Stops listening, cuts downloads in progress (logged as aborted) and writes the download log. */
  async close(): Promise<void> {
    this.started = false;
    await this.unbind();
    for (const socket of this.sockets) socket.destroy();
    await this.handler.drain();
    this.log.close();
  }

  info(): FirmwareServerInfo {
    return {
      settings: this.settings,
      status: {
        listening: this.bound !== null,
        bindAddress: this.bound?.address ?? null,
        port: this.bound?.port ?? null,
        error: this.error,
        activeDownloads: this.handler.activeDownloads,
        activeJobs: this.tokens.activeJobs,
      },
    };
  }

  /** Internal counters: blocks held for sharing, disk reads, files open, buffers held (tests, diagnostics). */
  diagnostics(): DownloadHandler['blockStats'] {
    return this.handler.blockStats;
  }

  /** Saves and applies at once: a new interface or port rebinds (downloads in progress continue). */
  async updateSettings(patch: FirmwareServerSettingsUpdate): Promise<FirmwareServerInfo> {
    if (patch.interface && ipv4Addresses(this.list, patch.interface).length === 0) {
      throw new DomainError('CONFLICT', `no network interface "${patch.interface}" with an IPv4 address`);
    }
    const before = this.settings;
    const next = this.store.update(patch);
    this.settings = next;
    if (next.bandwidthKiBps !== before.bandwidthKiBps) {
      this.bucket = bucketForKiBps(next.bandwidthKiBps, this.monotonic);
    }
    if (this.started && (next.interface !== before.interface || next.port !== before.port)) await this.bind();
    return this.info();
  }

  /**
   * The URL `device` downloads `sha256` from for `jobId`, on the address it can reach (the bound one, or,
   * bound to all, the local address on the device's subnet). Null when the server is not listening.
   */
  urlFor(jobId: JobId, sha256: string, device: { id: DeviceId; hosts: readonly string[] }): string | null {
    if (!this.bound) return null;
    const address =
      this.bound.address === '0.0.0.0' ? addressForDevice(this.list, null, device.hosts) : this.bound.address;
    if (address === null) return null;
    const token = this.tokens.grant(jobId, sha256, device);
    return `http://${address}:${this.bound.port}/fw/${token}/${sha256}`;
  }

  /** Caps the total download rate of one job's devices (kilobits per second), or lifts the cap with null. */
  limitJob(jobId: JobId, kbps: number | null): void {
    if (kbps === null) this.jobBuckets.delete(jobId);
    else this.jobBuckets.set(jobId, bucketForKiBps((kbps * 1000) / 8 / 1024, this.monotonic)!);
  }

  /** Ends the job's access to every image (its URLs answer 404 from now on). */
  revokeJob(jobId: JobId): void {
    this.jobBuckets.delete(jobId);
    if (this.tokens.revokeJob(jobId)) this.options.logger.debug('firmware token revoked', { jobId });
  }

  /** Whether the library file still matches its hash (cached per file version). */
  verify(sha256: string): Promise<'ok' | 'missing' | 'mismatch'> {
    return this.files.check(sha256, this.options.pathOf(sha256));
  }

  selfCheck(request: SelfCheckRequest): Promise<SelfCheck> {
    const settings = this.settings;
    return runSelfCheck(request, {
      list: this.list,
      configuredInterface: settings.interface,
      configuredPort: settings.port,
      listening: this.bound,
      instanceId: this.instanceId,
      handler: (req, res) => this.handler.handle(req, res),
    });
  }

  downloads(filter: ListDownloads): FirmwareDownload[] {
    return this.log.list(filter);
  }

  private async bind(): Promise<void> {
    await this.unbind();
    const settings = this.settings;
    const address =
      settings.interface === null ? '0.0.0.0' : ipv4Addresses(this.list, settings.interface)[0]?.address;
    if (address === undefined) {
      this.error = `no network interface "${settings.interface}" with an IPv4 address`;
      this.options.logger.warn('firmware server not started', { error: this.error });
      return;
    }
    const server = createServer((req, res) => this.handler.handle(req, res));
    // A device that stops reading must not hold a download slot for ever.
    server.setTimeout(60_000);
    server.keepAliveTimeout = 5_000;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(settings.port ?? 0, address, () => resolve());
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      this.error =
        code === 'EADDRINUSE'
          ? `port ${settings.port} is in use by another program`
          : `cannot listen on ${address}:${settings.port ?? 0} (${code})`;
      this.options.logger.warn('firmware server not started', { error: this.error });
      return;
    }
    server.on('error', (error) =>
      this.options.logger.error('firmware server error', { error: String(error) }),
    );
    this.http = server;
    this.bound = { address, port: (server.address() as AddressInfo).port };
    this.error = null;
    this.options.logger.info('firmware server listening', { ...this.bound });
  }

  private async unbind(): Promise<void> {
    const server = this.http;
    this.http = null;
    this.bound = null;
    if (!server) return;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Downloads in progress keep their connections; close() only stops new ones. Do not wait for them.
      setImmediate(resolve);
    });
  }
}
