import { z } from 'zod';

export const BrokerIdSchema = z
  .string()
  .regex(/^brk_[0-9a-z]{8,40}$/)
  .brand<'BrokerId'>();
export type BrokerId = z.infer<typeof BrokerIdSchema>;

const BrokerUrlSchema = z
  .string()
  .trim()
  .max(300)
  .refine(
    (url) => /^(mqtts?|wss?):\/\/[^/\s]+/i.test(url),
    'expected mqtt://host:port, mqtts://, ws:// or wss://',
  );

/**
 * A broker as shown: the password itself never leaves main, only whether one is stored. The URL never holds
 * credentials (`user:password@` given in one is moved to `username` and the secret store).
 */
export const BrokerSettingsSchema = z.object({
  id: BrokerIdSchema,
  /** What the technician calls it; the URL's host when none was given. */
  name: z.string(),
  url: z.string(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  /** PEM of the CA that signed the broker's certificate (mqtts/wss), if not a public one. */
  caPem: z.string().nullable(),
  enabled: z.boolean(),
});
export type BrokerSettings = z.infer<typeof BrokerSettingsSchema>;

export const BrokerSaveSchema = z
  .object({
    /** Absent: a new broker. */
    id: BrokerIdSchema.optional(),
    /** Empty or absent: the URL's host. */
    name: z.string().trim().max(80).optional(),
    /** `user:password@` in it is taken out; INVALID_INPUT if it disagrees with `username`/`password`. */
    url: BrokerUrlSchema,
    username: z.string().max(200).nullable().default(null),
    /** A new password; null removes the stored one; absent keeps it. */
    password: z.string().max(500).nullable().optional(),
    caPem: z
      .string()
      .max(64_000)
      .refine((pem) => pem.includes('-----BEGIN CERTIFICATE-----'), 'expected a PEM certificate')
      .nullable()
      .default(null),
    enabled: z.boolean().default(true),
  })
  .strict();
export type BrokerSave = z.infer<typeof BrokerSaveSchema>;

/** FullTopic patterns (Tasmota tokens %prefix%, %topic%) besides the default `%prefix%/%topic%/`. */
export const FullTopicPatternSchema = z
  .string()
  .trim()
  .max(100)
  .refine((p) => p.includes('%prefix%') && p.includes('%topic%'), 'a FullTopic needs %prefix% and %topic%');

export const DiscoverySettingsSchema = z.object({
  /** Network interface (by name) to browse mDNS on; null = all. */
  mdnsInterface: z.string().nullable(),
  mdnsEnabled: z.boolean(),
  fullTopicPatterns: z.array(z.string()),
  /** Probe newly plugged serial ports without being asked. */
  serialAutoProbe: z.boolean(),
  brokers: z.array(BrokerSettingsSchema),
});
export type DiscoverySettings = z.infer<typeof DiscoverySettingsSchema>;

export const DiscoverySettingsUpdateSchema = z
  .object({
    mdnsInterface: z.string().trim().min(1).max(64).nullable().optional(),
    mdnsEnabled: z.boolean().optional(),
    fullTopicPatterns: z.array(FullTopicPatternSchema).max(10).optional(),
    serialAutoProbe: z.boolean().optional(),
  })
  .strict();
export type DiscoverySettingsUpdate = z.infer<typeof DiscoverySettingsUpdateSchema>;

export const NetworkInterfaceSchema = z.object({
  name: z.string(),
  addresses: z.array(z.string()),
  internal: z.boolean(),
});
export type NetworkInterface = z.infer<typeof NetworkInterfaceSchema>;
