import { z } from 'zod';
import { DeviceIdSchema } from './device';
import { DeviceFilterSchema } from './device-filter';

export const GroupIdSchema = z
  .string()
  .regex(/^grp_[0-9a-z]{8,40}$/, 'expected a group id like "grp_01h…"')
  .brand<'GroupId'>();
export type GroupId = z.infer<typeof GroupIdSchema>;

const GroupNameSchema = z.string().trim().min(1).max(80);

/** A static group lists its members; a smart group is a saved filter, re-evaluated as the inventory changes. */
export const GroupSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('static'),
    id: GroupIdSchema,
    name: z.string(),
    deviceIds: z.array(DeviceIdSchema),
    createdAt: z.number(),
    updatedAt: z.number(),
  }),
  z.object({
    kind: z.literal('smart'),
    id: GroupIdSchema,
    name: z.string(),
    filter: DeviceFilterSchema,
    createdAt: z.number(),
    updatedAt: z.number(),
  }),
]);
export type Group = z.infer<typeof GroupSchema>;

export const GroupCreateSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('static'),
      name: GroupNameSchema,
      deviceIds: z.array(DeviceIdSchema).max(20_000),
    })
    .strict(),
  z.object({ kind: z.literal('smart'), name: GroupNameSchema, filter: DeviceFilterSchema }).strict(),
]);
export type GroupCreate = z.infer<typeof GroupCreateSchema>;

/** Renames a group and/or replaces its members (static) or its filter (smart). */
export const GroupUpdateSchema = z
  .object({
    id: GroupIdSchema,
    name: GroupNameSchema.optional(),
    deviceIds: z.array(DeviceIdSchema).max(20_000).optional(),
    filter: DeviceFilterSchema.optional(),
  })
  .strict();
export type GroupUpdate = z.infer<typeof GroupUpdateSchema>;
