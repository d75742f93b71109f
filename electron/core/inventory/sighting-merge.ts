import type { DeviceFamily, DeviceId, DiscoverySourceKind, Endpoint } from '../../../shared/domain/device';
import { toSemver } from '../../../shared/domain/firmware-version';
import { NOT_SEEN, type Presence } from './device-presence';

/** What one confirmed sighting says: who the device is, and where a source saw it. */
export interface DeviceSighting {
  id: DeviceId;
  family: DeviceFamily;
  name: string | null;
  model: string;
  product: string | null;
  generation: number | null;
  firmware: string;
  mac: string | null;
  /** The chip the device reported; null or absent when this sighting could not tell (the stored one stays). */
  chip?: string | null;
  /** The identify payload as the device sent it. */
  raw: unknown;
  source: DiscoverySourceKind;
  /** Null for a device known only from a list (no address yet). */
  endpoint: Endpoint | null;
  at: number;
  /** False for devices imported from a list and not reached yet. Default true. */
  online?: boolean;
}

/** How a sighting changed what we knew, so callers only announce real changes. */
export type SightingChange = 'new' | 'came-online' | 'address-changed' | 'updated' | 'unchanged';

/** The device as the inventory held it before the sighting. */
export interface StoredDevice {
  firmware: string;
  model: string;
  name: string | null;
  chip: string | null;
  online: boolean;
}

/** The device's endpoint of the sighting's (source, transport) before the sighting. */
export interface StoredEndpoint {
  key: string;
  online: boolean;
}

/** What the device's history says about a sighting; `seen` is detailed with the address as the user reads it. */
export type SightingNote = { event: 'seen' } | { event: 'address-changed'; detail: string };

/** What a sighting does to the device. */
export interface SightingMerge {
  /** The sighted endpoint's state: online, or `not-seen` for a list row not reached yet (`isOnlineSighting`). */
  presence: Presence;
  /** The values to store: the richer of the stored and the sighted (`keepRicher`). */
  firmware: string;
  model: string;
  change: SightingChange;
  /** Null when the history gains nothing (an update, or nothing new). */
  note: SightingNote | null;
}

/** Model names that say less than any real one (a Tasmota template seen on the console, a CSV import). */
const PLACEHOLDER_MODELS = new Set(['template', 'unknown']);

/**
 * The version to store: the longer spelling of the same version is kept, so `14.2.0(release-tasmota)` (the
 * Tasmota console) does not flip to `14.2.0` (its MQTT discovery) and back; a different version always wins.
 */
export function richerFirmware(stored: string, next: string): string {
  const semver = toSemver(stored);
  return semver !== null && semver === toSemver(next) && stored.length > next.length ? stored : next;
}

/** A real model name is not replaced by a placeholder (the console only knows "Template" where discovery names it). */
export function richerModel(stored: string, next: string): string {
  return PLACEHOLDER_MODELS.has(next.toLowerCase()) && !PLACEHOLDER_MODELS.has(stored.toLowerCase())
    ? stored
    : next;
}

/** A sighting puts a device online unless it comes from a list not reached yet, or has no address. */
export function isOnlineSighting(s: Pick<DeviceSighting, 'online' | 'endpoint'>): boolean {
  return (s.online ?? true) && s.endpoint !== null;
}

/**
 * Merges a sighting into what was stored. `key` is the sighting's endpoint key (null without an endpoint).
 * An address change outranks coming online, which outranks a changed description; a chip the sighting cannot
 * tell is no change (the stored one stays).
 */
export function mergeSighting(
  s: DeviceSighting,
  stored: { device: StoredDevice | undefined; endpoint: StoredEndpoint | undefined },
  key: string | null,
): SightingMerge {
  const online = isOnlineSighting(s);
  const { device, endpoint } = stored;
  const firmware = device ? richerFirmware(device.firmware, s.firmware) : s.firmware;
  const model = device ? richerModel(device.model, s.model) : s.model;
  let change: SightingChange = 'unchanged';
  if (!device) change = 'new';
  else if (endpoint && endpoint.key !== key) change = 'address-changed';
  else if (online && (!endpoint || !endpoint.online || !device.online)) change = 'came-online';
  else if (
    device.firmware !== firmware ||
    device.model !== model ||
    device.name !== s.name ||
    (s.chip != null && device.chip !== s.chip)
  )
    change = 'updated';
  let note: SightingNote | null = null;
  if (change === 'address-changed') note = { event: 'address-changed', detail: `${endpoint!.key} → ${key}` };
  else if (change === 'new' || change === 'came-online') note = { event: 'seen' };
  const presence: Presence = online ? { online, offlineReason: null } : { online, offlineReason: NOT_SEEN };
  return { presence, firmware, model, change, note };
}
