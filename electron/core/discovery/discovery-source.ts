import type { DiscoverySourceKind, Endpoint, OfflineReason } from '../../../shared/domain/device';
import type { DiscoveryStatus, SourceState } from '../../../shared/domain/discovery';
import type { AnnouncedService, IdentifiedDevice } from '../drivers/device-driver';

/**
 * Something a source saw. `announced`: a service that a driver must still confirm (mDNS). `identified`: the
 * source already knows who the device is (MQTT discovery message, serial probe reply, manual probe).
 */
export type Sighting =
  | { kind: 'announced'; source: DiscoverySourceKind; service: AnnouncedService }
  | { kind: 'identified'; source: DiscoverySourceKind; endpoint: Endpoint; device: IdentifiedDevice };

/** An endpoint went away, and why (goodbye, TTL expiry, LWT Offline, unplugged, no answer). */
export interface Loss {
  source: DiscoverySourceKind;
  endpoint: Endpoint;
  reason: OfflineReason;
}

/** Something answered where a source looked, but its driver could not tell who it is. */
export interface IdentifyFailure {
  source: DiscoverySourceKind;
  endpoint: Endpoint;
  /** The announced instance name, when an announcement brought it. */
  announcedAs: string | null;
  /** The failing call's own words, e.g. `GET /shelly: HTTP 500 Internal Server Error`. */
  reason: string;
}

export interface SightingListener {
  /**
   * Something was seen. Resolves once it is in the inventory (announced services: after their driver confirmed
   * them) or was dropped; sources may ignore the promise, it never rejects.
   */
  seen(sighting: Sighting): void | Promise<void>;
  lost(loss: Loss): void;
  /** Listed as "not identified" until the endpoint is seen identified or lost (optional for test listeners). */
  notIdentified?(failure: IdentifyFailure): void;
  /** The source's state or details changed (socket failed, broker connected, port plugged). */
  stateChanged(): void;
}

/** Extra status a source contributes to the discovery panel. */
export type SourceDetails = Partial<
  Pick<DiscoveryStatus, 'brokers' | 'serialPorts' | 'offeredBrokers' | 'scans'>
>;

/** One discovery mechanism (mDNS, MQTT, serial, manual). All implementations pass one conformance suite. */
export interface DiscoverySource {
  readonly kind: DiscoverySourceKind;
  /** Starts reporting to the listener. Rejects (and reports state `error`) when the source cannot run. */
  start(listener: SightingListener): Promise<void>;
  /** Stops reporting; no listener call happens after the returned promise resolves. */
  stop(): Promise<void>;
  state(): { state: SourceState; lastError: string | null };
  details?(): SourceDetails;
}
