import { SerialPort } from 'serialport';
import type { Endpoint } from '../../../../shared/domain/device';
import type { SerialPortStatus, SourceState } from '../../../../shared/domain/discovery';
import { DeviceError } from '../../device-error';
import { requestStatus0 } from '../../drivers/tasmota/tasmota-console-status';
import type { Logger } from '../../ports';
import type { SerialSession } from '../../transport/serial-session';
import type { SerialSessionRegistry } from '../../transport/serial-session-registry';
import type { DiscoverySource, SightingListener, SourceDetails } from '../discovery-source';
import { listSysfsPorts, listWithFallback } from '../serial/sysfs-port-list';
import { listErrorMessage, manualPortStatus, statusFromListing } from './serial-source-ports';

type SerialEndpoint = Extract<Endpoint, { transport: 'serial' }>;

const listOsPorts = () =>
  listWithFallback(
    () => SerialPort.list(),
    () => listSysfsPorts(),
  );

export interface SerialSourceOptions {
  /** The app-wide registry: one session per port, shared with the drivers. */
  sessions: SerialSessionRegistry;
  logger: Logger;
  /**
   * Lists the ports. Default `SerialPort.list()`, and on Linux without udev (where it rejects) the ports
   * read from sysfs and `/dev/serial/by-id` (serial/sysfs-port-list.ts).
   */
  list?: () => Promise<unknown[]>;
  /** Hot-plug polling period. Default 2 s. */
  pollIntervalMs?: number;
  /** How long a probe waits for the `STATUS0` result (and, after a cut line, for the sections). Default 3 s. */
  probeTimeoutMs?: number;
  /** Probe newly plugged USB serial ports (with a VID) without being asked. Default false. */
  autoProbe?: boolean;
  /** Baud rate of auto-probes and of `probe()` without one. Default 115200 (Tasmota's console). */
  defaultBaudRate?: number;
}

interface PortEntry {
  status: SerialPortStatus;
  /** Set while a device found by a probe is reachable here. */
  endpoint: SerialEndpoint | null;
  /** Kept open after a successful probe, so an unplug is noticed even on ports the OS never lists. */
  session: SerialSession | null;
  probing: Promise<SerialPortStatus> | null;
}

/**
 * USB serial ports: listed with VID:PID and the chip they suggest, polled for hot-plug, and probed for a
 * Tasmota console (`Status0`, tasmota-console-status.ts) when asked or when auto-probe is on. A port that disappears, or whose
 * session reports it unplugged, loses its device with reason 'unplugged'.
 */
export class SerialSource implements DiscoverySource {
  readonly kind = 'serial' as const;
  private listener: SightingListener | null = null;
  private readonly entries = new Map<string, PortEntry>();
  private listError: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private autoProbe: boolean;

  constructor(private readonly options: SerialSourceOptions) {
    this.autoProbe = options.autoProbe ?? false;
  }

  async start(listener: SightingListener): Promise<void> {
    if (this.listener) return;
    this.listener = listener;
    await this.poll();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.listener = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const sessions = [...this.entries.values()].flatMap((e) => (e.session ? [e.session] : []));
    this.entries.clear();
    this.listError = null;
    await Promise.all(sessions.map((s) => s.close()));
  }

  state(): { state: SourceState; lastError: string | null } {
    if (!this.listener) return { state: 'stopped', lastError: null };
    return this.listError
      ? { state: 'error', lastError: this.listError }
      : { state: 'running', lastError: null };
  }

  details(): SourceDetails {
    const ports = [...this.entries.values()].map((e) => ({ ...e.status }));
    return { serialPorts: ports.sort((a, b) => a.path.localeCompare(b.path)) };
  }

  setAutoProbe(isOn: boolean): void {
    this.autoProbe = isOn;
  }

  /**
   * Opens `path` (listed or typed by hand), sends `Status0` and waits for the result. On success the
   * device is reported as identified at `{transport:'serial', path, baudRate}`. Never rejects: the outcome
   * is in the returned status (`found`, `nothing`, `error` with lastError).
   */
  probe(path: string, baudRate = this.options.defaultBaudRate ?? 115_200): Promise<SerialPortStatus> {
    let entry = this.entries.get(path);
    if (!entry) {
      entry = { status: manualPortStatus(path), endpoint: null, session: null, probing: null };
      this.entries.set(path, entry);
    }
    const current = entry;
    current.probing ??= this.runProbe(current, baudRate).finally(() => (current.probing = null));
    return current.probing;
  }

  /** Drops a port typed by hand from the list (closing its session; its device is lost as unplugged). */
  async forget(path: string): Promise<void> {
    const entry = this.entries.get(path);
    if (!entry || entry.status.listed) return;
    this.entries.delete(path);
    this.lose(entry);
    await entry.session?.close();
    this.listener?.stateChanged();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.listener && this.schedule());
    }, this.options.pollIntervalMs ?? 2_000);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    let infos: unknown;
    try {
      infos = await (this.options.list ?? listOsPorts)();
      if (!Array.isArray(infos)) throw new Error('the port list is not a list');
    } catch (error) {
      const message = listErrorMessage(error);
      if (this.listener && message !== this.listError) {
        this.listError = message;
        this.options.logger.warn('serial: listing failed', { error: String(error) });
        this.listener.stateChanged();
      }
      return;
    }
    if (!this.listener) return;
    let isChanged = this.listError !== null;
    this.listError = null;
    const listed = new Map<string, SerialPortStatus>();
    for (const info of infos) {
      const status = statusFromListing(info);
      if (status && !listed.has(status.path)) listed.set(status.path, status);
    }
    for (const [path, fresh] of listed) isChanged = this.plugged(path, fresh) || isChanged;
    for (const [path, entry] of this.entries) {
      if (!entry.status.listed || listed.has(path)) continue;
      this.entries.delete(path);
      this.lose(entry);
      void entry.session?.close();
      isChanged = true;
    }
    if (isChanged) this.listener.stateChanged();
  }

  /** Records a listed port; returns whether anything changed. New USB ports are auto-probed when enabled. */
  private plugged(path: string, fresh: SerialPortStatus): boolean {
    const entry = this.entries.get(path);
    if (!entry) {
      this.entries.set(path, { status: fresh, endpoint: null, session: null, probing: null });
      if (this.autoProbe && fresh.vendorId !== null) void this.probe(path);
      return true;
    }
    const { manufacturer, serialNumber, vendorId, productId, chip, likelyFamilies } = fresh;
    const next = {
      ...entry.status,
      manufacturer,
      serialNumber,
      vendorId,
      productId,
      chip,
      likelyFamilies,
      listed: true,
    };
    if (JSON.stringify(next) === JSON.stringify(entry.status)) return false;
    entry.status = next;
    return true;
  }

  private async runProbe(entry: PortEntry, baudRate: number): Promise<SerialPortStatus> {
    const { path } = entry.status;
    this.update(entry, { probe: 'probing', lastError: null });
    let session = entry.session;
    if (session && (!session.isOpen || session.baudRate !== baudRate)) {
      entry.session = null;
      await session.close();
      session = null;
    }
    try {
      session ??= await this.options.sessions.open(path, baudRate);
      const status = await requestStatus0(session, { timeoutMs: this.options.probeTimeoutMs ?? 3_000 });
      if (!this.listener || this.entries.get(path) !== entry) {
        await session.close();
        this.update(entry, { probe: 'idle' });
        return { ...entry.status };
      }
      this.keep(entry, session);
      entry.endpoint = { transport: 'serial', path, baudRate };
      this.update(entry, { probe: 'found', deviceId: status.device.id, lastError: null });
      this.listener.seen({
        kind: 'identified',
        source: 'serial',
        endpoint: entry.endpoint,
        device: status.device,
      });
    } catch (error) {
      if (session && entry.session !== session) await session.close();
      const isSilent = error instanceof DeviceError && error.reason === 'timeout';
      const message = isSilent
        ? `no Tasmota console answered "Status0" within ${this.options.probeTimeoutMs ?? 3_000} ms at ${baudRate} baud`
        : (error as Error).message;
      if (entry.endpoint && isSilent) this.lose(entry, 'timeout');
      this.update(entry, { probe: isSilent ? 'nothing' : 'error', lastError: message });
      this.options.logger.info('serial: probe found no device', { path, baudRate, error: message });
    }
    return { ...entry.status };
  }

  private keep(entry: PortEntry, session: SerialSession): void {
    if (entry.session === session) return;
    entry.session = session;
    session.once('unplugged', () => {
      const { path, listed } = entry.status;
      if (this.entries.get(path) !== entry) return;
      this.lose(entry);
      // A listed port may be back before the next poll (USB re-enumerated on the same path): forgetting the
      // row makes that poll treat it as newly plugged. A typed path keeps its row for the next manual probe.
      if (listed) this.entries.delete(path);
      this.update(entry, { probe: 'idle', lastError: 'unplugged' });
    });
    session.once('closed', () => {
      if (entry.session === session) entry.session = null;
    });
  }

  private lose(entry: PortEntry, reason: 'unplugged' | 'timeout' = 'unplugged'): void {
    const endpoint = entry.endpoint;
    entry.endpoint = null;
    if (endpoint) this.listener?.lost({ source: 'serial', endpoint, reason });
  }

  private update(entry: PortEntry, patch: Partial<SerialPortStatus>): void {
    entry.status = { ...entry.status, ...patch };
    this.listener?.stateChanged();
  }
}
