import { z } from 'zod';
import { DeviceIdSchema } from './device';

export const CredentialSetIdSchema = z
  .string()
  .regex(/^cred_[0-9a-z]{8,40}$/)
  .brand<'CredentialSetId'>();
export type CredentialSetId = z.infer<typeof CredentialSetIdSchema>;

/** A named login for devices. The password never leaves main: only whether one is stored. */
export const CredentialSetSchema = z.object({
  id: CredentialSetIdSchema,
  name: z.string(),
  username: z.string(),
  /** Used for every device that has no set of its own. At most one set is the site default. */
  siteDefault: z.boolean(),
  deviceCount: z.number().int().nonnegative(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type CredentialSet = z.infer<typeof CredentialSetSchema>;

export const CredentialSetSaveSchema = z
  .object({
    id: CredentialSetIdSchema.optional(),
    name: z.string().trim().min(1).max(80),
    /** Shelly's user is always `admin`; Tasmota's web user is `admin` too unless changed. */
    username: z.string().trim().min(1).max(64).default('admin'),
    /** Required for a new set; absent keeps the stored one. */
    password: z.string().min(1).max(256).optional(),
    siteDefault: z.boolean().default(false),
  })
  .strict();
export type CredentialSetSave = z.infer<typeof CredentialSetSaveSchema>;

export const CredentialAssignSchema = z
  .object({
    deviceIds: z.array(DeviceIdSchema).min(1).max(20_000),
    credentialSetId: CredentialSetIdSchema.nullable(),
  })
  .strict();
