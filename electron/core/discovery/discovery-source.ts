import type { DiscoverySourceKind } from '../../../shared/domain/device';
import type { SourceState } from '../../../shared/domain/discovery';
import type { ServiceSighting } from '../drivers/device-driver';

export interface SightingListener {
  /** Something answered or announced; it is not a device until a driver confirms it. */
  seen(sighting: ServiceSighting): void;
  /** It said goodbye or its record expired. */
  lost(sighting: ServiceSighting): void;
  /** The source's state changed (e.g. its socket failed). */
  stateChanged(): void;
}

/** One discovery mechanism (mDNS, MQTT, serial, manual). All implementations pass one conformance suite. */
export interface DiscoverySource {
  readonly kind: DiscoverySourceKind;
  /** Starts reporting to the listener. Rejects (and reports state `error`) when the source cannot run. */
  start(listener: SightingListener): Promise<void>;
  stop(): Promise<void>;
  state(): { state: SourceState; lastError: string | null };
}
