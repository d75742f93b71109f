import {
  endpointLabel,
  type DeviceId,
  type DiscoverySourceKind,
  type Endpoint,
} from '../../../shared/domain/device';
import type { UnidentifiedDevice } from '../../../shared/domain/device';
import type { IdentifyFailure } from './discovery-source';
import { endpointKey } from './endpoint-key';

/** A flood of broken announcements must not grow the status without bound; the oldest entries go first. */
const MAX_LISTED = 500;

const keyOf = (source: DiscoverySourceKind, endpoint: Endpoint) =>
  `${source}|${endpoint.transport}|${endpointKey(endpoint)}`;

/**
 * Endpoints that answered but that no driver could identify, one entry per (source, endpoint), so the
 * discovery panel lists them with their reason instead of the device vanishing. An entry leaves when its
 * endpoint is seen identified or is lost.
 */
export class UnidentifiedDevices {
  private readonly byKey = new Map<string, UnidentifiedDevice>();

  /** `deviceAt` names the inventory's device at an endpoint (null when none), for entries about known devices. */
  constructor(
    private readonly deviceAt: (source: DiscoverySourceKind, endpoint: Endpoint) => DeviceId | null,
  ) {}

  note(failure: IdentifyFailure, at: number): void {
    const key = keyOf(failure.source, failure.endpoint);
    const before = this.byKey.get(key);
    this.byKey.delete(key);
    this.byKey.set(key, {
      source: failure.source,
      address: endpointLabel(failure.endpoint),
      announcedAs: failure.announcedAs ?? before?.announcedAs ?? null,
      deviceId: this.deviceAt(failure.source, failure.endpoint),
      reason: failure.reason,
      firstFailedAt: before?.firstFailedAt ?? at,
      lastFailedAt: at,
    });
    if (this.byKey.size > MAX_LISTED) this.byKey.delete(this.byKey.keys().next().value!);
  }

  /** Returns true when an entry left the list. */
  clear(source: DiscoverySourceKind, endpoint: Endpoint): boolean {
    return this.byKey.delete(keyOf(source, endpoint));
  }

  list(): UnidentifiedDevice[] {
    return [...this.byKey.values()];
  }
}
