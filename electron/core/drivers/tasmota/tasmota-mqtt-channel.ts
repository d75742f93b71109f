import { brokerHost } from '../../../../shared/domain/broker-url';
import type { Endpoint } from '../../../../shared/domain/device';
import type { MqttMessage, MqttSessionManager } from '../../transport/mqtt-session';
import { DeviceError } from '../../device-error';
import {
  commandLabel,
  type ExchangeOptions,
  type TasmotaChannel,
  type TasmotaCommand,
  type TasmotaEvent,
  type TopicChange,
} from './tasmota-channel';
import { expandFullTopic } from './tasmota-full-topic';
import { DEFAULT_PREFIXES, parseJsonObject } from './tasmota-protocol';
import type { ReplyCollector } from './tasmota-reply';

export type MqttEndpoint = Extract<Endpoint, { transport: 'mqtt' }>;

/** Why an MQTT endpoint cannot carry commands, or null when it can. */
export function mqttEndpointProblem(endpoint: MqttEndpoint): string | null {
  if (/[+#/\0]/.test(endpoint.topic) || endpoint.topic === '') {
    return `topic ${JSON.stringify(endpoint.topic)} is not a topic level`;
  }
  // A FullTopic without %topic% is a literal one set on this device alone (a real NSPanel uses
  // `nspanel/ns_panel1/%prefix%/`); such a device just skips group and fallback topics (MqttConnected).
  if (/[+#\0]/.test(endpoint.fullTopic)) {
    return `FullTopic ${JSON.stringify(endpoint.fullTopic)} does not address one device`;
  }
  // The inventory does not know the device's host name, so such a FullTopic cannot be filled in.
  if (endpoint.fullTopic.includes('%hostname%')) return 'FullTopic with %hostname% is not supported';
  return null;
}

/**
 * Commands over MQTT (PROTOCOLS.md §2.1): publish `<cmnd prefix>/<topic>/<Command>` with the value as
 * payload, and take results from `<stat prefix>/<topic>/+` (RESULT, `<COMMAND>` with SetOption4, STATUS<n>,
 * UPGRADE), correlated by JSON key. Default prefixes (`cmnd`/`stat`/`tele`) are assumed: the endpoint
 * carries only Topic and FullTopic.
 */
export class MqttChannel implements TasmotaChannel {
  readonly transport = 'mqtt' as const;
  readonly lost = null;
  private topic: string;
  private fullTopic: string;
  private readonly watchers = new Map<(event: TasmotaEvent) => void, () => void>();

  constructor(
    private readonly mqtt: MqttSessionManager,
    private readonly endpoint: MqttEndpoint,
    private readonly mac: string | null,
  ) {
    this.topic = endpoint.topic;
    this.fullTopic = endpoint.fullTopic;
  }

  /** Read in step results and errors: the broker by its host, not its internal id. */
  get label(): string {
    const url = this.mqtt.broker(this.endpoint.brokerId)?.url;
    return `MQTT ${this.topic} @ ${url ? brokerHost(url) : 'a broker no longer in Settings'}`;
  }

  async exchange<T>(
    command: TasmotaCommand,
    collector: ReplyCollector<T>,
    options: ExchangeOptions,
  ): Promise<T> {
    try {
      return await this.mqtt.request({
        brokerId: this.endpoint.brokerId,
        topic: `${this.base(DEFAULT_PREFIXES.cmnd)}${command.name}`,
        payload: command.value,
        replyFilters: [
          `${this.base(DEFAULT_PREFIXES.stat)}+`,
          ...(options.renamingTo ? [`${this.base(DEFAULT_PREFIXES.stat, options.renamingTo)}+`] : []),
        ],
        match: (message) =>
          collector.accept({ level: lastLevel(message.topic), payload: message.payload.toString('utf8') }),
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DeviceError && error.reason === 'timeout') {
        throw new DeviceError(
          'timeout',
          `no reply to ${commandLabel(command)} over ${this.label} within ${options.timeoutMs} ms`,
        );
      }
      throw error;
    }
  }

  watch(listener: (event: TasmotaEvent) => void): () => void {
    this.watchers.set(listener, this.subscribe(listener));
    return () => {
      this.watchers.get(listener)?.();
      this.watchers.delete(listener);
    };
  }

  retarget(next: TopicChange): void {
    this.topic = next.topic ?? this.topic;
    this.fullTopic = next.fullTopic ?? this.fullTopic;
    for (const [listener, dispose] of this.watchers) {
      dispose();
      this.watchers.set(listener, this.subscribe(listener));
    }
  }

  async close(): Promise<void> {
    for (const dispose of this.watchers.values()) dispose();
    this.watchers.clear();
  }

  /** `<prefix>/<topic>/` through the FullTopic, now or after `change`. */
  private base(prefix: string, change: TopicChange = {}): string {
    const topic = change.topic ?? this.topic;
    return expandFullTopic(change.fullTopic ?? this.fullTopic, { prefix, topic, mac: this.mac });
  }

  /** LWT and INFO1 of the device: a restart shows as Offline, Online, then INFO1 with the version. */
  private subscribe(listener: (event: TasmotaEvent) => void): () => void {
    const tele = this.base(DEFAULT_PREFIXES.tele);
    const onMessage = (message: MqttMessage) => {
      // A retained LWT is the broker's memory of an earlier boot, not news.
      if (message.isRetained) return;
      const event = teleEvent(lastLevel(message.topic), message.payload.toString('utf8'));
      if (event) listener(event);
    };
    const disposers = [
      this.mqtt.subscribe(this.endpoint.brokerId, `${tele}LWT`, onMessage),
      this.mqtt.subscribe(this.endpoint.brokerId, `${tele}INFO1`, onMessage),
    ];
    return () => disposers.forEach((dispose) => dispose());
  }
}

const lastLevel = (topic: string): string => (topic.split('/').pop() ?? '').toUpperCase();

/** An LWT or INFO1 payload as an event; null for anything else. */
export function teleEvent(level: string, payload: string): TasmotaEvent | null {
  if (level === 'LWT') {
    if (/^online$/i.test(payload.trim())) return { kind: 'online' };
    if (/^offline$/i.test(payload.trim())) return { kind: 'offline' };
    return null;
  }
  if (level !== 'INFO1') return null;
  const json = parseJsonObject(payload, 'INFO1');
  const info = json.ok ? json.value.Info1 : undefined;
  const version =
    info !== null && typeof info === 'object' && typeof (info as { Version?: unknown }).Version === 'string'
      ? (info as { Version: string }).Version
      : null;
  return { kind: 'info1', version };
}
