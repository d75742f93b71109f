import mqtt, { type MqttClient } from 'mqtt';
import { isLoopbackHost } from '../net/loopback';
import { clientIdOf } from './tasmota-settings';
import type { TasmotaRuntime } from './tasmota-runtime';
import { type CommandSource, commandPrefixes, teleTopic } from './tasmota-topics';

export interface MqttHooks {
  /** A `cmnd/.../<Command>` message; `command` is the last topic level, `payload` the raw text. */
  onCommand(command: string, payload: string, source: CommandSource): void;
  /** Every (re)connect, after subscribing: publish LWT Online, INFO1-3, discovery. */
  onConnect(): void;
  onError(error: Error): void;
}

const GRACEFUL_MS = 1000;

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/** MQTT 3.1.1 session of one Tasmota device, with `tele/<topic>/LWT` = `Offline` (retained) as its will. */
export class TasmotaMqtt {
  private client: MqttClient | undefined;
  private prefixes: Array<{ source: CommandSource; prefix: string }> = [];
  connectCount = 0;

  constructor(
    private readonly runtime: TasmotaRuntime,
    private readonly hooks: MqttHooks,
  ) {}

  get isConnected(): boolean {
    return this.client?.connected ?? false;
  }

  connect(): void {
    if (this.client !== undefined) return;
    const { settings, identity } = this.runtime;
    if (settings.mqttHost === '' || !isLoopbackHost(settings.mqttHost)) return;
    const client = mqtt.connect({
      host: settings.mqttHost,
      port: settings.mqttPort,
      protocol: 'mqtt',
      protocolVersion: 4,
      clientId: clientIdOf(settings, identity),
      username: settings.mqttUser === '' ? undefined : settings.mqttUser,
      password: settings.mqttPassword === '' ? undefined : settings.mqttPassword,
      keepalive: 30,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      clean: true,
      will: { topic: teleTopic(this.runtime, 'LWT'), payload: Buffer.from('Offline'), retain: true, qos: 1 },
    });
    this.client = client;
    client.on('error', (error) => this.hooks.onError(error));
    client.on('connect', () => {
      if (this.client !== client) return;
      this.connectCount += 1;
      this.prefixes = commandPrefixes(this.runtime);
      client.subscribe(
        this.prefixes.map((p) => `${p.prefix}#`),
        { qos: 0 },
        () => this.client === client && this.hooks.onConnect(),
      );
    });
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
  }

  publish(topic: string, payload: string, retain = false): void {
    if (this.client?.connected) this.client.publish(topic, payload, { qos: 0, retain }, () => undefined);
  }

  /**
   * Graceful: publishes `Offline` (retained) and disconnects, as a restarting device does.
   * Abrupt: drops the TCP connection, so the broker publishes the will (power loss, network drop, reset).
   */
  async disconnect(mode: 'graceful' | 'abrupt'): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    if (mode === 'graceful' && client.connected) {
      // Bounded: a broker that went away first must not hold up a restart or the fleet's stop.
      const offline = client.publishAsync(teleTopic(this.runtime, 'LWT'), 'Offline', {
        qos: 1,
        retain: true,
      });
      await withTimeout(
        offline.then(() => client.endAsync()),
        GRACEFUL_MS,
      );
      if (!client.disconnected) await client.endAsync(true).catch(() => undefined);
      return;
    }
    client.stream?.destroy();
    await client.endAsync(true).catch(() => undefined);
  }

  /** Drops the connection (flaky fault) and lets the client reconnect by itself. */
  resetConnection(): void {
    this.client?.stream?.destroy();
  }

  private onMessage(topic: string, payload: Buffer): void {
    for (const { source, prefix } of this.prefixes) {
      if (!topic.startsWith(prefix)) continue;
      const command = topic.slice(prefix.length);
      if (command === '' || command.includes('/')) return;
      this.hooks.onCommand(command, payload.toString('utf8'), source);
      return;
    }
  }
}
