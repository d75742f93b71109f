import { randomBytes } from 'node:crypto';
import {
  DEFAULT_BROKER_PORT,
  EMBEDDED_BROKER_ID,
  type BrokerStart,
  type EmbeddedBrokerState,
  type EmbeddedBrokerStatus,
} from '../../../shared/domain/broker';
import { DomainError } from '../errors';
import type { Logger } from '../ports';
import type { MqttBrokerConfig } from '../transport/mqtt-session';
import type { Announcement, BrokerAnnouncer } from './broker-announcer';
import type { BrokerSettings, StoredBroker } from './broker-settings';
import { BrokerListenError, EmbeddedBroker, type BrokerAccount } from './embedded-broker';

// Re-exported: main's broker code and its tests know the id from here.
export { EMBEDDED_BROKER_ID };

export interface BrokerServiceDeps {
  settings: BrokerSettings;
  /** Absent: no announcement (mDNS off for this host). */
  announcer: BrokerAnnouncer | null;
  logger: Logger;
}

interface Running {
  broker: EmbeddedBroker;
  address: string;
  app: BrokerAccount;
  announcement: Announcement | null;
  note: string | null;
}

/**
 * Starts, stops and reports the built-in broker, and remembers it: running when the app closes means
 * running again at the next start, on the same interface and port (devices were told that port).
 * Operations run one at a time, in order.
 */
export class BrokerService {
  private running: Running | null = null;
  private state: EmbeddedBrokerState = 'stopped';
  private lastError: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: BrokerServiceDeps) {}

  /** Called whenever the status changes (state, devices connected). Returns a disposer. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async status(): Promise<EmbeddedBrokerStatus> {
    const stored = this.deps.settings.stored();
    const running = this.running;
    return {
      state: this.state,
      interfaceAddress: running?.address ?? stored.interfaceAddress,
      port: running?.broker.port ?? stored.port,
      username: stored.username,
      hasPassword: (await this.deps.settings.password()) !== null,
      deviceCount: running?.broker.deviceCount ?? 0,
      announced: running?.announcement != null,
      startsWithApp: stored.startsWithApp,
      note: running?.note ?? null,
      lastError: this.lastError,
    };
  }

  /** (Re)starts with these settings; a running broker is stopped first. Port errors come back typed. */
  start(input: BrokerStart): Promise<EmbeddedBrokerStatus> {
    return this.serially(async () => {
      const interfaceName = this.deps.settings.interfaceNamed(input.interfaceAddress);
      const password = input.password ?? (await this.deps.settings.password());
      if (password === null)
        throw new DomainError(
          'INVALID_INPUT',
          'the broker needs a password: type one devices will log in with',
        );
      await this.halt();
      if (input.password !== undefined) await this.deps.settings.setPassword(input.password);
      const before = this.deps.settings.stored();
      const next: StoredBroker = {
        startsWithApp: false,
        interfaceName,
        interfaceAddress: input.interfaceAddress,
        // Devices were told the last port: keep it when none is given (1883 the first time).
        port: input.port ?? before.port,
        username: input.username,
      };
      // Remembered once it runs (launch saves); a failed start only stops it coming back with the app.
      await this.launch(next, input.interfaceAddress, password, input.port === undefined).catch(
        (error: unknown) => {
          this.deps.settings.save({ ...before, startsWithApp: false });
          throw error;
        },
      );
      return this.status();
    });
  }

  stop(): Promise<EmbeddedBrokerStatus> {
    return this.serially(async () => {
      await this.halt();
      this.deps.settings.save({ ...this.deps.settings.stored(), startsWithApp: false });
      return this.status();
    });
  }

  /** At app start: runs it again if it was running when the app closed. A failure shows in the status. */
  restore(): Promise<void> {
    return this.serially(async () => {
      const stored = this.deps.settings.stored();
      if (!stored.startsWithApp) return;
      const address = this.deps.settings.currentAddress(stored);
      const password = await this.deps.settings.password();
      if (address === null || password === null || stored.username === null) return;
      await this.launch(stored, address, password, false).catch(() => undefined);
    });
  }

  /** App shutdown: stops the broker but keeps `startsWithApp`, so it comes back with the app. */
  shutdown(): Promise<void> {
    return this.serially(() => this.halt());
  }

  /** How the app's own MQTT client reaches it (its own account); null while it is not running. */
  clientConfig(): MqttBrokerConfig | null {
    const running = this.running;
    if (running === null) return null;
    return {
      id: EMBEDDED_BROKER_ID,
      url: `mqtt://${running.address}:${running.broker.port}`,
      username: running.app.username,
      password: running.app.password,
      caPem: null,
      enabled: true,
    };
  }

  private async launch(stored: StoredBroker, address: string, password: string, mayMove: boolean) {
    this.setState('starting', null);
    const app = { username: 'fieldbatch-app', password: randomBytes(24).toString('base64url') };
    const devices = { username: stored.username ?? '', password };
    const open = (port: number) =>
      EmbeddedBroker.start({
        host: address,
        port,
        devices,
        app,
        logger: this.deps.logger,
        onDevicesChanged: () => this.notify(),
      });
    const wanted = stored.port ?? DEFAULT_BROKER_PORT;
    let note: string | null = null;
    let broker: EmbeddedBroker;
    try {
      broker = await open(wanted).catch((error: unknown) => {
        if (!mayMove || !(error instanceof BrokerListenError) || error.reason !== 'in-use') throw error;
        return open(0);
      });
    } catch (error) {
      this.setState('error', (error as Error).message);
      this.deps.logger.warn('embedded broker: start failed', {
        address,
        port: wanted,
        error: (error as Error).message,
      });
      throw error;
    }
    if (broker.port !== wanted)
      note = `port ${wanted} was taken by another program, so the broker uses port ${broker.port}: give devices this port`;
    this.running = { broker, address, app, announcement: this.announce(address, broker.port), note };
    this.deps.settings.save({ ...stored, interfaceAddress: address, port: broker.port, startsWithApp: true });
    this.deps.logger.info('embedded broker: running', { address, port: broker.port });
    this.setState('running', null);
  }

  private announce(address: string, port: number): Announcement | null {
    try {
      return this.deps.announcer?.announce(address, port) ?? null;
    } catch (error) {
      this.deps.logger.warn('embedded broker: not announced', { error: (error as Error).message });
      return null;
    }
  }

  private async halt(): Promise<void> {
    const running = this.running;
    if (running === null) return this.setState('stopped', null);
    this.running = null;
    const port = running.broker.port;
    await running.announcement?.withdraw();
    await running.broker.stop();
    this.deps.logger.info('embedded broker: stopped', { address: running.address, port });
    this.setState('stopped', null);
  }

  private setState(state: EmbeddedBrokerState, error: string | null): void {
    this.state = state;
    this.lastError = error;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
