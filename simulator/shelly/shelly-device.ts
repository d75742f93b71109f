import { setTimeout as sleep } from 'node:timers/promises';
import { newCounters } from '../control/device-counters';
import type { DeviceSnapshot } from '../control/device-snapshot';
import { type Fault, type FaultInput, normaliseFaults } from '../faults/fault-types';
import { HttpListener } from '../net/http-listener';
import type { AuthCredentials, ShellyAuth } from './auth/shelly-auth';
import { createShellyRequestHandler, type ShellyHttpTarget } from './http/shelly-http-handler';
import type { RpcParams } from './rpc/rpc-params';
import { RPC_CODE, RpcError } from './rpc/rpc-error';
import type { ShellyRpcDevice, UpdateChannels } from './rpc/shelly-rpc-device';
import { shellyDeviceInfo } from './shelly-device-info';
import { shellyAdvert } from './shelly-mdns';
import { runShellyOta } from './shelly-ota';
import { shellySnapshot } from './shelly-snapshot';
import { RESET_REASON, ShellyState } from './shelly-state';
import type { ShellyCounters, SimulatedShelly } from './shelly-types';
import { ShellyWsHub } from './ws/shelly-ws';
import { TaskTracker } from '../util/task-tracker';
import type { ShellyDeviceOptions } from './shelly-device-options';

const LISTEN_RETRIES = 50;
const LISTEN_RETRY_MS = 100;

/**
 * - `online`: listening (advertised unless a fault says otherwise).
 * - `dark`: running (uptime counts) but not listening: `offline refuse` or a `drop` in progress.
 * - `rebooting`: between reboot start and the end of boot time; not listening, uptime 0.
 */
type Phase = 'created' | 'online' | 'dark' | 'rebooting' | 'stopped';

/** One simulated Shelly Gen2+: lifecycle (start, reboot, update, faults, stop) around its HTTP/WS front end. */
export class ShellyDevice implements SimulatedShelly, ShellyRpcDevice {
  readonly family = 'shelly';
  readonly host = '127.0.0.1';
  readonly counters: ShellyCounters = { ...newCounters(), rpcRequests: 0 };
  readonly state: ShellyState;
  private readonly auth: ShellyAuth;
  private phase: Phase = 'created';
  private boundPort = 0;
  private isAdvertised = false;
  private otaRunning = false;
  /** Bumped on every phase change so that stale async continuations (listen retries, OTA) stand down. */
  generation = 0;
  private rebootTimer: NodeJS.Timeout | undefined;
  private bootTimer: NodeJS.Timeout | undefined;
  private readonly tasks: TaskTracker;
  private readonly listener: HttpListener;
  private readonly ws: ShellyWsHub;

  constructor(private readonly options: ShellyDeviceOptions) {
    this.tasks = new TaskTracker(options.onError);
    this.state = new ShellyState(options.identity);
    this.auth = options.auth(this.state);
    const target = this.httpTarget();
    this.ws = new ShellyWsHub(target);
    this.listener = new HttpListener(createShellyRequestHandler(target), this.ws.handleUpgrade);
    options.faults.attach(() => this.syncReachability());
  }

  get index(): number {
    return this.options.identity.index;
  }
  get id(): string {
    return this.options.identity.id;
  }
  get mac(): string {
    return this.options.identity.mac;
  }
  get model(): string {
    return this.options.identity.model.model;
  }
  get app(): string {
    return this.options.identity.model.app;
  }
  get gen(): number {
    return this.options.identity.model.gen;
  }
  get ver(): string {
    return this.state.ver;
  }
  get fwId(): string {
    return this.state.fwId;
  }
  get port(): number {
    return this.boundPort;
  }
  get isOnline(): boolean {
    return this.phase === 'online';
  }
  get faults(): readonly Fault[] {
    return this.options.faults.list();
  }
  get authStyle(): string {
    return this.auth.style;
  }

  uptimeSeconds(): number {
    return this.state.uptimeSeconds();
  }

  snapshot(): DeviceSnapshot {
    return shellySnapshot(this);
  }

  /** Binds the port (even when starting dark, so the port is known and stable), boots, then advertises. */
  async start(): Promise<void> {
    if (this.phase !== 'created') throw new Error(`${this.id}: start() called twice`);
    this.boundPort = await this.listener.listen(this.options.port);
    if (this.phase !== 'created') return;
    this.state.boot(RESET_REASON.powerOn);
    if (this.options.faults.reachability() === 'refuse') {
      this.phase = 'dark';
      await this.listener.close();
      return;
    }
    this.phase = 'online';
    this.syncAdvert();
  }

  setFault(fault: FaultInput): void {
    this.options.faults.set(normaliseFaults(fault));
  }

  requestReboot(delayMs: number | undefined): void {
    if (this.phase === 'stopped' || this.phase === 'rebooting' || this.rebootTimer !== undefined) return;
    const delay = delayMs ?? this.options.rebootDelayMs;
    // §1.7: announced to WebSocket clients before the connections drop (⚠ field name from memory).
    this.sysEvent('scheduled_restart', { time_ms: delay });
    this.rebootTimer = setTimeout(() => this.beginReboot(), delay);
  }

  configChanged(component: string, restartRequired: boolean): void {
    this.state.cfgRev += 1;
    this.counters.configWrites += 1;
    if (restartRequired) this.state.restartRequired = true;
    const restart_required = this.state.restartRequired;
    this.sysEvent('config_changed', { restart_required, cfg_rev: this.state.cfgRev, source: component });
    this.notifyStatus({ sys: { cfg_rev: this.state.cfgRev, restart_required } });
  }

  startUpdate(url: string): void {
    if (this.otaRunning) throw new RpcError(RPC_CODE.unavailable, 'Update already in progress');
    this.otaRunning = true;
    const host = {
      state: this.state,
      faults: this.options.faults,
      counters: this.counters,
      generation: this.generation,
      sysEvent: (event: string, extra: Record<string, unknown>) => this.sysEvent(event, extra),
      isStill: (generation: number) => generation === this.generation,
      reboot: () => this.requestReboot(0),
    };
    this.tasks.track(
      runShellyOta(host, url, this.options.downloadTimeoutMs).finally(() => (this.otaRunning = false)),
    );
  }

  updateOffers(): UpdateChannels {
    return this.options.updates;
  }

  factoryReset(): void {
    this.counters.resets += 1;
    this.state.factoryReset();
    this.requestReboot(0);
  }

  notifyStatus(status: Record<string, unknown>): void {
    this.ws.notify('NotifyStatus', { ts: Date.now() / 1000, ...status });
  }

  async stop(): Promise<void> {
    if (this.phase !== 'stopped') {
      this.phase = 'stopped';
      this.generation += 1;
      clearTimeout(this.rebootTimer);
      clearTimeout(this.bootTimer);
      this.rebootTimer = undefined;
      this.bootTimer = undefined;
      this.options.faults.dispose();
      this.withdraw();
      this.tasks.track(this.listener.close());
    }
    await this.tasks.settled();
  }

  private sysEvent(event: string, extra: Record<string, unknown>): void {
    const ts = Date.now() / 1000;
    this.ws.notify('NotifyEvent', { ts, events: [{ component: 'sys', event, ts, ...extra }] });
  }

  private beginReboot(): void {
    this.rebootTimer = undefined;
    if (this.phase === 'stopped') return;
    this.counters.reboots += 1;
    this.goDark('rebooting');
    this.state.halt();
    this.bootTimer = setTimeout(
      () => this.finishBoot(),
      this.options.faults.bootTimeMs(this.options.bootTimeMs),
    );
  }

  private finishBoot(): void {
    this.bootTimer = undefined;
    this.state.boot(RESET_REASON.software);
    this.auth.reset();
    const pending = this.state.pendingFirmware;
    this.state.pendingFirmware = undefined;
    if (pending !== undefined && this.options.faults.has('silent-rollback')) this.counters.rollbacks += 1;
    else if (pending !== undefined) {
      this.state.ver = pending.ver;
      this.state.fwId = pending.fwId;
      this.state.availableUpdates = {};
    }
    if (this.options.faults.reachability() === 'refuse') {
      this.phase = 'dark';
      this.generation += 1;
      return;
    }
    this.comeUp();
  }

  private syncReachability(): void {
    if (this.phase !== 'online' && this.phase !== 'dark') return;
    const wantsDark = this.options.faults.reachability() === 'refuse';
    if (wantsDark && this.phase === 'online') this.goDark('dark');
    else if (!wantsDark && this.phase === 'dark') this.comeUp();
    else if (this.phase === 'online') this.syncAdvert();
  }

  private syncAdvert(): void {
    const wanted = this.options.faults.isAdvertised();
    if (wanted && !this.isAdvertised)
      this.options.advertiser.publish(shellyAdvert(this.state, this.boundPort));
    else if (!wanted && this.isAdvertised) this.options.advertiser.withdraw(this.id);
    this.isAdvertised = wanted;
  }

  private withdraw(): void {
    this.options.advertiser.withdraw(this.id);
    this.isAdvertised = false;
  }

  /** Stops listening at once (new connections are refused), drops open sockets, sends an mDNS goodbye. */
  private goDark(phase: 'dark' | 'rebooting'): void {
    this.phase = phase;
    this.generation += 1;
    this.withdraw();
    this.tasks.track(this.listener.close());
  }

  private comeUp(): void {
    this.phase = 'online';
    this.generation += 1;
    this.tasks.track(this.listenAndAnnounce(this.generation));
  }

  private async listenAndAnnounce(generation: number): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.listener.listen(this.boundPort);
        break;
      } catch (error) {
        if (generation !== this.generation) return;
        if (attempt >= LISTEN_RETRIES) {
          this.options.onError(
            new Error(`${this.id}: cannot listen on port ${this.boundPort}: ${String(error)}`),
          );
          return;
        }
        await sleep(LISTEN_RETRY_MS);
        if (generation !== this.generation) return;
      }
    }
    if (generation === this.generation) this.syncAdvert();
  }

  private httpTarget(): ShellyHttpTarget {
    return {
      id: this.id,
      replyAction: (channel) => this.options.faults.replyAction(channel),
      deviceInfo: () => shellyDeviceInfo(this.state),
      authorize: (credentials: AuthCredentials) => this.auth.verify(credentials),
      invoke: (method: string, params: RpcParams, afterReply: (fn: () => void) => void) => {
        this.counters.commands += 1;
        afterReply(() => this.options.faults.noteCommand());
        return this.options.router.invoke({ device: this, method, params, afterReply });
      },
      noteRpcRequest: () => {
        this.counters.rpcRequests += 1;
      },
    };
  }
}
