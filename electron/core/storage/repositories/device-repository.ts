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
import { toSemver } from '../../../../shared/domain/firmware-version';
import { endpointKey } from '../../discovery/endpoint-key';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';
import type { JobTarget } from '../../jobs/device-lookup';
import { writeReadBack, type ReadBack } from './device-read-back';

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

const SIGHTINGS_KEPT = 200;

/** Model names that say less than any real one (a Tasmota template seen on the console, a CSV import). */
const PLACEHOLDER_MODELS = new Set(['template', 'unknown']);

/**
 * Sources describe one device with more or less detail: Tasmota's MQTT discovery says `14.2.0` where its
 * console says `14.2.0(release-tasmota)`, and the console only knows "Template" where discovery names it.
 * The more detailed value of the same version / a real model name is kept, so records do not flip-flop.
 */
function keepRicher(
  existing: { firmware: string; model: string },
  next: { firmware: string; model: string },
): { firmware: string; model: string } {
  const sameVersion =
    toSemver(existing.firmware) !== null && toSemver(existing.firmware) === toSemver(next.firmware);
  return {
    firmware:
      sameVersion && existing.firmware.length > next.firmware.length ? existing.firmware : next.firmware,
    model:
      PLACEHOLDER_MODELS.has(next.model.toLowerCase()) &&
      !PLACEHOLDER_MODELS.has(existing.model.toLowerCase())
        ? existing.model
        : next.model,
  };
}

interface DeviceRow {
  id: string;
  family: string;
  name: string | null;
  custom_name: string | null;
  model: string;
  product: string | null;
  generation: number | null;
  firmware: string;
  mac: string | null;
  chip: string | null;
  online: number;
  offline_reason: string | null;
  first_seen_at: number;
  last_seen_at: number;
  never_touch: number;
  address: string | null;
  sources: string | null;
  tags: string | null;
}

interface EndpointRow {
  source: string;
  transport: string;
  endpoint_key: string;
  endpoint_json: string;
  online: number;
  offline_reason: string | null;
  first_seen_at: number;
  last_seen_at: number;
}

const DEVICE_COLUMNS =
  'd.id, d.family, d.name, d.custom_name, d.model, d.product, d.generation, d.firmware, d.mac, d.chip, d.online, ' +
  'd.offline_reason, d.first_seen_at, d.last_seen_at, d.never_touch';

// The address shown is the most recently seen endpoint's; tags are joined with a separator no tag may contain.
const SELECT_SUMMARY = `
  SELECT ${DEVICE_COLUMNS},
    (SELECT e.endpoint_json FROM endpoints e WHERE e.device_id = d.id ORDER BY e.online DESC, e.last_seen_at DESC LIMIT 1) AS address,
    (SELECT group_concat(DISTINCT e.source) FROM endpoints e WHERE e.device_id = d.id) AS sources,
    (SELECT group_concat(t.tag, char(31)) FROM device_tags t WHERE t.device_id = d.id) AS tags
  FROM devices d`;

/** The label of an endpoint this repository wrote itself; the list is hot, so no schema pass here. */
function labelOfStored(json: string, brokers: BrokerNames): string | null {
  try {
    return endpointLabel(JSON.parse(json) as Endpoint, brokers);
  } catch {
    return null;
  }
}

function sortedUnique(values: string[]): string[] {
  return values.length === 1 ? values : [...new Set(values)].sort();
}

function toSummary(
  row: DeviceRow,
  capabilitiesOf: (family: DeviceFamily) => readonly string[],
  brokers: BrokerNames,
): DeviceSummary {
  return {
    id: row.id as DeviceId,
    family: row.family as DeviceFamily,
    name: row.custom_name ?? row.name,
    customName: row.custom_name,
    model: row.model,
    product: row.product,
    generation: row.generation,
    firmware: row.firmware,
    firmwareSemver: toSemver(row.firmware),
    mac: row.mac,
    chip: row.chip,
    address: row.address ? labelOfStored(row.address, brokers) : null,
    online: row.online === 1,
    offlineReason: row.offline_reason as OfflineReason | null,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    sources: row.sources ? (sortedUnique(row.sources.split(',')) as DiscoverySourceKind[]) : [],
    tags: row.tags ? (row.tags.includes('\u001f') ? row.tags.split('\u001f').sort() : [row.tags]) : [],
    neverTouch: row.never_touch === 1,
    capabilities: [...capabilitiesOf(row.family as DeviceFamily)],
  };
}

function toEndpointState(row: EndpointRow, brokers: BrokerNames): DeviceEndpointState {
  const endpoint = EndpointSchema.parse(JSON.parse(row.endpoint_json));
  return {
    source: row.source as DiscoverySourceKind,
    endpoint,
    label: endpointLabel(endpoint, brokers),
    online: row.online === 1,
    offlineReason: row.offline_reason as OfflineReason | null,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

/**
 * All SQL about devices. A device is one row keyed by its identity, with one endpoint row per
 * (source, transport); the device is online while any endpoint is, and offline with the reason of the last
 * endpoint that went away.
 */
export class DeviceRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  /** `capabilitiesOf` tells which actions each family's driver runs, so summaries carry them for the UI. */
  constructor(
    private readonly db: Db,
    private readonly capabilitiesOf: (family: DeviceFamily) => readonly string[] = () => [],
  ) {
    this.sql = statementCache(db);
  }

  /** Brokers by name and host, so an MQTT address reads `topic @ Site (192.0.2.5:1883)`, never the broker's id. */
  private brokerNames(): BrokerNames {
    const rows = this.sql('SELECT id, name, url FROM brokers').all() as Record<string, string | null>[];
    return new Map(rows.map((r) => [r.id!, brokerLabel(r.name ?? null, r.url!)]));
  }

  /** Records a confirmed sighting in one transaction and says what changed. */
  recordSighting(s: DeviceSighting): {
    device: DeviceSummary;
    change: SightingChange;
    released: DeviceSummary[];
  } {
    let released: DeviceId[] = [];
    const change = this.db.transaction((): SightingChange => {
      const online = (s.online ?? true) && s.endpoint !== null;
      const existing = this.sql('SELECT firmware, model, name, chip, online FROM devices WHERE id = ?').get(
        s.id,
      ) as
        | { firmware: string; model: string; name: string | null; chip: string | null; online: number }
        | undefined;
      const kept = existing ? keepRicher(existing, s) : s;
      this.sql(
        // A sighting that cannot tell the chip (Tasmota MQTT discovery, a CSV row) keeps the one stored.
        `INSERT INTO devices (id, family, name, model, product, generation, firmware, mac, chip, online,
                                offline_reason, identify_json, first_seen_at, last_seen_at)
           VALUES (@id, @family, @name, @model, @product, @generation, @firmware, @mac, @chip, @online, @reason,
                   @raw, @at, @at)
           ON CONFLICT (id) DO UPDATE SET family = @family, name = @name, model = @model, product = @product,
             generation = @generation, firmware = @firmware, mac = @mac, chip = coalesce(@chip, chip),
             identify_json = @raw, last_seen_at = max(last_seen_at, @at)`,
      ).run({
        ...s,
        firmware: kept.firmware,
        model: kept.model,
        chip: s.chip ?? null,
        raw: JSON.stringify(s.raw ?? null),
        online: online ? 1 : 0,
        reason: online ? null : 'not-seen',
      });
      const endpoint = s.endpoint;
      const key = endpoint ? endpointKey(endpoint) : null;
      const previous = endpoint ? this.upsertEndpoint(s.id, s.source, endpoint, online, s.at) : undefined;
      if (online && endpoint && key)
        released = this.releaseAddress(s.id, s.source, endpoint.transport, key, s.at);
      this.refreshOnline(s.id);
      let change: SightingChange = 'unchanged';
      if (!existing) change = 'new';
      else if (previous && previous.endpoint_key !== key) change = 'address-changed';
      else if (online && (!previous || previous.online === 0 || existing.online === 0))
        change = 'came-online';
      else if (
        existing.firmware !== kept.firmware ||
        existing.model !== kept.model ||
        existing.name !== s.name ||
        (s.chip != null && existing.chip !== s.chip)
      ) {
        change = 'updated';
      }
      if (change === 'address-changed') {
        this.addSighting(s.id, s.at, s.source, 'address-changed', `${previous!.endpoint_key} → ${key}`);
      } else if (change === 'new' || change === 'came-online') {
        this.addSighting(
          s.id,
          s.at,
          s.source,
          'seen',
          endpoint ? endpointLabel(endpoint, this.brokerNames()) : 'imported',
        );
      }
      return change;
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

  /** Inserts or updates the (source, transport) endpoint; returns the previous row, if any. */
  private upsertEndpoint(
    id: DeviceId,
    source: DiscoverySourceKind,
    endpoint: Endpoint,
    online: boolean,
    at: number,
  ): { endpoint_key: string; online: number } | undefined {
    const previous = this.sql(
      'SELECT endpoint_key, online FROM endpoints WHERE device_id = ? AND source = ? AND transport = ?',
    ).get(id, source, endpoint.transport) as { endpoint_key: string; online: number } | undefined;
    this.sql(
      `INSERT INTO endpoints (device_id, source, transport, endpoint_key, endpoint_json, online, offline_reason,
                              first_seen_at, last_seen_at)
       VALUES (@id, @source, @transport, @key, @json, @online, @reason, @at, @at)
       ON CONFLICT (device_id, source, transport) DO UPDATE SET endpoint_key = @key, endpoint_json = @json,
         online = @online, offline_reason = @reason, last_seen_at = @at`,
    ).run({
      id,
      source,
      transport: endpoint.transport,
      key: endpointKey(endpoint),
      json: JSON.stringify(endpoint),
      online: online ? 1 : 0,
      reason: online ? null : 'not-seen',
      at,
    });
    return previous;
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
      const rows = this.sql(
        `SELECT device_id FROM endpoints WHERE source = ? AND transport = ? AND endpoint_key = ? AND online = 1`,
      ).all(source, transport, key) as { device_id: string }[];
      if (rows.length === 0) return null;
      this.sql(
        `UPDATE endpoints SET online = 0, offline_reason = ? WHERE source = ? AND transport = ? AND endpoint_key = ?`,
      ).run(reason, source, transport, key);
      const id = rows[0]!.device_id as DeviceId;
      this.addSighting(id, at, source, 'lost', `${key} (${reason})`);
      const before = this.onlineOf(id);
      this.refreshOnline(id, reason);
      return before !== this.onlineOf(id) ? this.get(id) : null;
    })();
  }

  /** At start-up nothing has been seen yet: every stored endpoint is offline until a source sees it again. */
  markAllNotSeen(): void {
    this.db.transaction(() => {
      this.sql("UPDATE endpoints SET online = 0, offline_reason = 'not-seen' WHERE online = 1").run();
      this.sql("UPDATE devices SET online = 0, offline_reason = 'not-seen' WHERE online = 1").run();
    })();
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
   * two reads; the full summary costs several subqueries per device and a job starts thousands of them.
   */
  jobTargets(ids: readonly DeviceId[]): Map<DeviceId, JobTarget> {
    const list = JSON.stringify(ids);
    const rows = this.sql(
      'SELECT id, family, mac, model, online, offline_reason FROM devices WHERE id IN (SELECT value FROM json_each(?))',
    ).all(list) as {
      id: DeviceId;
      family: string;
      mac: string | null;
      model: string;
      online: number;
      offline_reason: string | null;
    }[];
    const targets = new Map<DeviceId, JobTarget>();
    for (const row of rows) {
      const { family, mac, model } = row;
      targets.set(row.id, {
        family: family as DeviceFamily,
        mac,
        model,
        online: row.online === 1,
        offlineReason: row.offline_reason as OfflineReason | null,
        endpoints: [],
      });
    }
    const endpoints = this.sql(
      `SELECT device_id, endpoint_json FROM endpoints WHERE device_id IN (SELECT value FROM json_each(?))
       ORDER BY device_id, online DESC, last_seen_at DESC`,
    ).all(list) as { device_id: DeviceId; endpoint_json: string }[];
    // Written by this repository from validated endpoints: parsed, not re-validated, on this hot path.
    for (const e of endpoints)
      targets.get(e.device_id)?.endpoints.push(JSON.parse(e.endpoint_json) as Endpoint);
    return targets;
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

  /**
   * Every device. Three flat scans joined in memory: per-row subqueries (or joins on aggregates) cost SQLite
   * three times as much at 10,000 devices, and this list is what the UI loads first.
   */
  list(): DeviceSummary[] {
    const endpoints = this.sql(
      'SELECT device_id, source, endpoint_json FROM endpoints ORDER BY device_id, online DESC, last_seen_at DESC',
    ).all() as { device_id: string; source: string; endpoint_json: string }[];
    const address = new Map<string, string>();
    const sources = new Map<string, Set<string>>();
    for (const e of endpoints) {
      if (!address.has(e.device_id)) address.set(e.device_id, e.endpoint_json);
      let set = sources.get(e.device_id);
      if (!set) sources.set(e.device_id, (set = new Set()));
      set.add(e.source);
    }
    const tags = new Map<string, string[]>();
    for (const t of this.sql('SELECT device_id, tag FROM device_tags').all() as {
      device_id: string;
      tag: string;
    }[]) {
      const list = tags.get(t.device_id);
      if (list) list.push(t.tag);
      else tags.set(t.device_id, [t.tag]);
    }
    const rows = this.sql(
      `SELECT ${DEVICE_COLUMNS} FROM devices d ORDER BY coalesce(d.custom_name, d.name, d.id)`,
    ).all() as DeviceRow[];
    const brokers = this.brokerNames();
    return rows.map((row) => {
      row.address = address.get(row.id) ?? null;
      row.sources = sources.has(row.id) ? [...sources.get(row.id)!].join(',') : null;
      row.tags = tags.get(row.id)?.join('\u001f') ?? null;
      return toSummary(row, this.capabilitiesOf, brokers);
    });
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

  private onlineOf(id: DeviceId): number {
    return (this.sql('SELECT online FROM devices WHERE id = ?').get(id) as { online: number }).online;
  }

  /**
   * Device state follows its endpoints: online if any is; otherwise the reason of the endpoint just lost, or of
   * the one seen last.
   */
  private refreshOnline(id: DeviceId, lostReason: OfflineReason | null = null): void {
    this.sql(
      `UPDATE devices SET
         online = EXISTS (SELECT 1 FROM endpoints WHERE device_id = @id AND online = 1),
         offline_reason = CASE WHEN EXISTS (SELECT 1 FROM endpoints WHERE device_id = @id AND online = 1) THEN NULL
           ELSE coalesce(@lostReason,
                         (SELECT offline_reason FROM endpoints WHERE device_id = @id ORDER BY last_seen_at DESC LIMIT 1),
                         'not-seen') END
       WHERE id = @id`,
    ).run({ id, lostReason });
  }

  /** Another device now answers at this address (DHCP gave it away): the old holder's endpoint is stale. */
  private releaseAddress(
    holder: DeviceId,
    source: DiscoverySourceKind,
    transport: Transport,
    key: string,
    at: number,
  ): DeviceId[] {
    const stale = this.sql(
      'SELECT device_id FROM endpoints WHERE source = ? AND transport = ? AND endpoint_key = ? AND device_id <> ? AND online = 1',
    ).all(source, transport, key, holder) as { device_id: DeviceId }[];
    for (const { device_id } of stale) {
      this.sql(
        "UPDATE endpoints SET online = 0, offline_reason = 'unreachable' WHERE device_id = ? AND source = ? AND transport = ?",
      ).run(device_id, source, transport);
      this.addSighting(device_id, at, source, 'lost', `${key} now answers as another device`);
      this.refreshOnline(device_id, 'unreachable');
    }
    return stale.map((r) => r.device_id);
  }

  private addSighting(
    id: DeviceId,
    at: number,
    source: DiscoverySourceKind,
    event: string,
    detail: string,
  ): void {
    this.sql(
      'INSERT INTO device_sightings (device_id, at, source, event, detail) VALUES (?, ?, ?, ?, ?)',
    ).run(id, at, source, event, detail);
    this.sql(
      `DELETE FROM device_sightings WHERE device_id = ? AND seq <= (
           SELECT seq FROM device_sightings WHERE device_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
    ).run(id, id, SIGHTINGS_KEPT);
  }
}
