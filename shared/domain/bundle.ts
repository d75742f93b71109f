import { z } from 'zod';
import { DeviceFamilySchema, DeviceIdSchema, DiscoverySourceKindSchema, EndpointSchema } from './device';
import { FirmwareImageSchema, UploadChunkSchema, UploadIdSchema } from './firmware';
import { GroupSchema } from './group';

/** The bundle format this app writes and reads (manifest `formatVersion`); docs/site-bundle.md. */
export const BUNDLE_FORMAT_VERSION = 1;
/** A bundle file may hold up to this many bytes (images included). */
export const MAX_BUNDLE_BYTES = 2 * 1024 * 1024 * 1024;
/** The manifest is read whole: larger ones are refused before parsing. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Entries of one bundle at most (manifest and signature included). */
export const MAX_BUNDLE_ENTRIES = 10_000;

export const BundleKindSchema = z.enum(['image', 'template', 'group', 'device']);
export type BundleKind = z.infer<typeof BundleKindSchema>;

/** What the technician chooses to put in a bundle; at least one. */
export const BundleIncludeSchema = z
  .object({ images: z.boolean(), templates: z.boolean(), groups: z.boolean(), devices: z.boolean() })
  .strict()
  .refine((i) => i.images || i.templates || i.groups || i.devices, 'choose at least one thing to include');
export type BundleInclude = z.infer<typeof BundleIncludeSchema>;

export const BundleCountsSchema = z
  .object({
    images: z.number().int().min(0),
    templates: z.number().int().min(0),
    groups: z.number().int().min(0),
    devices: z.number().int().min(0),
  })
  .strict();
export type BundleCounts = z.infer<typeof BundleCountsSchema>;

export const ExportIdSchema = z
  .string()
  .regex(/^bex_[0-9a-z]{8,40}$/)
  .brand<'ExportId'>();
export type ExportId = z.infer<typeof ExportIdSchema>;

/** An export written in main; its bytes are fetched with `bundle.exportChunk`. */
export const BundleExportResultSchema = z.object({
  exportId: ExportIdSchema,
  fileName: z.string(),
  size: z.number().int().positive(),
  manifestSha256: z.string(),
  signerFingerprint: z.string(),
  counts: BundleCountsSchema,
});
export type BundleExportResult = z.infer<typeof BundleExportResultSchema>;

export const BundleExportChunkSchema = z
  .object({ exportId: ExportIdSchema, offset: z.number().int().min(0).max(MAX_BUNDLE_BYTES) })
  .strict();

export const BundleBeginUploadSchema = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    size: z.number().int().min(1).max(MAX_BUNDLE_BYTES),
  })
  .strict();
export const BundleUploadChunkSchema = UploadChunkSchema.extend({
  offset: z.number().int().min(0).max(MAX_BUNDLE_BYTES),
}).strict();
export type BundleUploadChunk = z.infer<typeof BundleUploadChunkSchema>;

export const BundleImportSchema = z
  .object({
    uploadId: UploadIdSchema,
    /** Pins a signer this install has not seen before (the technician compared its fingerprint). */
    trustSigner: z.boolean().default(false),
  })
  .strict();
export type BundleImport = z.infer<typeof BundleImportSchema>;

/**
 * Why a bundle was refused (`details.problem` of the CONFLICT error; `details.path` names the entry when one
 * is at fault). Nothing was written in any case.
 */
export const BundleProblemSchema = z.enum([
  /** Not an archive at all (its very first header is unreadable): some other file was chosen. */
  'not-a-bundle',
  'corrupt-archive',
  'truncated',
  'unsafe-name',
  'unsupported-entry',
  'duplicate-entry',
  'too-many-entries',
  'missing-manifest',
  'manifest-too-large',
  'bad-manifest',
  'unknown-format-version',
  'signature-mismatch',
  'untrusted-signer',
  'unlisted-file',
  'missing-file',
  'wrong-size',
  'wrong-hash',
  'bad-content',
  'bad-image',
]);
export type BundleProblem = z.infer<typeof BundleProblemSchema>;

/** `own`: this computer's own key signed it (a bundle exported here), never pinned as a foreign signer. */
export const SignerStatusSchema = z.enum(['own', 'pinned', 'first-use', 'unknown']);
export type SignerStatus = z.infer<typeof SignerStatusSchema>;

export const BundleChangeSchema = z.enum(['added', 'updated', 'unchanged']);
export type BundleChange = z.infer<typeof BundleChangeSchema>;

export const BundleItemSchema = z.object({
  kind: BundleKindSchema,
  /** Image hash, template/group/device id. */
  key: z.string(),
  name: z.string(),
  change: BundleChangeSchema,
  /** What changes, in words (empty when unchanged). */
  detail: z.string(),
});
export type BundleItem = z.infer<typeof BundleItemSchema>;

export const BundleConflictSchema = z.object({
  kind: BundleKindSchema,
  key: z.string(),
  message: z.string(),
});
export type BundleConflict = z.infer<typeof BundleConflictSchema>;

const TallySchema = z.object({ added: z.number(), updated: z.number(), unchanged: z.number() });
export const BundleTallySchema = z.object({
  image: TallySchema,
  template: TallySchema,
  group: TallySchema,
  device: TallySchema,
});
export type BundleTally = z.infer<typeof BundleTallySchema>;

/** What importing this bundle would do, and who signed it. */
export const BundlePreviewSchema = z.object({
  manifestSha256: z.string(),
  formatVersion: z.number().int(),
  createdAt: z.number(),
  createdBy: z.string(),
  signerFingerprint: z.string(),
  signerStatus: SignerStatusSchema,
  counts: BundleCountsSchema,
  tally: BundleTallySchema,
  items: z.array(BundleItemSchema),
  conflicts: z.array(BundleConflictSchema),
});
export type BundlePreview = z.infer<typeof BundlePreviewSchema>;

export const BundleImportResultSchema = z.object({
  manifestSha256: z.string(),
  signerFingerprint: z.string(),
  tally: BundleTallySchema,
});
export type BundleImportResult = z.infer<typeof BundleImportResultSchema>;

/** A firmware image's library entry as a bundle carries it (its file is `firmware/<sha256>`). */
export const BundleImageSchema = FirmwareImageSchema.omit({ importedAt: true, present: true }).strict();
export type BundleImage = z.infer<typeof BundleImageSchema>;

/** A device as a bundle carries it: the inventory row without credentials, identify payloads or history. */
export const BundleDeviceSchema = z
  .object({
    id: DeviceIdSchema,
    family: DeviceFamilySchema,
    name: z.string().nullable(),
    customName: z.string().nullable(),
    model: z.string(),
    product: z.string().nullable(),
    chip: z.string().nullable(),
    generation: z.number().int().nullable(),
    firmware: z.string(),
    mac: z.string().nullable(),
    tags: z.array(z.string()),
    notes: z.string(),
    neverTouch: z.boolean(),
    firstSeenAt: z.number(),
    lastSeenAt: z.number(),
    endpoints: z.array(z.object({ source: DiscoverySourceKindSchema, endpoint: EndpointSchema }).strict()),
  })
  .strict();
export type BundleDevice = z.infer<typeof BundleDeviceSchema>;

export const BundleGroupsSchema = z.array(GroupSchema);
