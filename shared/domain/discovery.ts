import { z } from 'zod';
import { DiscoverySourceKindSchema } from './device';

export const SourceStateSchema = z.enum(['starting', 'running', 'stopped', 'error']);
export type SourceState = z.infer<typeof SourceStateSchema>;

export const DiscoverySourceStatusSchema = z.object({
  kind: DiscoverySourceKindSchema,
  state: SourceStateSchema,
  /** Devices currently visible through this source. */
  deviceCount: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});
export type DiscoverySourceStatus = z.infer<typeof DiscoverySourceStatusSchema>;

export const DiscoveryStatusSchema = z.object({ sources: z.array(DiscoverySourceStatusSchema) });
export type DiscoveryStatus = z.infer<typeof DiscoveryStatusSchema>;
