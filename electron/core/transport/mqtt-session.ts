import { connect as mqttConnect } from 'mqtt';
import type { BrokerStatus } from '../../../shared/domain/discovery';
import { DeviceError } from '../device-error';
import type { Logger } from '../ports';
import {
  MqttBrokerConnection,
  displayUrl,
  type MqttBrokerConfig,
  type MqttConnect,
  type MqttMessage,
} from './mqtt-broker-connection';
import { topicFilterProblem, topicMatches } from './mqtt-topic-filter';

export type { MqttBrokerConfig, MqttConnect, MqttMessage } from './mqtt-broker-connection';
export { displayUrl } from './mqtt-broker-connection';

export type MqttMessageHandler = (message: MqttMessage) => void;

export interface MqttSessionManagerOptions {
  logger: Logger;
  /** Creates the mqtt.js client. Default: mqtt.js `connect`. */
  connect?: MqttConnect;
  /** Pause between reconnect attempts. Default 5 s: quick enough after a broker restart, gentle on a dead one. */
  reconnectPeriodMs?: number;
  /** How long one connection attempt may take before it counts as failed. Default 10 s. */
  connectTimeoutMs?: number;
  /** MQTT client id per broker. Default: mqtt.js picks a random one. */
  clientId?: (brokerId: string) => string;
}

/** A command and the reply that settles it (see `MqttSessionManager.request`). */
export interface MqttRequest<T> {
  brokerId: string;
  topic: string;
  payload: string | Buffer;
  /** Filters the reply may arrive on, e.g. `stat/<topic>/+`. Subscribed (and acknowledged) before publishing. */
  replyFilters: readonly string[];
  /**
   * Called for every live (not retained) message on `replyFilters` after the publish: a value settles the
   * request, undefined keeps waiting (telemetry may arrive in between). A throw fails the request with it.
   */
  match(message: MqttMessage): T | undefined;
  /** Budget for subscribe + publish + reply; rejects with DeviceError('timeout') when it runs out. */
  timeoutMs: number;
  /** Aborting rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * One mqtt.js client per broker, shared by every user (discovery now, drivers later). Subscriptions are
 * ref-counted per filter and survive reconnects and broker reconfiguration; handlers never see messages
 * of filters they did not ask for.
 */
export class MqttSessionManager {
  private readonly connections = new Map<string, MqttBrokerConnection>();
  /** Handlers with their subscribe counts, by filter, by broker id. */
  private readonly subscriptions = new Map<string, Map<string, Map<MqttMessageHandler, number>>>();
  private readonly listeners = new Set<(brokerId: string) => void>();
  private readonly connect: MqttConnect;
  private isClosed = false;

  constructor(private readonly options: MqttSessionManagerOptions) {
    this.connect = options.connect ?? mqttConnect;
  }

  /** Adds, removes and reconfigures brokers; an unchanged config keeps its connection. */
  setBrokers(configs: readonly MqttBrokerConfig[]): void {
    if (this.isClosed) return;
    const wanted = new Map(configs.map((c) => [c.id, c]));
    for (const [id, connection] of this.connections) {
      const next = wanted.get(id);
      if (next && sameConfig(next, connection.config)) continue;
      this.connections.delete(id);
      void connection.close();
      if (!next) this.notify(id);
    }
    for (const [id, config] of wanted) {
      if (this.connections.has(id)) continue;
      this.connections.set(id, this.openConnection({ ...config }));
      this.notify(id);
    }
  }

  /** Every configured broker with its state (device counts are the caller's business, here 0). */
  brokers(): BrokerStatus[] {
    return [...this.connections.values()].map((c) => ({ ...c.status(), deviceCount: 0 }));
  }

  broker(brokerId: string): BrokerStatus | undefined {
    const connection = this.connections.get(brokerId);
    return connection && { ...connection.status(), deviceCount: 0 };
  }

  /** Called with the broker id whenever a broker is added, removed, or changes state. Returns a disposer. */
  onChange(listener: (brokerId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Delivers messages matching `filter` on `brokerId` to `handler` until the returned function is called.
   * Works for brokers not configured (or connected) yet: the subscription is made once they connect.
   * Throws a TypeError for an invalid filter (a programming error, not outside data).
   */
  subscribe(brokerId: string, filter: string, handler: MqttMessageHandler): () => void {
    const problem = topicFilterProblem(filter);
    if (problem) throw new TypeError(`MQTT filter ${JSON.stringify(filter)} ${problem}`);
    let byFilter = this.subscriptions.get(brokerId);
    if (!byFilter) this.subscriptions.set(brokerId, (byFilter = new Map()));
    let handlers = byFilter.get(filter);
    if (!handlers) {
      byFilter.set(filter, (handlers = new Map()));
      const connection = this.connections.get(brokerId);
      if (connection?.isConnected) void connection.ensureSubscribed(filter).catch(() => undefined);
    }
    handlers.set(handler, (handlers.get(handler) ?? 0) + 1);
    let isActive = true;
    return () => {
      if (!isActive) return;
      isActive = false;
      const count = handlers.get(handler) ?? 0;
      if (count > 1) return void handlers.set(handler, count - 1);
      handlers.delete(handler);
      if (handlers.size > 0 || byFilter.get(filter) !== handlers) return;
      byFilter.delete(filter);
      if (byFilter.size === 0 && this.subscriptions.get(brokerId) === byFilter)
        this.subscriptions.delete(brokerId);
      this.connections.get(brokerId)?.unsubscribe(filter);
    };
  }

  /** Publishes once; rejects with DeviceError('unreachable') when the broker is not connected. */
  async publish(
    brokerId: string,
    topic: string,
    payload: string | Buffer,
    options: { qos?: 0 | 1; retain?: boolean } = {},
  ): Promise<void> {
    const connection = this.connected(brokerId);
    try {
      await connection.publish(topic, payload, options);
    } catch (error) {
      throw new DeviceError('unreachable', `publish to ${topic} failed: ${(error as Error).message}`);
    }
  }

  /** Publishes a command, then resolves with the first reply `match` accepts (see MqttRequest). */
  request<T>(request: MqttRequest<T>): Promise<T> {
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const disposers: (() => void)[] = [];
      let isPublished = false;
      let isSettled = false;
      const settle = (outcome: () => void) => {
        if (isSettled) return;
        isSettled = true;
        for (const dispose of disposers) dispose();
        outcome();
      };
      const timer = setTimeout(
        () =>
          settle(() =>
            reject(new DeviceError('timeout', `no reply to ${request.topic} within ${request.timeoutMs} ms`)),
          ),
        request.timeoutMs,
      );
      disposers.push(() => clearTimeout(timer));
      const onAbort = () => settle(() => reject(signal?.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      disposers.push(() => signal?.removeEventListener('abort', onAbort));
      const onMessage = (message: MqttMessage) => {
        // A live reply is never flagged retained; a retained one is an old answer replayed by the broker.
        if (!isPublished || isSettled || message.isRetained) return;
        try {
          const value = request.match(message);
          if (value !== undefined) settle(() => resolve(value));
        } catch (error) {
          settle(() => reject(error));
        }
      };
      void (async () => {
        const connection = this.connected(request.brokerId);
        for (const filter of new Set(request.replyFilters)) {
          disposers.push(this.subscribe(request.brokerId, filter, onMessage));
        }
        await Promise.all(request.replyFilters.map((f) => connection.ensureSubscribed(f)));
        if (isSettled) return;
        isPublished = true;
        await this.publish(request.brokerId, request.topic, request.payload);
      })().catch((error: unknown) =>
        settle(() =>
          reject(
            error instanceof DeviceError ? error : new DeviceError('unreachable', (error as Error).message),
          ),
        ),
      );
    });
  }

  /** Disconnects every broker; later calls to subscribe/publish/request see no broker. */
  async close(): Promise<void> {
    this.isClosed = true;
    const all = [...this.connections.values()];
    this.connections.clear();
    this.listeners.clear();
    await Promise.all(all.map((c) => c.close()));
  }

  private openConnection(config: MqttBrokerConfig): MqttBrokerConnection {
    const { options } = this;
    return new MqttBrokerConnection(config, {
      connect: this.connect,
      logger: options.logger,
      reconnectPeriodMs: options.reconnectPeriodMs ?? 5_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      clientId: options.clientId?.(config.id),
      filters: () => this.subscriptions.get(config.id)?.keys() ?? [],
      onMessage: (message) => this.dispatch(config.id, message),
      onStateChange: () => this.notify(config.id),
    });
  }

  private connected(brokerId: string): MqttBrokerConnection {
    const connection = this.connections.get(brokerId);
    if (!connection) throw new DeviceError('unreachable', `MQTT broker ${brokerId} is not configured`);
    if (!connection.isConnected) {
      const { state, lastError } = connection.status();
      const why = lastError ? ` (${lastError})` : '';
      throw new DeviceError(
        'unreachable',
        `MQTT broker ${displayUrl(connection.config.url)} is ${state}${why}`,
      );
    }
    return connection;
  }

  private dispatch(brokerId: string, message: MqttMessage): void {
    const byFilter = this.subscriptions.get(brokerId);
    if (!byFilter) return;
    // Overlapping filters deliver one packet once per handler, not once per filter.
    const handlers = new Set<MqttMessageHandler>();
    for (const [filter, set] of byFilter) {
      if (topicMatches(filter, message.topic)) for (const h of set.keys()) handlers.add(h);
    }
    for (const handler of handlers) {
      try {
        handler(message);
      } catch (error) {
        this.options.logger.error('mqtt message handler threw', {
          brokerId,
          topic: message.topic,
          error: String(error),
        });
      }
    }
  }

  private notify(brokerId: string): void {
    for (const listener of this.listeners) listener(brokerId);
  }
}

function sameConfig(a: MqttBrokerConfig, b: MqttBrokerConfig): boolean {
  return (
    a.url === b.url &&
    a.username === b.username &&
    a.password === b.password &&
    a.caPem === b.caPem &&
    a.enabled === b.enabled
  );
}
