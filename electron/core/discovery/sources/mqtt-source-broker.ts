import type { Endpoint, OfflineReason } from '../../../../shared/domain/device';
import type { IdentifiedDevice } from '../../drivers/device-driver';
import { deviceLwtTopic, type LwtWatch } from '../../drivers/tasmota/tasmota-full-topic';
import {
  discoveryTopicMac,
  parseDiscoveryConfig,
  type TasmotaDiscovery,
} from '../../drivers/tasmota/tasmota-protocol';
import type { MqttMessage, MqttSessionManager } from '../../transport/mqtt-session';
import { topicFilterProblem, topicMatches } from '../../transport/mqtt-topic-filter';
import { ChipProbe } from './mqtt-source-chip';

export type MqttEndpoint = Extract<Endpoint, { transport: 'mqtt' }>;

export const DISCOVERY_FILTER = 'tasmota/discovery/+/config';

/** What one broker's watch reports to its source. */
export interface BrokerWatchEvents {
  seen(endpoint: MqttEndpoint, device: IdentifiedDevice): void;
  lost(endpoint: MqttEndpoint, reason: OfflineReason): void;
  malformed(topic: string, message: string): void;
  /** A device did not tell its chip (`Status 2` unanswered or unreadable); it stays without one. */
  chipUnknown(mac: string, message: string): void;
}

interface KnownDevice {
  discovery: TasmotaDiscovery;
  endpoint: MqttEndpoint;
  lwtTopic: string;
  isOnline: boolean;
}

// LWTs of devices whose discovery config has not arrived (yet); bounded because any client can publish them.
const MAX_PENDING_LWTS = 10_000;
// Tasmota's LWT payloads are short words; anything longer is not one.
const MAX_LWT_BYTES = 64;

/**
 * Tasmota devices on one broker: retained discovery configs give identities, LWTs give online state.
 * Devices are keyed by topic (what LWTs name) and by MAC (a device may change its topic).
 */
export class TasmotaBrokerWatch {
  private readonly devices = new Map<string, KnownDevice>();
  private readonly topicByMac = new Map<string, string>();
  private readonly topicByLwt = new Map<string, string>();
  private readonly pendingLwts = new Map<string, string>();
  /** Chips by MAC, as the devices answered `Status 2`; re-sightings carry them. */
  private readonly chips = new Map<string, string | null>();
  private readonly chipProbe: ChipProbe;
  private readonly genericSubs = new Map<string, () => void>();
  private readonly exactSubs = new Map<string, () => void>();
  private stopDiscovery: (() => void) | null = null;
  private readonly handler = (message: MqttMessage) => this.onMessage(message);

  constructor(
    readonly brokerId: string,
    private readonly sessions: MqttSessionManager,
    private watches: readonly LwtWatch[],
    private readonly events: BrokerWatchEvents,
  ) {
    this.chipProbe = new ChipProbe({
      sessions,
      brokerId,
      found: (mac, chip) => this.chipFound(mac, chip),
      failed: (mac, message) => this.events.chipUnknown(mac, message),
    });
  }

  start(): void {
    this.stopDiscovery = this.sessions.subscribe(this.brokerId, DISCOVERY_FILTER, this.handler);
    this.subscribeWatches();
  }

  /** Swaps the FullTopic patterns; retained LWTs arrive again for the new filters. */
  setWatches(watches: readonly LwtWatch[]): void {
    this.watches = watches;
    for (const stop of this.genericSubs.values()) stop();
    this.genericSubs.clear();
    this.subscribeWatches();
    for (const known of this.devices.values()) this.syncExactSub(known.lwtTopic);
  }

  onlineCount(): number {
    let count = 0;
    for (const known of this.devices.values()) if (known.isOnline) count += 1;
    return count;
  }

  /** Reports every online device lost (the broker went away from the settings) and forgets them all. */
  dropAll(reason: OfflineReason): void {
    for (const known of this.devices.values()) if (known.isOnline) this.events.lost(known.endpoint, reason);
    for (const stop of this.exactSubs.values()) stop();
    this.exactSubs.clear();
    this.devices.clear();
    this.topicByMac.clear();
    this.topicByLwt.clear();
    this.pendingLwts.clear();
  }

  stop(): void {
    this.chipProbe.stop();
    this.stopDiscovery?.();
    this.stopDiscovery = null;
    for (const stop of [...this.genericSubs.values(), ...this.exactSubs.values()]) stop();
    this.genericSubs.clear();
    this.exactSubs.clear();
  }

  private subscribeWatches(): void {
    for (const watch of this.watches) {
      if (!this.genericSubs.has(watch.filter)) {
        this.genericSubs.set(
          watch.filter,
          this.sessions.subscribe(this.brokerId, watch.filter, this.handler),
        );
      }
    }
  }

  private onMessage(message: MqttMessage): void {
    if (discoveryTopicMac(message.topic) !== null) this.onDiscovery(message);
    else this.onLwt(message);
  }

  private onDiscovery({ topic, payload }: MqttMessage): void {
    // Discovery switched off (SetOption19 1) clears the retained config: no news about the device itself.
    if (payload.length === 0) return;
    const result = parseDiscoveryConfig(payload, topic);
    if (!result.ok) return this.events.malformed(topic, result.error.message);
    const discovery = result.value;
    const lwtTopic = deviceLwtTopic({ ...discovery, mac: discovery.device.mac });
    // hn and ft are free text; a wildcard in the LWT topic would subscribe us to other devices' messages.
    if (topicFilterProblem(lwtTopic) !== null || /[+#]/.test(lwtTopic)) {
      return this.events.malformed(
        topic,
        `${topic}: FullTopic ${JSON.stringify(discovery.fullTopic)} gives an unusable LWT topic`,
      );
    }
    const previousTopic = this.topicByMac.get(discovery.device.mac);
    if (previousTopic !== undefined && previousTopic !== discovery.topic) this.forget(previousTopic);
    const endpoint: MqttEndpoint = {
      transport: 'mqtt',
      brokerId: this.brokerId,
      topic: discovery.topic,
      fullTopic: discovery.fullTopic,
    };
    // A config replayed while the device's LWT says Offline (broker reconnect) must not bring it back online;
    // its new identity is reported when the LWT turns Online.
    const isOnline = this.devices.get(discovery.topic)?.isOnline ?? true;
    const known: KnownDevice = { discovery, endpoint, lwtTopic, isOnline };
    this.devices.set(discovery.topic, known);
    this.topicByMac.set(discovery.device.mac, discovery.topic);
    this.topicByLwt.set(lwtTopic, discovery.topic);
    this.syncExactSub(lwtTopic);
    if (isOnline) {
      this.events.seen(endpoint, this.withChip(discovery));
      if (!this.chips.has(discovery.device.mac)) this.chipProbe.ask(discovery);
    }
    const pending = this.pendingLwts.get(discovery.topic);
    this.pendingLwts.delete(discovery.topic);
    if (pending !== undefined) this.applyLwt(known, pending, lwtTopic);
  }

  private onLwt({ topic, payload }: MqttMessage): void {
    const deviceTopic =
      this.topicByLwt.get(topic) ?? this.watches.map((w) => w.topicOf(topic)).find((t) => t !== null);
    if (deviceTopic === undefined || deviceTopic === null || payload.length === 0) return;
    if (payload.length > MAX_LWT_BYTES) {
      return this.events.malformed(
        topic,
        `${topic}: LWT payload of ${payload.length} bytes is not Online/Offline`,
      );
    }
    const text = payload.toString('utf8');
    const known = this.devices.get(deviceTopic);
    if (known) return this.applyLwt(known, text, topic);
    if (this.pendingLwts.size >= MAX_PENDING_LWTS)
      this.pendingLwts.delete(this.pendingLwts.keys().next().value!);
    this.pendingLwts.set(deviceTopic, text);
  }

  private applyLwt(known: KnownDevice, text: string, topic: string): void {
    const { onlinePayload, offlinePayload } = known.discovery;
    if (text === offlinePayload) {
      if (!known.isOnline) return;
      known.isOnline = false;
      this.chipProbe.cancel(known.discovery.device.mac);
      this.events.lost(known.endpoint, 'lwt-offline');
    } else if (text === onlinePayload) {
      if (known.isOnline) return;
      known.isOnline = true;
      this.events.seen(known.endpoint, this.withChip(known.discovery));
      // Back after a restart (or a reflash): ask again, the answer re-reports the device if it changed.
      this.chipProbe.ask(known.discovery);
    } else {
      const shown = JSON.stringify(text.slice(0, MAX_LWT_BYTES));
      this.events.malformed(
        topic,
        `${topic}: LWT payload ${shown} is neither "${onlinePayload}" nor "${offlinePayload}"`,
      );
    }
  }

  /** The device as its config describes it, with the chip it reported when it did (configs carry none). */
  private withChip(discovery: TasmotaDiscovery): IdentifiedDevice {
    const chip = this.chips.get(discovery.device.mac);
    return chip === undefined ? discovery.device : { ...discovery.device, chip };
  }

  private chipFound(mac: string, chip: string | null): void {
    if (this.chips.has(mac) && this.chips.get(mac) === chip) return;
    this.chips.set(mac, chip);
    const topic = this.topicByMac.get(mac);
    const known = topic === undefined ? undefined : this.devices.get(topic);
    if (known?.isOnline) this.events.seen(known.endpoint, this.withChip(known.discovery));
  }

  /** A device's own LWT topic is subscribed exactly when no FullTopic pattern covers it (custom FullTopic, prefix). */
  private syncExactSub(lwtTopic: string): void {
    const isCovered = this.watches.some(
      (w) => topicMatches(w.filter, lwtTopic) && w.topicOf(lwtTopic) !== null,
    );
    const existing = this.exactSubs.get(lwtTopic);
    if (isCovered && existing) {
      existing();
      this.exactSubs.delete(lwtTopic);
    } else if (!isCovered && !existing) {
      this.exactSubs.set(lwtTopic, this.sessions.subscribe(this.brokerId, lwtTopic, this.handler));
    }
  }

  private forget(topic: string): void {
    const known = this.devices.get(topic);
    if (!known) return;
    this.devices.delete(topic);
    this.topicByLwt.delete(known.lwtTopic);
    this.exactSubs.get(known.lwtTopic)?.();
    this.exactSubs.delete(known.lwtTopic);
  }
}
