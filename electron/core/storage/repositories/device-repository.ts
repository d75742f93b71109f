import type {
  DeviceFamily,
  DeviceId,
  DeviceSummary,
  DiscoverySourceKind,
  OfflineReason,
} from '../../../../shared/domain/device';
import type { Db } from '../database';

export interface DeviceEndpointRecord {
  source: DiscoverySourceKind;
  transport: 'http';
  host: string;
  port: number;
}

/** What a confirmed sighting tells us about a device. */
export interface DeviceSighting {
  id: DeviceId;
  family: DeviceFamily;
  name: string | null;
  model: string;
  product: string | null;
  generation: number | null;
  firmware: string;
  mac: string | null;
  /** The identify payload as the device sent it, kept for the detail view. */
  raw: unknown;
  endpoint: DeviceEndpointRecord;
  at: number;
}

interface DeviceRow {
  id: string;
  family: string;
  name: string | null;
  model: string;
  product: string | null;
  generation: number | null;
  firmware: string;
  mac: string | null;
  online: number;
  offline_reason: string | null;
  first_seen_at: number;
  last_seen_at: number;
  address: string | null;
  sources: string | null;
}

const SELECT_SUMMARY = `
  SELECT d.*,
    (SELECT e.host || ':' || e.port FROM device_endpoints e WHERE e.device_id = d.id
       ORDER BY e.last_seen_at DESC LIMIT 1) AS address,
    (SELECT group_concat(DISTINCT e.source) FROM device_endpoints e WHERE e.device_id = d.id) AS sources
  FROM devices d`;

function toSummary(row: DeviceRow): DeviceSummary {
  return {
    id: row.id as DeviceId,
    family: row.family as DeviceFamily,
    name: row.name,
    model: row.model,
    product: row.product,
    generation: row.generation,
    firmware: row.firmware,
    mac: row.mac,
    address: row.address,
    online: row.online === 1,
    offlineReason: row.offline_reason as OfflineReason | null,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    sources: row.sources ? (row.sources.split(',') as DiscoverySourceKind[]).sort() : [],
  };
}

/** All SQL about devices and their endpoints. */
export class DeviceRepository {
  private readonly upsertDevice;
  private readonly upsertEndpoint;
  private readonly selectOne;
  private readonly selectAll;
  private readonly setOffline;
  private readonly selectByAddress;
  private readonly selectEndpoint;

  constructor(private readonly db: Db) {
    this.upsertDevice = db.prepare(`
      INSERT INTO devices (id, family, name, model, product, generation, firmware, mac, online, offline_reason,
                           identify_json, first_seen_at, last_seen_at)
      VALUES (@id, @family, @name, @model, @product, @generation, @firmware, @mac, 1, NULL, @raw, @at, @at)
      ON CONFLICT (id) DO UPDATE SET family = @family, name = @name, model = @model, product = @product,
        generation = @generation, firmware = @firmware, mac = @mac, online = 1, offline_reason = NULL,
        identify_json = @raw, last_seen_at = @at`);
    this.upsertEndpoint = db.prepare(`
      INSERT INTO device_endpoints (device_id, source, transport, host, port, last_seen_at)
      VALUES (@id, @source, @transport, @host, @port, @at)
      ON CONFLICT (device_id, source, transport) DO UPDATE SET host = @host, port = @port, last_seen_at = @at`);
    this.selectOne = db.prepare(`${SELECT_SUMMARY} WHERE d.id = ?`);
    this.selectAll = db.prepare(`${SELECT_SUMMARY} ORDER BY coalesce(d.name, d.id)`);
    this.setOffline = db.prepare(
      'UPDATE devices SET online = 0, offline_reason = @reason WHERE id = @id AND online = 1',
    );
    this.selectByAddress = db.prepare(
      'SELECT device_id AS id FROM device_endpoints WHERE source = ? AND host = ? AND port = ?',
    );
    this.selectEndpoint = db.prepare(`
      SELECT source, transport, host, port FROM device_endpoints WHERE device_id = ? AND transport = ?
      ORDER BY last_seen_at DESC LIMIT 1`);
  }

  /** Records a confirmed sighting: the device is online at this endpoint now. */
  recordSighting(s: DeviceSighting): DeviceSummary {
    this.db.transaction(() => {
      this.upsertDevice.run({
        id: s.id,
        family: s.family,
        name: s.name,
        model: s.model,
        product: s.product,
        generation: s.generation,
        firmware: s.firmware,
        mac: s.mac,
        raw: JSON.stringify(s.raw ?? null),
        at: s.at,
      });
      this.upsertEndpoint.run({ id: s.id, ...s.endpoint, at: s.at });
    })();
    return this.get(s.id)!;
  }

  /** Marks a device offline; returns the new summary, or null when it was unknown or already offline. */
  markOffline(id: DeviceId, reason: OfflineReason): DeviceSummary | null {
    const changed = this.setOffline.run({ id, reason }).changes > 0;
    return changed ? this.get(id) : null;
  }

  /** At start-up nothing has been seen yet: every stored device is offline until a source sees it again. */
  markAllNotSeen(): void {
    this.db.prepare("UPDATE devices SET online = 0, offline_reason = 'not-seen' WHERE online = 1").run();
  }

  findByAddress(source: DiscoverySourceKind, host: string, port: number): DeviceId | null {
    const row = this.selectByAddress.get(source, host, port) as { id: string } | undefined;
    return row ? (row.id as DeviceId) : null;
  }

  endpointOf(id: DeviceId, transport: 'http'): DeviceEndpointRecord | null {
    return (this.selectEndpoint.get(id, transport) as DeviceEndpointRecord | undefined) ?? null;
  }

  get(id: DeviceId): DeviceSummary | null {
    const row = this.selectOne.get(id) as DeviceRow | undefined;
    return row ? toSummary(row) : null;
  }

  list(): DeviceSummary[] {
    return (this.selectAll.all() as DeviceRow[]).map(toSummary);
  }
}
