import { z } from 'zod';
import { DeviceFamilySchema, DiscoverySourceKindSchema, TagSchema, type DeviceSummary } from './device';
import { compileVersionRange, isValidVersionRange } from './firmware-version';

/**
 * The one filter model: the inventory view filters with it and smart groups are saved as it. Every present
 * criterion must hold (AND); within a list any value may match (OR), except tags, which must all be present.
 */
export const DeviceFilterSchema = z
  .object({
    /** Case-insensitive text found in the name, model, product, firmware, MAC, address, id or a tag. */
    text: z.string().max(200).optional(),
    families: z.array(DeviceFamilySchema).max(10).optional(),
    models: z.array(z.string().min(1).max(80)).max(100).optional(),
    /** A semver range over the normalised firmware version, e.g. `<14.0.0` or `>=1.4 <1.5`. */
    firmware: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine(isValidVersionRange, 'not a version range (try "<14.0.0" or ">=1.4 <1.5")')
      .optional(),
    tags: z.array(TagSchema).max(20).optional(),
    sources: z.array(DiscoverySourceKindSchema).max(4).optional(),
    online: z.boolean().optional(),
  })
  .strict();
export type DeviceFilter = z.infer<typeof DeviceFilterSchema>;

export type DevicePredicate = (device: DeviceSummary) => boolean;

/** Compiles a filter once; the predicate is then cheap enough to run over 10,000 devices per keystroke. */
export function compileFilter(filter: DeviceFilter): DevicePredicate {
  const checks: DevicePredicate[] = [];
  const text = filter.text?.trim().toLowerCase();
  if (text) {
    checks.push((d) =>
      [d.name, d.model, d.product, d.firmware, d.mac, d.address, d.id, ...d.tags].some((field) =>
        field?.toLowerCase().includes(text),
      ),
    );
  }
  if (filter.families?.length) {
    const families = new Set(filter.families);
    checks.push((d) => families.has(d.family));
  }
  if (filter.models?.length) {
    const models = new Set(filter.models.map((m) => m.toLowerCase()));
    checks.push(
      (d) => models.has(d.model.toLowerCase()) || (d.product !== null && models.has(d.product.toLowerCase())),
    );
  }
  if (filter.firmware) {
    const inRange = compileVersionRange(filter.firmware);
    checks.push((d) => inRange(d.firmwareSemver));
  }
  if (filter.tags?.length) {
    const wanted = filter.tags.map((t) => t.toLowerCase());
    checks.push((d) => wanted.every((t) => d.tags.some((have) => have.toLowerCase() === t)));
  }
  if (filter.sources?.length) {
    const sources = new Set(filter.sources);
    checks.push((d) => d.sources.some((s) => sources.has(s)));
  }
  if (filter.online !== undefined) {
    const online = filter.online;
    checks.push((d) => d.online === online);
  }
  return (device) => checks.every((check) => check(device));
}

export function isEmptyFilter(filter: DeviceFilter): boolean {
  return Object.values(filter).every(
    (v) => v === undefined || (Array.isArray(v) && v.length === 0) || v === '',
  );
}
