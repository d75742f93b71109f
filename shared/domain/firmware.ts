import { z } from 'zod';
import { DeviceIdSchema } from './device';
import { JobIdSchema } from './job';

/** Largest file the library accepts (real ESP32 factory images stay well below). */
export const MAX_FIRMWARE_BYTES = 64 * 1024 * 1024;
/** Largest decoded chunk of `firmware.uploadChunk`; keeps one IPC/WebSocket frame under 1 MiB. */
export const MAX_UPLOAD_CHUNK_BYTES = 512 * 1024;
const MAX_CHUNK_BASE64 = Math.ceil(MAX_UPLOAD_CHUNK_BYTES / 3) * 4;
const decodedLength = (b64: string) => (b64.length / 4) * 3 - (b64.match(/=*$/)?.[0].length ?? 0);

export const FirmwareSha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 (64 lower-case hex digits)');

/**
 * Families the library holds images for: Shelly zips; ESP images are Tasmota's unless their app description
 * names ESPHome (or the technician says so).
 */
export const FirmwareFamilySchema = z.enum(['shelly', 'tasmota', 'esphome']);
export type FirmwareFamily = z.infer<typeof FirmwareFamilySchema>;

/**
 * Where an image's version came from: a Shelly zip's manifest, an ESP image's app description (`header`),
 * its file name, or the technician.
 */
export const VersionSourceSchema = z.enum(['manifest', 'header', 'file-name', 'user']);
export type VersionSource = z.infer<typeof VersionSourceSchema>;

/** What the file is, read from its bytes: an ESP image (`.bin`), the same gzipped, or a Shelly Gen2+ zip. */
export const FirmwareFormatSchema = z.enum(['esp-image', 'esp-image-gz', 'shelly-zip']);
export type FirmwareFormat = z.infer<typeof FirmwareFormatSchema>;

/**
 * `ota`: an app image a device can take over the air. `factory`: a whole-flash image (bootloader, partition
 * table, app) for USB flashing; never offered for updates.
 */
export const FirmwareKindSchema = z.enum(['ota', 'factory']);
export type FirmwareKind = z.infer<typeof FirmwareKindSchema>;

export const FirmwareImageSchema = z.object({
  sha256: FirmwareSha256Schema,
  /** Name of the file as imported (informational; the library stores by hash). */
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  family: FirmwareFamilySchema,
  format: FirmwareFormatSchema,
  kind: FirmwareKindSchema,
  /** The ESP chip the image header names (`ESP8266`, `ESP32-C3`); null for Shelly zips. */
  chip: z.string().nullable(),
  /** Shelly: the device `app` the manifest is for (`Plus1PM`); null for ESP images. */
  app: z.string().nullable(),
  /** ESP-IDF `esp_app_desc_t.project_name` (`tasmota`, an ESPHome node); null when the image has none. */
  project: z.string().nullable(),
  /** Display labels only (Shelly SKUs, Tasmota modules, chips); matching uses `chip` / `app`. */
  models: z.array(z.string()),
  /** The version the device reports after the update. */
  version: z.string(),
  versionSource: VersionSourceSchema,
  /** Shelly `fw_id` after the update, when the image says. */
  fwId: z.string().nullable(),
  /** Tasmota build name (`release-tasmota`), when the image says. */
  build: z.string().nullable(),
  notes: z.string(),
  /** Plain sentences for the technician about how the file was read (e.g. the header overruling its name). */
  notices: z.array(z.string()),
  importedAt: z.number(),
  /** False when the stored file has gone missing from the data directory (re-import it). */
  present: z.boolean(),
});
export type FirmwareImage = z.infer<typeof FirmwareImageSchema>;

/**
 * Why an import was refused (`details.problem` of the CONFLICT error; `details.reason` says what exactly):
 * - corrupt: the bytes are not a usable firmware file: not what its name says (`.bin` without the ESP magic
 *   byte E9, `.gz` that is not gzip, `.zip` that is not a zip) or none of the three; a truncated ESP image, or
 *   one failing its checksum or appended SHA-256; an unknown chip ID; a `.bin.gz` that does not inflate or
 *   inflates beyond 32 MiB; a zip without `<name>-<version>/manifest.json`, with a part missing or whose size
 *   or SHA-1 differs from the manifest, with a manifest part or entry name pointing outside its folder;
 * - too-large: above MAX_FIRMWARE_BYTES;
 * - size-mismatch: fewer or more bytes arrived than `beginUpload` announced;
 * - missing-metadata: the version could not be read from the file or its name and was not typed (upload kept);
 * - metadata-conflict: typed metadata contradicts what the file's header or manifest says (upload kept);
 * - bad-offset: a chunk did not start where the previous one ended;
 * - too-many-uploads: too many unfinished uploads at once;
 * - already-finishing: another `finishUpload` of the same upload is still running (that one's result counts).
 */
export const FirmwareImportProblemSchema = z.enum([
  'corrupt',
  'too-large',
  'size-mismatch',
  'missing-metadata',
  'metadata-conflict',
  'bad-offset',
  'too-many-uploads',
  'already-finishing',
]);
export type FirmwareImportProblem = z.infer<typeof FirmwareImportProblemSchema>;

export const UploadIdSchema = z
  .string()
  .regex(/^upl_[0-9a-z]{8,40}$/, 'expected an upload id like "upl_…"')
  .brand<'UploadId'>();
export type UploadId = z.infer<typeof UploadIdSchema>;

const FileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine(
    (name) => !/[/\\]/.test(name) && [...name].every((c) => c.charCodeAt(0) >= 0x20),
    'a file name, without folders or control characters',
  );
const ModelsSchema = z.array(z.string().trim().min(1).max(64)).min(1).max(32);
const VersionTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z][0-9A-Za-z._+-]*$/, 'a version like 1.6.0 or 14.3.0');
const NotesSchema = z.string().max(2_000);

export const BeginUploadSchema = z
  .object({ fileName: FileNameSchema, size: z.number().int().min(1).max(MAX_FIRMWARE_BYTES) })
  .strict();
export type BeginUpload = z.infer<typeof BeginUploadSchema>;

export const UploadChunkSchema = z
  .object({
    uploadId: UploadIdSchema,
    /** Byte offset of this chunk; must equal the bytes received so far. */
    offset: z.number().int().min(0).max(MAX_FIRMWARE_BYTES),
    /** At most MAX_UPLOAD_CHUNK_BYTES once decoded. */
    dataBase64: z
      .string()
      .min(4)
      .max(MAX_CHUNK_BASE64)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64')
      .refine((s) => s.length % 4 === 0, 'expected padded base64')
      .refine(
        (s) => decodedLength(s) <= MAX_UPLOAD_CHUNK_BYTES,
        `at most ${MAX_UPLOAD_CHUNK_BYTES} bytes per chunk`,
      ),
  })
  .strict();
export type UploadChunk = z.infer<typeof UploadChunkSchema>;

export const FinishUploadSchema = z
  .object({
    uploadId: UploadIdSchema,
    family: FirmwareFamilySchema.optional(),
    models: ModelsSchema.optional(),
    version: VersionTextSchema.optional(),
    notes: NotesSchema.optional(),
  })
  .strict();
export type FinishUpload = z.infer<typeof FinishUploadSchema>;

export const FinishUploadResultSchema = z.object({
  image: FirmwareImageSchema,
  /** True when the library already held these bytes: the existing entry is returned unchanged. */
  duplicate: z.boolean(),
});
export type FinishUploadResult = z.infer<typeof FinishUploadResultSchema>;

export const FirmwareUpdateSchema = z
  .object({
    sha256: FirmwareSha256Schema,
    notes: NotesSchema.optional(),
    /** Only for images whose version was not read from the file (the file's version is what the device reports). */
    version: VersionTextSchema.optional(),
    models: ModelsSchema.optional(),
  })
  .strict();
export type FirmwareUpdate = z.infer<typeof FirmwareUpdateSchema>;

export const FirmwareServerSettingsSchema = z.object({
  /** Network interface (by name) to serve on; null = all interfaces. */
  interface: z.string().nullable(),
  /** TCP port; null = any free port, chosen at start. */
  port: z.number().int().min(1).max(65_535).nullable(),
  /** Downloads at once; beyond, devices get 503 with Retry-After. */
  maxConcurrent: z.number().int().min(1).max(500),
  /** Total bandwidth of all downloads in KiB/s; null = unlimited. */
  bandwidthKiBps: z.number().int().min(8).max(10_000_000).nullable(),
});
export type FirmwareServerSettings = z.infer<typeof FirmwareServerSettingsSchema>;

export const FirmwareServerSettingsUpdateSchema = z
  .object({
    interface: z.string().trim().min(1).max(64).nullable().optional(),
    port: z.number().int().min(1).max(65_535).nullable().optional(),
    maxConcurrent: z.number().int().min(1).max(500).optional(),
    bandwidthKiBps: z.number().int().min(8).max(10_000_000).nullable().optional(),
  })
  .strict();
export type FirmwareServerSettingsUpdate = z.infer<typeof FirmwareServerSettingsUpdateSchema>;

export const FirmwareServerStatusSchema = z.object({
  listening: z.boolean(),
  /** The address bound (`0.0.0.0` for all interfaces). */
  bindAddress: z.string().nullable(),
  port: z.number().int().nullable(),
  /** Why it is not listening, in plain words. */
  error: z.string().nullable(),
  activeDownloads: z.number().int().nonnegative(),
  /** Jobs holding a download token now. */
  activeJobs: z.number().int().nonnegative(),
});
export type FirmwareServerStatus = z.infer<typeof FirmwareServerStatusSchema>;

export const FirmwareServerInfoSchema = z.object({
  settings: FirmwareServerSettingsSchema,
  status: FirmwareServerStatusSchema,
});
export type FirmwareServerInfo = z.infer<typeof FirmwareServerInfoSchema>;

export const SelfCheckRequestSchema = z
  .object({
    /** A candidate interface (null = all) instead of the saved one. */
    interface: z.string().trim().min(1).max(64).nullable().optional(),
    /** One specific IPv4 address to check instead of the interface's. */
    address: z.ipv4().optional(),
  })
  .strict();
export type SelfCheckRequest = z.infer<typeof SelfCheckRequestSchema>;

/** Outcome for one address: reachable, or why not (`not-local` is decided without sending anything). */
export const SelfCheckOutcomeSchema = z.enum([
  'reachable',
  'not-local',
  'no-interface',
  'bind-failed',
  'timeout',
  'unreachable',
  'wrong-answer',
]);
export type SelfCheckOutcome = z.infer<typeof SelfCheckOutcomeSchema>;

export const SelfCheckSchema = z.object({
  ok: z.boolean(),
  checks: z.array(
    z.object({
      interface: z.string().nullable(),
      address: z.string().nullable(),
      /** The port checked (the running server's, or a temporary listener's when it does not serve there). */
      port: z.number().int().nullable(),
      outcome: SelfCheckOutcomeSchema,
      message: z.string(),
    }),
  ),
  /** One sentence for the technician. */
  message: z.string(),
});
export type SelfCheck = z.infer<typeof SelfCheckSchema>;

export const DownloadResultSchema = z.enum(['complete', 'aborted', 'refused']);
export type DownloadResult = z.infer<typeof DownloadResultSchema>;

export const FirmwareDownloadSchema = z.object({
  seq: z.number().int(),
  sha256: z.string(),
  jobId: z.string().nullable(),
  /** The device the address belongs to, when the inventory tells; else null and only `remote` is known. */
  deviceId: DeviceIdSchema.nullable(),
  remote: z.string(),
  bytes: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  result: DownloadResultSchema,
  at: z.number(),
});
export type FirmwareDownload = z.infer<typeof FirmwareDownloadSchema>;

export const ListDownloadsSchema = z
  .object({
    jobId: JobIdSchema.optional(),
    sha256: FirmwareSha256Schema.optional(),
    limit: z.number().int().min(1).max(1_000).default(200),
  })
  .strict();
export type ListDownloads = z.infer<typeof ListDownloadsSchema>;
