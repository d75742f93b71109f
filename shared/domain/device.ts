import { z } from 'zod';

/** Stable identity of a physical device: `mac:<12 lower-case hex>` (never an IP address). */
export const DeviceIdSchema = z
  .string()
  .regex(/^[a-z]+:[0-9a-z_-]{1,64}$/, 'expected a device id like "mac:a8032ab12345"')
  .brand<'DeviceId'>();
export type DeviceId = z.infer<typeof DeviceIdSchema>;

/** Device families with a driver. Shelly covers the Gen2+ JSON-RPC generations (2, 3, 4). */
export const DeviceFamilySchema = z.enum(['shelly']);
export type DeviceFamily = z.infer<typeof DeviceFamilySchema>;

export const DiscoverySourceKindSchema = z.enum(['mdns']);
export type DiscoverySourceKind = z.infer<typeof DiscoverySourceKindSchema>;

/** Why a device is shown offline: a goodbye packet, no answer to a probe, or not seen since start-up. */
export const OfflineReasonSchema = z.enum(['goodbye', 'unreachable', 'not-seen']);
export type OfflineReason = z.infer<typeof OfflineReasonSchema>;

export const DeviceSummarySchema = z.object({
  id: DeviceIdSchema,
  family: DeviceFamilySchema,
  name: z.string().nullable(),
  /** Manufacturer SKU, e.g. `SNSW-001P16EU`. */
  model: z.string(),
  /** Product line as the device names it, e.g. `Plus1PM`. */
  product: z.string().nullable(),
  generation: z.number().int().nullable(),
  firmware: z.string(),
  mac: z.string().nullable(),
  /** `host:port` of the endpoint last seen. */
  address: z.string().nullable(),
  online: z.boolean(),
  offlineReason: OfflineReasonSchema.nullable(),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
  sources: z.array(DiscoverySourceKindSchema),
});
export type DeviceSummary = z.infer<typeof DeviceSummarySchema>;

/** What to call a device in lists: its name, else its product line and the end of its MAC. */
export function deviceLabel(
  device: Pick<DeviceSummary, 'name' | 'product' | 'model' | 'mac' | 'id'>,
): string {
  if (device.name) return device.name;
  const suffix = device.mac ? device.mac.slice(-6) : device.id;
  return `${device.product ?? device.model} ${suffix}`;
}
