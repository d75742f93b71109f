import { z } from 'zod';
import { DeviceIdSchema } from './device';

export const ArtifactIdSchema = z.string().regex(/^art_[0-9a-z]{8,40}$/);

/** A collected snapshot (status, config, logs) kept with the device's history. Secrets are removed before storage. */
export const ArtifactMetaSchema = z.object({
  id: z.string(),
  deviceId: DeviceIdSchema,
  jobId: z.string().nullable(),
  /** e.g. `shelly-snapshot`, `tasmota-status0`. */
  kind: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  createdAt: z.number(),
});
export type ArtifactMeta = z.infer<typeof ArtifactMetaSchema>;
