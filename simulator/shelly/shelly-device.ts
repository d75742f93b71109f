import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceAdvertiser } from '../mdns/mdns-types';
import { HttpListener } from '../net/http-listener';
import { createShellyRequestHandler, type ShellyHttpTarget } from './http/shelly-http-handler';
import type { RpcRouter } from './rpc/rpc-router';
import type { ShellyRpcDevice } from './rpc/shelly-rpc-device';
import { shellyDeviceInfo } from './shelly-device-info';
import type { ShellyIdentity } from './shelly-identity';
import { shellyAdvert } from './shelly-mdns';
import { RESET_REASON, ShellyState } from './shelly-state';
import type { ShellyFault, SimulatedShelly } from './shelly-types';

const LISTEN_RETRIES = 50;
const LISTEN_RETRY_MS = 100;

export interface ShellyDeviceOptions {
  identity: ShellyIdentity;
  /** Port to bind on first start; 0 = ephemeral. Later binds reuse the port actually bound. */
  port: number;
  bootTimeMs: number;
  rebootDelayMs: number;
  fault: ShellyFault | null;
  router: RpcRouter<ShellyRpcDevice>;
  advertiser: ServiceAdvertiser;
  /** Called for problems that cannot be thrown to a caller (e.g. the port taken during a reboot). */
  onError: (error: Error) => void;
}

/**
 * - `online`: listening and advertised.
 * - `refusing`: running (uptime counts) but not listening, because of the `refuse` fault.
 * - `rebooting`: between reboot start and the end of boot time; not listening, uptime 0.
 */
type Phase = 'created' | 'online' | 'refusing' | 'rebooting' | 'stopped';

/** One simulated Shelly Gen2+: lifecycle (start, reboot, faults, stop) around its HTTP front end. */
export class ShellyDevice implements SimulatedShelly, ShellyRpcDevice {
  readonly host = '127.0.0.1';
  readonly counters = { reboots: 0, rpcRequests: 0 };
  readonly state: ShellyState;
  private phase: Phase = 'created';
  private fault: ShellyFault | null;
  private boundPort = 0;
  /** Bumped on every phase change so that stale async continuations (listen retries) stand down. */
  private generation = 0;
  private rebootTimer: NodeJS.Timeout | undefined;
  private bootTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly listener: HttpListener;

  constructor(private readonly options: ShellyDeviceOptions) {
    this.state = new ShellyState(options.identity);
    this.fault = options.fault;
    this.listener = new HttpListener(createShellyRequestHandler(this.httpTarget()));
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

  uptimeSeconds(): number {
    return this.state.uptimeSeconds();
  }

  /** Binds the port (even for `refuse`, so the port is known and stable), boots, then advertises. */
  async start(): Promise<void> {
    if (this.phase !== 'created') throw new Error(`${this.id}: start() called twice`);
    this.boundPort = await this.listener.listen(this.options.port);
    if (this.phase !== 'created') return;
    this.state.boot(RESET_REASON.powerOn);
    if (this.fault === 'refuse') {
      this.phase = 'refusing';
      await this.listener.close();
      return;
    }
    this.phase = 'online';
    this.options.advertiser.publish(shellyAdvert(this.state, this.boundPort));
  }

  setFault(fault: ShellyFault | null): void {
    this.fault = fault;
    if (fault === 'refuse' && this.phase === 'online') this.goDark('refusing');
    else if (fault !== 'refuse' && this.phase === 'refusing') this.comeUp();
  }

  requestReboot(delayMs: number | undefined): void {
    if (this.phase === 'stopped' || this.phase === 'rebooting' || this.rebootTimer !== undefined) return;
    this.rebootTimer = setTimeout(() => this.beginReboot(), delayMs ?? this.options.rebootDelayMs);
  }

  async stop(): Promise<void> {
    if (this.phase !== 'stopped') {
      this.phase = 'stopped';
      this.generation += 1;
      clearTimeout(this.rebootTimer);
      clearTimeout(this.bootTimer);
      this.rebootTimer = undefined;
      this.bootTimer = undefined;
      this.options.advertiser.withdraw(this.id);
      this.track(this.listener.close());
    }
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private beginReboot(): void {
    this.rebootTimer = undefined;
    if (this.phase === 'stopped') return;
    this.counters.reboots += 1;
    this.goDark('rebooting');
    this.state.halt();
    this.bootTimer = setTimeout(() => this.finishBoot(), this.options.bootTimeMs);
  }

  private finishBoot(): void {
    this.bootTimer = undefined;
    this.state.boot(RESET_REASON.software);
    if (this.fault === 'refuse') {
      this.phase = 'refusing';
      this.generation += 1;
      return;
    }
    this.comeUp();
  }

  /** Stops listening at once (new connections are refused), drops open sockets, sends an mDNS goodbye. */
  private goDark(phase: 'refusing' | 'rebooting'): void {
    this.phase = phase;
    this.generation += 1;
    this.options.advertiser.withdraw(this.id);
    this.track(this.listener.close());
  }

  private comeUp(): void {
    this.phase = 'online';
    this.generation += 1;
    this.track(this.listenAndAnnounce(this.generation));
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
    if (generation === this.generation)
      this.options.advertiser.publish(shellyAdvert(this.state, this.boundPort));
  }

  private track(promise: Promise<unknown>): void {
    const tracked: Promise<unknown> = promise
      .catch((error: unknown) =>
        this.options.onError(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private httpTarget(): ShellyHttpTarget {
    return {
      id: this.id,
      currentFault: () => this.fault,
      deviceInfo: () => shellyDeviceInfo(this.state),
      invoke: (method, params, afterReply) =>
        this.options.router.invoke({ device: this, method, params, afterReply }),
      noteRpcRequest: () => {
        this.counters.rpcRequests += 1;
      },
    };
  }
}
