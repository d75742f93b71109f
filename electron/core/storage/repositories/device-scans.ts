import type {
  BrokerNames,
  DeviceFamily,
  DeviceId,
  DeviceSummary,
  Endpoint,
  OfflineReason,
} from '../../../../shared/domain/device';
import type { JobTarget } from '../../jobs/device-lookup';
import type { statementCache } from '../statement-cache';
import { DEVICE_COLUMNS, TAG_SEPARATOR, toSummary, type DeviceRow } from './device-rows';

type Sql = ReturnType<typeof statementCache>;

/**
 * Every device, by name. Three flat scans joined in memory: per-row subqueries (or joins on aggregates) cost
 * SQLite three times as much at 10,000 devices, and this list is what the UI loads first.
 */
export function scanDevices(
  sql: Sql,
  capabilitiesOf: (family: DeviceFamily) => readonly string[],
  brokers: BrokerNames,
): DeviceSummary[] {
  const endpoints = sql(
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
  for (const t of sql('SELECT device_id, tag FROM device_tags').all() as {
    device_id: string;
    tag: string;
  }[]) {
    const list = tags.get(t.device_id);
    if (list) list.push(t.tag);
    else tags.set(t.device_id, [t.tag]);
  }
  const rows = sql(
    `SELECT ${DEVICE_COLUMNS} FROM devices d ORDER BY coalesce(d.custom_name, d.name, d.id)`,
  ).all() as DeviceRow[];
  return rows.map((row) => {
    row.address = address.get(row.id) ?? null;
    row.sources = sources.has(row.id) ? [...sources.get(row.id)!].join(',') : null;
    row.tags = tags.get(row.id)?.join(TAG_SEPARATOR) ?? null;
    return toSummary(row, capabilitiesOf, brokers);
  });
}

/**
 * What a job needs to start devices: identity, online state and endpoints (best first), for many devices in
 * two reads; the full summary costs several subqueries per device and a job starts thousands of them.
 */
export function scanJobTargets(sql: Sql, ids: readonly DeviceId[]): Map<DeviceId, JobTarget> {
  const list = JSON.stringify(ids);
  const rows = sql(
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
  const endpoints = sql(
    `SELECT device_id, endpoint_json FROM endpoints WHERE device_id IN (SELECT value FROM json_each(?))
     ORDER BY device_id, online DESC, last_seen_at DESC`,
  ).all(list) as { device_id: DeviceId; endpoint_json: string }[];
  // Written by the repository from validated endpoints: parsed, not re-validated, on this hot path.
  for (const e of endpoints)
    targets.get(e.device_id)?.endpoints.push(JSON.parse(e.endpoint_json) as Endpoint);
  return targets;
}
