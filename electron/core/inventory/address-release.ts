import type { DeviceId, OfflineReason } from '../../../shared/domain/device';

/** Devices that lose an address to another device, why, and what their history says. */
export interface AddressRelease {
  released: DeviceId[];
  reason: OfflineReason;
  note: string;
}

/**
 * DHCP gives addresses away: when a device answers online at an endpoint (same source, transport and key) that
 * other devices still hold online, theirs are stale. They go offline as `unreachable` rather than keep an address
 * that now reaches someone else, and a job would otherwise talk to the wrong device. A sighting that is not
 * online (a list row, an address not reached) proves nothing and releases nothing.
 *
 * `holders` are the devices online at that endpoint before the sighting, the sighted one possibly among them.
 */
export function addressRelease(
  sighted: { id: DeviceId; online: boolean; key: string | null },
  holders: readonly DeviceId[],
): AddressRelease | null {
  if (!sighted.online || sighted.key === null) return null;
  const released = holders.filter((id) => id !== sighted.id);
  if (released.length === 0) return null;
  return { released, reason: 'unreachable', note: `${sighted.key} now answers as another device` };
}
