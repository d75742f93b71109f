import { z } from 'zod';
import { ENCRYPTED_LINK_HINT, plaintextRefusal } from './sync-transport';

/** Where finished work goes once the site has a network: a back-office broker, web service or hawkBit. */
export const SyncTargetIdSchema = z
  .string()
  .regex(/^syn_[0-9a-z]{8,40}$/)
  .brand<'SyncTargetId'>();
export type SyncTargetId = z.infer<typeof SyncTargetIdSchema>;

export const SyncTargetKindSchema = z.enum(['mqtt', 'https', 'hawkbit']);
export type SyncTargetKind = z.infer<typeof SyncTargetKindSchema>;

const PemCertificateSchema = z
  .string()
  .max(64_000)
  .refine((pem) => pem.includes('-----BEGIN CERTIFICATE-----'), 'expected a PEM certificate');

const PemKeySchema = z
  .string()
  .max(64_000)
  .refine((pem) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem), 'expected a PEM private key');

/** A URL of one of `schemes`, and encrypted unless to this computer (sync-transport.ts: the form says why). */
const urlOf = (schemes: readonly string[], hint: string) =>
  z
    .string()
    .trim()
    .max(500)
    .refine((url) => {
      const match = /^([a-z]+):\/\/[^/\s@]+/i.exec(url);
      return match !== null && schemes.includes(match[1]!.toLowerCase());
    }, hint)
    .superRefine((url, ctx) => {
      const refusal = plaintextRefusal(url);
      if (refusal !== null) ctx.addIssue({ code: 'custom', message: refusal });
    });

// MQTT over TCP or TLS only: the target does not speak MQTT over WebSocket, so a ws:// URL is refused here.
const MqttUrlSchema = urlOf(['mqtt', 'mqtts'], ENCRYPTED_LINK_HINT.mqtt);
const WebUrlSchema = urlOf(['https', 'http'], ENCRYPTED_LINK_HINT.web);

/** Topic prefix: MQTT topic levels without wildcards (MQTT 3.1.1 §4.7.1: `+` and `#` are for filters only). */
const TopicPrefixSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (p) => !/[+#]/.test(p) && !p.startsWith('/') && !p.endsWith('/'),
    'no + or #, no leading or trailing /',
  );

/** Extra request headers that are not secrets (a token goes in `token`, kept in the secret store). */
const HeadersSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'header names: letters, digits and -'),
    z.string().max(500),
  )
  .refine((h) => Object.keys(h).length <= 20, 'at most 20 headers')
  .refine(
    (h) =>
      !Object.keys(h).some((name) =>
        ['authorization', 'idempotency-key', 'content-type'].includes(name.toLowerCase()),
      ),
    'Authorization, Idempotency-Key and Content-Type are set by Fieldbatch',
  );

const CommonFields = {
  id: SyncTargetIdSchema,
  name: z.string(),
  enabled: z.boolean(),
  /** PEM of the CA that signed the server's certificate, if not a public one. */
  caPem: z.string().nullable(),
};

/**
 * A target as shown. Secrets (passwords, tokens, TLS private keys) never leave main: only whether one is
 * stored (`hasPassword`, `hasToken`, `hasKey`).
 */
export const MqttTargetSettingsSchema = z.object({
  ...CommonFields,
  kind: z.literal('mqtt'),
  url: z.string(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  /** Records go to `<topicPrefix>/<record kind>/<record id>`. */
  topicPrefix: z.string(),
  /** Client certificate (mutual TLS); its private key is in the secret store (`hasKey`). */
  certPem: z.string().nullable(),
  hasKey: z.boolean(),
});

export const HttpsTargetSettingsSchema = z.object({
  ...CommonFields,
  kind: z.literal('https'),
  /** Batches are POSTed here as a JSON array of records. */
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  /** A bearer token is stored (sent as `Authorization: Bearer …`). */
  hasToken: z.boolean(),
});

export const HawkbitAuthModeSchema = z.enum(['basic', 'bearer']);
export type HawkbitAuthMode = z.infer<typeof HawkbitAuthModeSchema>;

export const HawkbitTargetSettingsSchema = z.object({
  ...CommonFields,
  kind: z.literal('hawkbit'),
  /** The server root; the Management API is under `<baseUrl>/rest/v1/`. */
  baseUrl: z.string(),
  /** `basic`: username + password (hawkBit's default); `bearer`: a token from an OpenID Connect provider. */
  authMode: HawkbitAuthModeSchema,
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  hasToken: z.boolean(),
  /** hawkBit controllerId = this prefix + the Fieldbatch device id. */
  controllerIdPrefix: z.string(),
  /** Distribution sets are looked up by this name and the installed version; null: by version alone. */
  distributionSetName: z.string().nullable(),
});

export const SyncTargetSettingsSchema = z.discriminatedUnion('kind', [
  MqttTargetSettingsSchema,
  HttpsTargetSettingsSchema,
  HawkbitTargetSettingsSchema,
]);
export type SyncTargetSettings = z.infer<typeof SyncTargetSettingsSchema>;
export type MqttTargetSettings = z.infer<typeof MqttTargetSettingsSchema>;
export type HttpsTargetSettings = z.infer<typeof HttpsTargetSettingsSchema>;
export type HawkbitTargetSettings = z.infer<typeof HawkbitTargetSettingsSchema>;

/** A secret field of a save: a new value sets it, null removes the stored one, absent keeps it. */
const WriteOnly = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const SaveCommon = {
  /** Absent: a new target. */
  id: SyncTargetIdSchema.optional(),
  name: z.string().trim().min(1).max(80),
  enabled: z.boolean().default(true),
  caPem: PemCertificateSchema.nullable().default(null),
};

export const MqttTargetSaveSchema = z
  .object({
    ...SaveCommon,
    kind: z.literal('mqtt'),
    url: MqttUrlSchema,
    username: z.string().trim().max(200).nullable().default(null),
    password: WriteOnly(z.string().min(1).max(500)),
    topicPrefix: TopicPrefixSchema.default('fieldbatch'),
    certPem: PemCertificateSchema.nullable().default(null),
    keyPem: WriteOnly(PemKeySchema),
  })
  .strict();

export const HttpsTargetSaveSchema = z
  .object({
    ...SaveCommon,
    kind: z.literal('https'),
    url: WebUrlSchema,
    headers: HeadersSchema.default({}),
    token: WriteOnly(z.string().min(1).max(4000)),
  })
  .strict();

export const HawkbitTargetSaveSchema = z
  .object({
    ...SaveCommon,
    kind: z.literal('hawkbit'),
    baseUrl: WebUrlSchema,
    authMode: HawkbitAuthModeSchema.default('basic'),
    username: z.string().trim().max(200).nullable().default(null),
    password: WriteOnly(z.string().min(1).max(500)),
    token: WriteOnly(z.string().min(1).max(4000)),
    controllerIdPrefix: z
      .string()
      .trim()
      .max(64)
      .regex(/^[A-Za-z0-9._:-]*$/, 'letters, digits and . _ : - only')
      .default(''),
    distributionSetName: z.string().trim().max(120).nullable().default(null),
  })
  .strict();

/** What `sync.saveTarget` takes: secrets are write-only (see `WriteOnly`). */
export const SyncTargetSaveSchema = z.discriminatedUnion('kind', [
  MqttTargetSaveSchema,
  HttpsTargetSaveSchema,
  HawkbitTargetSaveSchema,
]);
export type SyncTargetSave = z.infer<typeof SyncTargetSaveSchema>;
export type SyncTargetSaveInput = z.input<typeof SyncTargetSaveSchema>;

export const SyncTargetStateSchema = z.enum(['idle', 'delivering', 'waiting', 'error', 'disabled']);
export type SyncTargetState = z.infer<typeof SyncTargetStateSchema>;

/** One target's delivery, as the sync worker reports it. */
export const SyncTargetStatusSchema = z.object({
  id: SyncTargetIdSchema,
  name: z.string(),
  kind: SyncTargetKindSchema,
  /**
   * `idle`: nothing to send or all sent; `delivering`: a batch is on its way; `waiting`: the last attempt
   * failed and the next one is at `nextAttemptAt`; `error`: a failure retrying cannot fix (settings, a
   * refused record) until the settings change or "sync now"; `disabled`: switched off.
   */
  state: SyncTargetStateSchema,
  /** Records this target has not acknowledged yet. */
  pending: z.number().int().nonnegative(),
  lastSuccessAt: z.number().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.number().nullable(),
});
export type SyncTargetStatus = z.infer<typeof SyncTargetStatusSchema>;

export const SyncStatusSchema = z.object({
  targets: z.array(SyncTargetStatusSchema),
  /** Records in the outbox that some enabled target still needs (all of them when there is no target). */
  totalPending: z.number().int().nonnegative(),
  /** Records still kept on this computer (the day's results): what a target added now receives. */
  kept: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;
