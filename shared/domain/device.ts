import { z } from 'zod';
import { brokerHost } from './broker-url';

/**
 * Stable identity of a physical device, never an address: `mac:<12 lower-case hex>` for every family that
 * reports a MAC (all of ours do); `<family>:<vendor id>` otherwise.
 */
export const DeviceIdSchema = z
  .string()
  .regex(/^[a-z]+:[0-9a-z_-]{1,64}$/, 'expected a device id like "mac:a8032ab12345"')
  .brand<'DeviceId'>();
export type DeviceId = z.infer<typeof DeviceIdSchema>;

/** Device families. Shelly covers the Gen2+ JSON-RPC generations (2, 3, 4). */
export const DeviceFamilySchema = z.enum(['shelly', 'tasmota', 'esphome']);
export type DeviceFamily = z.infer<typeof DeviceFamilySchema>;

export const DiscoverySourceKindSchema = z.enum(['mdns', 'mqtt', 'serial', 'manual']);
export type DiscoverySourceKind = z.infer<typeof DiscoverySourceKindSchema>;

/**
 * Why a device (or one of its endpoints) is offline: an mDNS goodbye, an mDNS record whose TTL ran out,
 * an MQTT LWT "Offline", no answer to a check, a serial port unplugged, or not seen since start-up.
 */
export const OfflineReasonSchema = z.enum([
  'goodbye',
  'expired',
  'lwt-offline',
  'timeout',
  'unplugged',
  'unreachable',
  'not-seen',
]);
export type OfflineReason = z.infer<typeof OfflineReasonSchema>;

/** How to reach a device through one transport. */
export const EndpointSchema = z.discriminatedUnion('transport', [
  z.object({ transport: z.literal('http'), host: z.string(), port: z.number().int().min(1).max(65535) }),
  /** ESPHome's native API (TCP, default port 6053). */
  z.object({
    transport: z.literal('esphome-api'),
    host: z.string(),
    port: z.number().int().min(1).max(65535),
  }),
  z.object({ transport: z.literal('mqtt'), brokerId: z.string(), topic: z.string(), fullTopic: z.string() }),
  z.object({ transport: z.literal('serial'), path: z.string(), baudRate: z.number().int().positive() }),
]);
export type Endpoint = z.infer<typeof EndpointSchema>;
export type Transport = Endpoint['transport'];

/**
 * What to call a broker in addresses: its name and host (`Site broker (192.0.2.5:1883)`), or the host alone when
 * it has no name of its own; never its internal id nor the credentials a URL may carry.
 */
export function brokerLabel(name: string | null, url: string): string {
  const host = brokerHost(url);
  return name && name.trim() !== '' && name.trim() !== host ? `${name.trim()} (${host})` : host;
}

/** Broker id → what to call it (see `brokerLabel`). */
export type BrokerNames = ReadonlyMap<string, string>;

/** One line per endpoint: `host:port`, a serial path, or `topic @ broker host`. */
export function endpointLabel(endpoint: Endpoint, brokers: BrokerNames = new Map()): string {
  switch (endpoint.transport) {
    case 'http':
    case 'esphome-api':
      return `${endpoint.host}:${endpoint.port}`;
    case 'mqtt':
      return `${endpoint.topic} @ ${brokers.get(endpoint.brokerId) ?? 'a broker no longer in Settings'}`;
    case 'serial':
      return endpoint.path;
  }
}

export const DeviceSummarySchema = z.object({
  id: DeviceIdSchema,
  family: DeviceFamilySchema,
  /** What lists show: the technician's name if set, else the name the device reports. */
  name: z.string().nullable(),
  /** The name the technician gave it in Fieldbatch, if any. */
  customName: z.string().nullable(),
  /** Manufacturer SKU or module, e.g. `SNSW-001P16EU`, `Sonoff Basic`. */
  model: z.string(),
  /** Product line as the device names it, e.g. `Plus1PM` (a Shelly's `app`: what its firmware zips name). */
  product: z.string().nullable(),
  /**
   * The chip as the device reported it (`ESP8266`, `ESP32`, `ESP32-C3`; Tasmota `StatusFWR.Hardware`, ESPHome
   * TXT `platform`/`board`); Tasmota and ESPHome images match on it. Null until an identification told it.
   */
  chip: z.string().nullable(),
  generation: z.number().int().nullable(),
  /** Firmware version as the device reports it, e.g. `1.4.2`, `14.2.0(release-tasmota)`. */
  firmware: z.string(),
  /** The same version normalised to semver for comparisons, or null when it cannot be read. */
  firmwareSemver: z.string().nullable(),
  mac: z.string().nullable(),
  /** Label of the endpoint seen most recently. */
  address: z.string().nullable(),
  online: z.boolean(),
  offlineReason: OfflineReasonSchema.nullable(),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
  /** Sources that have seen the device (any time), sorted. */
  sources: z.array(DiscoverySourceKindSchema),
  tags: z.array(z.string()),
  /** Marked by the technician: jobs must skip it. */
  neverTouch: z.boolean(),
  /** The step actions this device's driver can run (empty when no driver can act on it). */
  capabilities: z.array(z.string()),
});
export type DeviceSummary = z.infer<typeof DeviceSummarySchema>;

export const DeviceEndpointStateSchema = z.object({
  source: DiscoverySourceKindSchema,
  endpoint: EndpointSchema,
  label: z.string(),
  online: z.boolean(),
  offlineReason: OfflineReasonSchema.nullable(),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
});
export type DeviceEndpointState = z.infer<typeof DeviceEndpointStateSchema>;

export const SightingEventSchema = z.enum(['seen', 'lost', 'address-changed']);
export const DeviceSightingRecordSchema = z.object({
  at: z.number(),
  source: DiscoverySourceKindSchema,
  event: SightingEventSchema,
  detail: z.string(),
});
export type DeviceSightingRecord = z.infer<typeof DeviceSightingRecordSchema>;

export const DeviceDetailSchema = z.object({
  device: DeviceSummarySchema,
  endpoints: z.array(DeviceEndpointStateSchema),
  /** The identify payload as the device last sent it. */
  raw: z.unknown(),
  notes: z.string(),
  /** Most recent first, capped. */
  sightings: z.array(DeviceSightingRecordSchema),
});
export type DeviceDetail = z.infer<typeof DeviceDetailSchema>;

/**
 * Something answered at an address a source reported (an mDNS announcement, a liveness check) but no driver
 * could tell who it is, e.g. it answers `GET /shelly` with HTTP 500. Listed so no device vanishes silently;
 * it leaves the list once it is identified or goes away.
 */
export const UnidentifiedDeviceSchema = z.object({
  source: DiscoverySourceKindSchema,
  /** `host:port` (or the endpoint's label) where it answered. */
  address: z.string(),
  /** The announced instance name, e.g. `shellyplus1pm-a8032ab12345`; null when nothing announced it. */
  announcedAs: z.string().nullable(),
  /** The inventory's device at that address, when the failing device was known before. */
  deviceId: DeviceIdSchema.nullable(),
  /** Why identification failed, in the words of the failing call, e.g. `GET /shelly: HTTP 500 …`. */
  reason: z.string(),
  firstFailedAt: z.number(),
  lastFailedAt: z.number(),
});
export type UnidentifiedDevice = z.infer<typeof UnidentifiedDeviceSchema>;

export const TagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N} _.:/-]+$/u, 'tags use letters, digits, space and _ . : / -');

/** What the technician may change on a device. Absent fields stay as they are. */
export const DeviceEditSchema = z
  .object({
    id: DeviceIdSchema,
    /** Null clears the custom name (the reported one shows again). */
    customName: z.string().trim().min(1).max(80).nullable().optional(),
    notes: z.string().max(10_000).optional(),
    tags: z.array(TagSchema).max(50).optional(),
    neverTouch: z.boolean().optional(),
  })
  .strict();
export type DeviceEdit = z.infer<typeof DeviceEditSchema>;

/** The last four hex digits of a MAC, upper-case as printed on labels: `a4cf12b3c4d5` → `C4D5`. */
export function macTail(mac: string): string {
  return mac
    .replace(/[^0-9a-f]/gi, '')
    .slice(-4)
    .toUpperCase();
}

/**
 * What to call a device in lists, logs and file names: its name (the technician's, else its own), else its
 * product line or model and the end of its MAC, e.g. `Sonoff Basic · C4D5`. A product line that is only the
 * family's name (every Tasmota reports `Tasmota`) says less than the model, so the model is used then.
 */
export function deviceLabel(
  device: Pick<DeviceSummary, 'name' | 'product' | 'model' | 'mac' | 'id' | 'family'>,
): string {
  if (device.name && device.name.trim() !== '') return device.name;
  const isFamilyOnly = !device.product || device.product.toLowerCase() === device.family;
  const kind = isFamilyOnly ? device.model : device.product!;
  return device.mac ? `${kind} · ${macTail(device.mac)}` : `${kind} · ${device.id}`;
}
