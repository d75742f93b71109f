import {
  EndpointSchema,
  brokerLabel,
  deviceLabel,
  endpointLabel,
  type BrokerNames,
  type DeviceDetail,
  type DeviceEdit,
  type DeviceEndpointState,
  type DeviceFamily,
  type DeviceId,
  type DeviceSightingRecord,
  type DeviceSummary,
  type DiscoverySourceKind,
  type Endpoint,
  type OfflineReason,
  type Transport,
} from '../../../../shared/domain/device';
import { endpointKey } from '../../discovery/endpoint-key';
import { addressRelease } from '../../inventory/address-release';
import { NOT_SEEN, devicePresence, lostNote, type Presence } from '../../inventory/device-presence';
import { mergeSighting, type DeviceSighting, type SightingChange } from '../../inventory/sighting-merge';
import type { JobTarget } from '../../jobs/device-lookup';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';
import { writeReadBack, type ReadBack } from './device-read-back';
import { SELECT_SUMMARY, toEndpointState, toSummary, type DeviceRow, type EndpointRow } from './device-rows';
import { scanDevices, scanJobTargets } from './device-scans';
import { SightingRows } from './sighting-rows';

/**
 * All SQL about devices. A device is one row keyed by its identity, with one endpoint row per
 * (source, transport). What a sighting or a lost endpoint does to them (which values win, who loses an address,
 * when a device is online) is inventory policy in ../../inventory; this class reads and writes the rows.
 */
export class DeviceRepository {
  private readonly sql: ReturnType<typeof statementCache>;
  private readonly rows: SightingRows;

  /** `capabilitiesOf` tells which actions each family's driver runs, so summaries carry them for the UI. */
  constructor(
    private readonly db: Db,
    private readonly capabilitiesOf: (family: DeviceFamily) => readonly string[] = () => [],
  ) {
    this.sql = statementCache(db);
    this.rows = new SightingRows(this.sql);
  }

  /** Brokers by name and host, so an MQTT address reads `topic @ Site (192.0.2.5:1883)`, never the broker's id. */
  private brokerNames(): BrokerNames {
    const rows = this.sql('SELECT id, name, url FROM brokers').all() as Record<string, string | null>[];
    return new Map(rows.map((r) => [r.id!, brokerLabel(r.name ?? null, r.url!)]));
  }

  /**
   * Records a confirmed sighting in one transaction and says what changed; `released` are the devices that lost
   * the sighted address to it.
   */
  recordSighting(s: DeviceSighting): {
    device: DeviceSummary;
    change: SightingChange;
    released: DeviceSummary[];
  } {
    let released: DeviceId[] = [];
    const change = this.db.transaction((): SightingChange => {
      const endpoint = s.endpoint;
      const key = endpoint ? endpointKey(endpoint) : null;
      const merge = mergeSighting(
        s,
        {
          device: this.rows.device(s.id),
          endpoint: endpoint ? this.rows.endpoint(s.id, s.source, endpoint.transport) : undefined,
        },
        key,
      );
      this.rows.upsertDevice(s, merge);
      if (endpoint && key) {
        this.rows.upsertEndpoint(s.id, { source: s.source, endpoint, key }, merge.presence, s.at);
        released = this.releaseAddress(s, { transport: endpoint.transport, key }, merge.presence.online);
      }
      this.refreshPresence(s.id);
      if (merge.note) {
        const detail = merge.note.event === 'address-changed' ? merge.note.detail : this.seenDetail(endpoint);
        this.rows.addHistory(s.id, { at: s.at, source: s.source, event: merge.note.event, detail });
      }
      return merge.change;
    })();
    return { device: this.get(s.id)!, change, released: released.map((id) => this.get(id)!) };
  }

  /**
   * What a device reported right after a verified step (./device-read-back.ts); returns the device when a
   * stored value changed (for the `devices.updated` event), else null (also for an unknown device).
   */
  recordReadBack(id: DeviceId, readBack: ReadBack, at: number): DeviceSummary | null {
    return writeReadBack(this.sql, id, readBack, at) ? this.get(id) : null;
  }

  /** An endpoint went away (goodbye, LWT Offline, unplugged…); returns the device if its state changed. */
  markEndpointOffline(
    source: DiscoverySourceKind,
    transport: Transport,
    key: string,
    reason: OfflineReason,
    at: number,
  ): DeviceSummary | null {
    return this.db.transaction(() => {
      const holders = this.rows.onlineAt(source, transport, key);
      if (holders.length === 0) return null;
      this.rows.setKeyOffline(source, transport, key, reason);
      const id = holders[0]!;
      this.rows.addHistory(id, { at, source, event: 'lost', detail: lostNote(key, reason) });
      const before = this.rows.device(id)!.online;
      return before !== this.refreshPresence(id, reason).online ? this.get(id) : null;
    })();
  }

  /** At start-up nothing has been seen yet: every stored endpoint is offline until a source sees it again. */
  markAllNotSeen(): void {
    this.db.transaction(() => this.rows.setAllOffline(NOT_SEEN))();
  }

  findByEndpoint(source: DiscoverySourceKind, transport: Transport, key: string): DeviceId | null {
    const row = this.sql(
      'SELECT device_id FROM endpoints WHERE source = ? AND transport = ? AND endpoint_key = ? ORDER BY online DESC, last_seen_at DESC LIMIT 1',
    ).get(source, transport, key) as { device_id: string } | undefined;
    return row ? (row.device_id as DeviceId) : null;
  }

  /** The endpoint of this transport seen most recently (online ones first), for drivers. */
  endpointOf(id: DeviceId, transport: Transport): Endpoint | null {
    const row = this.sql(
      'SELECT endpoint_json FROM endpoints WHERE device_id = ? AND transport = ? ORDER BY online DESC, last_seen_at DESC LIMIT 1',
    ).get(id, transport) as { endpoint_json: string } | undefined;
    return row ? EndpointSchema.parse(JSON.parse(row.endpoint_json)) : null;
  }

  endpoints(id: DeviceId): DeviceEndpointState[] {
    const rows = this.sql(
      'SELECT * FROM endpoints WHERE device_id = ? ORDER BY online DESC, last_seen_at DESC',
    ).all(id) as EndpointRow[];
    const brokers = this.brokerNames();
    return rows.map((row) => toEndpointState(row, brokers));
  }

  /** Endpoints of one source and transport, online or not (liveness checks). */
  endpointsBySource(
    source: DiscoverySourceKind,
    transport: Transport,
  ): { id: DeviceId; endpoint: Endpoint; family: DeviceFamily; online: boolean }[] {
    const rows = this.sql(
      `SELECT e.device_id AS id, e.endpoint_json AS json, e.online, d.family FROM endpoints e
       JOIN devices d ON d.id = e.device_id WHERE e.source = ? AND e.transport = ?`,
    ).all(source, transport) as { id: string; json: string; online: number; family: string }[];
    return rows.map((r) => ({
      id: r.id as DeviceId,
      endpoint: EndpointSchema.parse(JSON.parse(r.json)),
      family: r.family as DeviceFamily,
      online: r.online === 1,
    }));
  }

  /** Runs `work` in one transaction (nested calls become savepoints), e.g. to import many rows all or nothing. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  onlineCountBySource(): Partial<Record<DiscoverySourceKind, number>> {
    const rows = this.sql(
      'SELECT source, count(DISTINCT device_id) AS n FROM endpoints WHERE online = 1 GROUP BY source',
    ).all() as { source: DiscoverySourceKind; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.source, r.n]));
  }

  exists(id: DeviceId): boolean {
    return this.sql('SELECT 1 FROM devices WHERE id = ?').get(id) !== undefined;
  }

  /**
   * What a job needs to start devices: identity, online state and endpoints (best first), for many devices in
   * two reads (./device-scans.ts); devices not in the inventory are absent from the map.
   */
  jobTargets(ids: readonly DeviceId[]): Map<DeviceId, JobTarget> {
    return scanJobTargets(this.sql, ids);
  }

  jobTarget(id: DeviceId): JobTarget | null {
    return this.jobTargets([id]).get(id) ?? null;
  }

  /** The device's name as screens show it, for a job's new members. */
  label(id: DeviceId): string | null {
    const device = this.get(id);
    return device ? deviceLabel(device) : null;
  }

  get(id: DeviceId): DeviceSummary | null {
    const row = this.sql(`${SELECT_SUMMARY} WHERE d.id = ?`).get(id) as DeviceRow | undefined;
    return row ? toSummary(row, this.capabilitiesOf, this.brokerNames()) : null;
  }

  /** Every device, by name (./device-scans.ts). */
  list(): DeviceSummary[] {
    return scanDevices(this.sql, this.capabilitiesOf, this.brokerNames());
  }

  /** The device's last identify reply, as stored (the dry run reads it for every device: one small read). */
  identifyPayload(id: DeviceId): unknown {
    const row = this.sql('SELECT identify_json FROM devices WHERE id = ?').get(id) as
      { identify_json: string } | undefined;
    return row ? (JSON.parse(row.identify_json) as unknown) : null;
  }

  detail(id: DeviceId): DeviceDetail | null {
    const device = this.get(id);
    if (!device) return null;
    const extra = this.sql('SELECT identify_json, notes FROM devices WHERE id = ?').get(id) as {
      identify_json: string;
      notes: string;
    };
    const sightings = this.sql(
      'SELECT at, source, event, detail FROM device_sightings WHERE device_id = ? ORDER BY seq DESC LIMIT 100',
    ).all(id) as DeviceSightingRecord[];
    return {
      device,
      endpoints: this.endpoints(id),
      raw: JSON.parse(extra.identify_json) as unknown,
      notes: extra.notes,
      sightings,
    };
  }

  /** Applies a technician's edit; returns null for an unknown device. */
  update(edit: DeviceEdit): DeviceSummary | null {
    return this.db.transaction(() => {
      if (!this.sql('SELECT 1 FROM devices WHERE id = ?').get(edit.id)) return null;
      if (edit.customName !== undefined)
        this.sql('UPDATE devices SET custom_name = ? WHERE id = ?').run(edit.customName, edit.id);
      if (edit.notes !== undefined)
        this.sql('UPDATE devices SET notes = ? WHERE id = ?').run(edit.notes, edit.id);
      if (edit.neverTouch !== undefined)
        this.sql('UPDATE devices SET never_touch = ? WHERE id = ?').run(edit.neverTouch ? 1 : 0, edit.id);
      if (edit.tags !== undefined) {
        this.sql('DELETE FROM device_tags WHERE device_id = ?').run(edit.id);
        const insert = this.sql('INSERT OR IGNORE INTO device_tags (device_id, tag) VALUES (?, ?)');
        for (const tag of edit.tags) insert.run(edit.id, tag);
      }
      return this.get(edit.id);
    })();
  }

  /** Deletes devices with their endpoints, tags, history and static-group memberships. */
  forget(ids: readonly DeviceId[]): DeviceId[] {
    return this.db.transaction(() => {
      const remove = this.sql('DELETE FROM devices WHERE id = ?');
      return ids.filter((id) => remove.run(id).changes > 0);
    })();
  }

  /** Applies ../../inventory/address-release.ts: whoever else held the sighted endpoint loses it. */
  private releaseAddress(
    s: DeviceSighting,
    at: { transport: Transport; key: string },
    online: boolean,
  ): DeviceId[] {
    const holders = this.rows.onlineAt(s.source, at.transport, at.key);
    const release = addressRelease({ id: s.id, online, key: at.key }, holders);
    if (!release) return [];
    for (const id of release.released) {
      this.rows.setEndpointOffline(id, s.source, at.transport, release.reason);
      this.rows.addHistory(id, { at: s.at, source: s.source, event: 'lost', detail: release.note });
      this.refreshPresence(id, release.reason);
    }
    return release.released;
  }

  /** A sighting's history line: the address as the user reads it, or `imported` for a list row. */
  private seenDetail(endpoint: Endpoint | null): string {
    return endpoint ? endpointLabel(endpoint, this.brokerNames()) : 'imported';
  }

  /** Sets the device's online state from its endpoints (../../inventory/device-presence.ts) and returns it. */
  private refreshPresence(id: DeviceId, lostReason: OfflineReason | null = null): Presence {
    const presence = devicePresence(this.rows.endpointPresence(id), lostReason);
    this.rows.setPresence(id, presence);
    return presence;
  }
}
