import type {
  DeviceId,
  DiscoverySourceKind,
  Endpoint,
  OfflineReason,
  Transport,
} from '../../../../shared/domain/device';
import type { Presence, EndpointPresence } from '../../inventory/device-presence';
import type {
  DeviceSighting,
  SightingMerge,
  StoredDevice,
  StoredEndpoint,
} from '../../inventory/sighting-merge';
import type { statementCache } from '../statement-cache';

const SIGHTINGS_KEPT = 200;

/**
 * The rows behind sightings and presence: devices, their endpoints and history. SQL only; what to write is
 * decided in ../../inventory (sighting-merge, address-release, device-presence), and the caller runs these in
 * one transaction.
 */
export class SightingRows {
  constructor(private readonly sql: ReturnType<typeof statementCache>) {}

  device(id: DeviceId): StoredDevice | undefined {
    const row = this.sql('SELECT firmware, model, name, chip, online FROM devices WHERE id = ?').get(id) as
      (Omit<StoredDevice, 'online'> & { online: number }) | undefined;
    return row && { ...row, online: row.online === 1 };
  }

  endpoint(id: DeviceId, source: DiscoverySourceKind, transport: Transport): StoredEndpoint | undefined {
    const row = this.sql(
      'SELECT endpoint_key, online FROM endpoints WHERE device_id = ? AND source = ? AND transport = ?',
    ).get(id, source, transport) as { endpoint_key: string; online: number } | undefined;
    return row && { key: row.endpoint_key, online: row.online === 1 };
  }

  /** Writes the sighted device; a sighting that cannot tell the chip keeps the stored one. */
  upsertDevice(s: DeviceSighting, merge: SightingMerge): void {
    this.sql(
      `INSERT INTO devices (id, family, name, model, product, generation, firmware, mac, chip, online,
                              offline_reason, identify_json, first_seen_at, last_seen_at)
         VALUES (@id, @family, @name, @model, @product, @generation, @firmware, @mac, @chip, @online, @reason,
                 @raw, @at, @at)
         ON CONFLICT (id) DO UPDATE SET family = @family, name = @name, model = @model, product = @product,
           generation = @generation, firmware = @firmware, mac = @mac, chip = coalesce(@chip, chip),
           identify_json = @raw, last_seen_at = max(last_seen_at, @at)`,
    ).run({
      id: s.id,
      family: s.family,
      name: s.name,
      product: s.product,
      generation: s.generation,
      mac: s.mac,
      at: s.at,
      firmware: merge.firmware,
      model: merge.model,
      chip: s.chip ?? null,
      raw: JSON.stringify(s.raw ?? null),
      online: merge.presence.online ? 1 : 0,
      reason: merge.presence.offlineReason,
    });
  }

  /** Inserts or updates the device's (source, transport) endpoint. */
  upsertEndpoint(
    id: DeviceId,
    at: { source: DiscoverySourceKind; endpoint: Endpoint; key: string },
    presence: Presence,
    seenAt: number,
  ): void {
    this.sql(
      `INSERT INTO endpoints (device_id, source, transport, endpoint_key, endpoint_json, online, offline_reason,
                              first_seen_at, last_seen_at)
       VALUES (@id, @source, @transport, @key, @json, @online, @reason, @at, @at)
       ON CONFLICT (device_id, source, transport) DO UPDATE SET endpoint_key = @key, endpoint_json = @json,
         online = @online, offline_reason = @reason, last_seen_at = @at`,
    ).run({
      id,
      source: at.source,
      transport: at.endpoint.transport,
      key: at.key,
      json: JSON.stringify(at.endpoint),
      online: presence.online ? 1 : 0,
      reason: presence.offlineReason,
      at: seenAt,
    });
  }

  /** Devices holding this endpoint online. */
  onlineAt(source: DiscoverySourceKind, transport: Transport, key: string): DeviceId[] {
    const rows = this.sql(
      'SELECT device_id FROM endpoints WHERE source = ? AND transport = ? AND endpoint_key = ? AND online = 1',
    ).all(source, transport, key) as { device_id: DeviceId }[];
    return rows.map((r) => r.device_id);
  }

  /** Every endpoint with this key (of any device) goes offline. */
  setKeyOffline(source: DiscoverySourceKind, transport: Transport, key: string, reason: OfflineReason): void {
    this.sql(
      'UPDATE endpoints SET online = 0, offline_reason = ? WHERE source = ? AND transport = ? AND endpoint_key = ?',
    ).run(reason, source, transport, key);
  }

  /** The device's (source, transport) endpoint goes offline. */
  setEndpointOffline(
    id: DeviceId,
    source: DiscoverySourceKind,
    transport: Transport,
    reason: OfflineReason,
  ): void {
    this.sql(
      'UPDATE endpoints SET online = 0, offline_reason = ? WHERE device_id = ? AND source = ? AND transport = ?',
    ).run(reason, id, source, transport);
  }

  /** The device's endpoints, most recently seen first. */
  endpointPresence(id: DeviceId): EndpointPresence[] {
    const rows = this.sql(
      'SELECT online, offline_reason, last_seen_at FROM endpoints WHERE device_id = ? ORDER BY last_seen_at DESC',
    ).all(id) as { online: number; offline_reason: OfflineReason | null; last_seen_at: number }[];
    return rows.map((r) => ({
      online: r.online === 1,
      offlineReason: r.offline_reason,
      lastSeenAt: r.last_seen_at,
    }));
  }

  setPresence(id: DeviceId, presence: Presence): void {
    this.sql('UPDATE devices SET online = ?, offline_reason = ? WHERE id = ?').run(
      presence.online ? 1 : 0,
      presence.offlineReason,
      id,
    );
  }

  /** Every endpoint and device offline with this reason. */
  setAllOffline(reason: OfflineReason): void {
    this.sql('UPDATE endpoints SET online = 0, offline_reason = ? WHERE online = 1').run(reason);
    this.sql('UPDATE devices SET online = 0, offline_reason = ? WHERE online = 1').run(reason);
  }

  /** Appends to the device's history, keeping the newest SIGHTINGS_KEPT entries. */
  addHistory(
    id: DeviceId,
    entry: { at: number; source: DiscoverySourceKind; event: string; detail: string },
  ): void {
    this.sql(
      'INSERT INTO device_sightings (device_id, at, source, event, detail) VALUES (?, ?, ?, ?, ?)',
    ).run(id, entry.at, entry.source, entry.event, entry.detail);
    this.sql(
      `DELETE FROM device_sightings WHERE device_id = ? AND seq <= (
           SELECT seq FROM device_sightings WHERE device_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
    ).run(id, id, SIGHTINGS_KEPT);
  }
}
