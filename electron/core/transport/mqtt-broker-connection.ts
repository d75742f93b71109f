import type { IClientOptions, MqttClient } from 'mqtt';
import type { BrokerStatus } from '../../../shared/domain/discovery';
import type { Logger } from '../ports';

/** A broker as the caller configures it. The password is passed in by the caller and never logged. */
export interface MqttBrokerConfig {
  id: string;
  /** `mqtt://`, `mqtts://`, `ws://` or `wss://`, with host and port. */
  url: string;
  username: string | null;
  password: string | null;
  /** PEM of the CA that signed the broker's certificate (mqtts/wss), if not a public one. */
  caPem: string | null;
  enabled: boolean;
}

export type MqttBrokerState = BrokerStatus['state'];

/** mqtt.js's `connect`, injectable so unit tests can hand out a fake client. */
export type MqttConnect = (url: string, options: IClientOptions) => MqttClient;

export interface MqttMessage {
  topic: string;
  payload: Buffer;
  /** True for a retained message delivered because we subscribed (the device may be gone since). */
  isRetained: boolean;
}

export interface ConnectionDeps {
  connect: MqttConnect;
  logger: Logger;
  reconnectPeriodMs: number;
  connectTimeoutMs: number;
  clientId?: string;
  /** The filters that must be subscribed whenever the client (re)connects. */
  filters(): Iterable<string>;
  onMessage(message: MqttMessage): void;
  onStateChange(): void;
}

/** `mqtt://user:secret@host:1883` → `mqtt://host:1883`: credentials never reach logs or the UI. */
export function displayUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1');
}

/** Node reports a failed dual-stack connect as an AggregateError whose own message is empty. */
function describeError(error: unknown): string {
  const e = error as Error & { code?: string; errors?: Error[] };
  if (e.message) return e.message;
  if (e.errors?.length) return e.errors.map((inner) => inner.message || String(inner)).join('; ');
  return e.code ?? String(error);
}

/** One mqtt.js client for one broker, with the state the discovery panel shows. */
export class MqttBrokerConnection {
  private client: MqttClient | null = null;
  private current: MqttBrokerState;
  private error: string | null = null;
  /** SUBACKs by filter for the current connection; cleared when it drops. */
  private readonly acks = new Map<string, Promise<void>>();

  constructor(
    readonly config: MqttBrokerConfig,
    private readonly deps: ConnectionDeps,
  ) {
    this.current = config.enabled ? 'connecting' : 'disabled';
    if (config.enabled) this.open();
  }

  status(): Omit<BrokerStatus, 'deviceCount'> {
    return {
      id: this.config.id,
      url: displayUrl(this.config.url),
      state: this.current,
      lastError: this.error,
    };
  }

  get isConnected(): boolean {
    return this.current === 'connected' && this.client?.connected === true;
  }

  /** Resolves once the broker acknowledged `filter`; rejects when not connected or when the broker refuses. */
  ensureSubscribed(filter: string): Promise<void> {
    const known = this.acks.get(filter);
    if (known) return known;
    const client = this.client;
    if (!client || !this.isConnected)
      return Promise.reject(new Error(`not connected to ${displayUrl(this.config.url)}`));
    const ack = new Promise<void>((resolve, reject) => {
      client.subscribe(filter, { qos: 0 }, (err, granted) => {
        if (err) return reject(err);
        if (granted?.some((g) => g.qos === 128))
          return reject(new Error(`the broker refused a subscription to ${filter}`));
        resolve();
      });
    });
    this.acks.set(filter, ack);
    ack.catch((error: unknown) => {
      if (this.acks.get(filter) === ack) this.acks.delete(filter);
      this.deps.logger.warn('mqtt subscribe failed', {
        brokerId: this.config.id,
        filter,
        error: describeError(error),
      });
    });
    return ack;
  }

  unsubscribe(filter: string): void {
    this.acks.delete(filter);
    if (this.isConnected) this.client?.unsubscribe(filter);
  }

  publish(
    topic: string,
    payload: string | Buffer,
    options: { qos?: 0 | 1; retain?: boolean },
  ): Promise<void> {
    const client = this.client;
    if (!client || !this.isConnected)
      return Promise.reject(new Error(`not connected to ${displayUrl(this.config.url)}`));
    return new Promise((resolve, reject) =>
      client.publish(topic, payload, { qos: options.qos ?? 0, retain: options.retain ?? false }, (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  }

  /** Disconnects for good; no state change is reported afterwards. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.acks.clear();
    if (!client) return;
    client.removeAllListeners();
    // mqtt.js may still emit errors while tearing down a half-open socket.
    client.on('error', () => undefined);
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }

  private open(): void {
    const { config, deps } = this;
    let client: MqttClient;
    try {
      client = deps.connect(config.url, {
        username: config.username ?? undefined,
        password: config.password ?? undefined,
        ca: config.caPem ?? undefined,
        clientId: deps.clientId,
        clean: true,
        // We re-subscribe ourselves on every connect; mqtt.js doing it too would double retained deliveries.
        resubscribe: false,
        reconnectPeriod: deps.reconnectPeriodMs,
        connectTimeout: deps.connectTimeoutMs,
        queueQoSZero: false,
      });
    } catch (error) {
      this.setState('error', `cannot connect: ${describeError(error)}`);
      return;
    }
    this.client = client;
    client.on('connect', () => {
      this.acks.clear();
      this.setState('connected', null);
      for (const filter of deps.filters()) void this.ensureSubscribed(filter).catch(() => undefined);
    });
    client.on('error', (error) => this.setState('error', describeError(error)));
    client.on('close', () => {
      this.acks.clear();
      if (this.current === 'connected') this.setState('error', 'connection to the broker lost; reconnecting');
    });
    client.on('message', (topic, payload, packet) =>
      deps.onMessage({ topic, payload, isRetained: packet.retain }),
    );
  }

  private setState(state: MqttBrokerState, error: string | null): void {
    if (state === this.current && error === this.error) return;
    this.current = state;
    this.error = error;
    const fields = { brokerId: this.config.id, url: displayUrl(this.config.url), state, error };
    if (state === 'error') this.deps.logger.warn('mqtt broker state', fields);
    else this.deps.logger.info('mqtt broker state', fields);
    this.deps.onStateChange();
  }
}
