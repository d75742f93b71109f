import {
  EndpointSchema,
  endpointLabel,
  type BrokerNames,
  type DeviceEndpointState,
  type DeviceFamily,
  type DeviceId,
  type DiscoverySourceKind,
  type DeviceSummary,
  type Endpoint,
  type OfflineReason,
} from '../../../../shared/domain/device';
import { toSemver } from '../../../../shared/domain/firmware-version';

/** A `devices` row with the address, sources and tags the summary query adds. */
export interface DeviceRow {
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
  /** The endpoint JSON of the address shown. */
  address: string | null;
  /** Comma-separated source kinds. */
  sources: string | null;
  /** Tags joined with TAG_SEPARATOR. */
  tags: string | null;
}

export interface EndpointRow {
  source: string;
  transport: string;
  endpoint_key: string;
  endpoint_json: string;
  online: number;
  offline_reason: string | null;
  first_seen_at: number;
  last_seen_at: number;
}

/** No tag may contain it (the unit separator), so joined tags split back exactly. */
export const TAG_SEPARATOR = '\u001f';

export const DEVICE_COLUMNS =
  'd.id, d.family, d.name, d.custom_name, d.model, d.product, d.generation, d.firmware, d.mac, d.chip, d.online, ' +
  'd.offline_reason, d.first_seen_at, d.last_seen_at, d.never_touch';

// The address shown is the most recently seen endpoint's (online ones first).
export const SELECT_SUMMARY = `
  SELECT ${DEVICE_COLUMNS},
    (SELECT e.endpoint_json FROM endpoints e WHERE e.device_id = d.id ORDER BY e.online DESC, e.last_seen_at DESC LIMIT 1) AS address,
    (SELECT group_concat(DISTINCT e.source) FROM endpoints e WHERE e.device_id = d.id) AS sources,
    (SELECT group_concat(t.tag, char(31)) FROM device_tags t WHERE t.device_id = d.id) AS tags
  FROM devices d`;

/** The label of an endpoint the repository wrote itself; the list is hot, so no schema pass here. */
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

function splitTags(tags: string | null): string[] {
  if (!tags) return [];
  return tags.includes(TAG_SEPARATOR) ? tags.split(TAG_SEPARATOR).sort() : [tags];
}

export function toSummary(
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
    tags: splitTags(row.tags),
    neverTouch: row.never_touch === 1,
    capabilities: [...capabilitiesOf(row.family as DeviceFamily)],
  };
}

export function toEndpointState(row: EndpointRow, brokers: BrokerNames): DeviceEndpointState {
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
