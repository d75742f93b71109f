import type { BrokerStatus, SourceState } from '../../../../shared/domain/discovery';
import { compileLwtWatch, type LwtWatch } from '../../drivers/tasmota/tasmota-full-topic';
import { DEFAULT_FULL_TOPIC } from '../../drivers/tasmota/tasmota-protocol';
import type { Logger } from '../../ports';
import type { MqttBrokerConfig, MqttSessionManager } from '../../transport/mqtt-session';
import type { DiscoverySource, SightingListener, SourceDetails } from '../discovery-source';
import { TasmotaBrokerWatch, type BrokerWatchEvents } from './mqtt-source-broker';

export interface MqttSourceOptions {
  /** The process-wide MQTT sessions; the source follows whatever brokers it holds. */
  sessions: MqttSessionManager;
  logger: Logger;
  /** FullTopic patterns besides the default `%prefix%/%topic%/` (settings `fullTopicPatterns`). */
  fullTopicPatterns?: readonly string[];
}

/**
 * Tasmota native discovery over MQTT (PROTOCOLS.md §2.2): on every configured broker, retained
 * `tasmota/discovery/+/config` messages identify devices and `<tele>/<topic>/LWT` says whether they are
 * online. Bad payloads are counted, logged and shown as `lastError`; they never remove inventory.
 */
export class MqttSource implements DiscoverySource {
  readonly kind = 'mqtt' as const;
  private listener: SightingListener | null = null;
  private readonly watches = new Map<string, TasmotaBrokerWatch>();
  private lwtWatches: LwtWatch[] = [];
  private patternError: string | null = null;
  private malformedError: string | null = null;
  private malformed = 0;
  private stopFollowing: (() => void) | null = null;

  constructor(private readonly options: MqttSourceOptions) {
    this.compilePatterns(options.fullTopicPatterns ?? []);
  }

  async start(listener: SightingListener): Promise<void> {
    if (this.listener) return;
    this.listener = listener;
    this.stopFollowing = this.options.sessions.onChange(() => this.followBrokers());
    this.followBrokers();
  }

  async stop(): Promise<void> {
    this.listener = null;
    this.stopFollowing?.();
    this.stopFollowing = null;
    for (const watch of this.watches.values()) watch.stop();
    this.watches.clear();
  }

  /** Configures the brokers (shared with the drivers through the session manager). */
  setBrokers(configs: readonly MqttBrokerConfig[]): void {
    this.options.sessions.setBrokers(configs);
    this.followBrokers();
  }

  /** Replaces the extra FullTopic patterns; an unusable pattern is skipped and shown as `lastError`. */
  setFullTopicPatterns(patterns: readonly string[]): void {
    this.compilePatterns(patterns);
    for (const watch of this.watches.values()) watch.setWatches(this.lwtWatches);
    this.listener?.stateChanged();
  }

  /** Messages refused since start-up (bad JSON, bad fields, unknown LWT payloads). */
  get malformedCount(): number {
    return this.malformed;
  }

  state(): { state: SourceState; lastError: string | null } {
    if (!this.listener) return { state: 'stopped', lastError: this.malformedError ?? this.patternError };
    const enabled = this.options.sessions.brokers().filter((b) => b.state !== 'disabled');
    if (enabled.length > 0 && enabled.every((b) => b.state === 'error')) {
      return {
        state: 'error',
        lastError: enabled.map((b) => `${b.url}: ${b.lastError ?? 'error'}`).join('; '),
      };
    }
    return { state: 'running', lastError: this.malformedError ?? this.patternError };
  }

  details(): SourceDetails {
    const brokers: BrokerStatus[] = this.options.sessions
      .brokers()
      .map((b) => ({ ...b, deviceCount: this.watches.get(b.id)?.onlineCount() ?? 0 }));
    return { brokers };
  }

  private compilePatterns(patterns: readonly string[]): void {
    const compiled = new Map<string, LwtWatch>();
    const problems: string[] = [];
    for (const pattern of [DEFAULT_FULL_TOPIC, ...patterns]) {
      const result = compileLwtWatch(pattern);
      if (!result.ok) problems.push(result.error.message);
      else if (!compiled.has(result.value.pattern)) compiled.set(result.value.pattern, result.value);
    }
    this.lwtWatches = [...compiled.values()];
    this.patternError = problems.length > 0 ? problems.join('; ') : null;
    if (this.patternError)
      this.options.logger.warn('mqtt discovery: FullTopic pattern skipped', { error: this.patternError });
  }

  /** Watches every enabled broker the session manager holds; a broker removed or disabled loses its devices. */
  private followBrokers(): void {
    if (!this.listener) return;
    const current = new Map(this.options.sessions.brokers().map((b) => [b.id, b]));
    for (const [id, watch] of this.watches) {
      const broker = current.get(id);
      if (broker && broker.state !== 'disabled') continue;
      watch.dropAll('unreachable');
      watch.stop();
      this.watches.delete(id);
    }
    for (const [id, broker] of current) {
      if (broker.state === 'disabled' || this.watches.has(id)) continue;
      const watch = new TasmotaBrokerWatch(id, this.options.sessions, this.lwtWatches, this.eventsFor(id));
      this.watches.set(id, watch);
      watch.start();
    }
    this.listener.stateChanged();
  }

  private eventsFor(brokerId: string): BrokerWatchEvents {
    return {
      seen: (endpoint, device) =>
        this.listener?.seen({ kind: 'identified', source: 'mqtt', endpoint, device }),
      lost: (endpoint, reason) => this.listener?.lost({ source: 'mqtt', endpoint, reason }),
      malformed: (topic, message) => {
        this.malformed += 1;
        this.malformedError = `${this.malformed} malformed message(s); last: ${message}`;
        this.options.logger.warn('mqtt discovery: malformed message', { brokerId, topic, error: message });
        this.listener?.stateChanged();
      },
      chipUnknown: (mac, message) =>
        this.options.logger.info('mqtt discovery: chip not known', { brokerId, mac, error: message }),
    };
  }
}
