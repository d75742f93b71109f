import { z } from 'zod';
import { DeviceIdSchema } from './device';
import { ExecutionCountsSchema, ExecutionStateSchema, JobIdSchema, JobStateSchema } from './job';

/**
 * The handover report (issue 11 part 3): what was done on site, for one run or a site visit. This is the JSON
 * export's schema; docs/report-schema.md describes every field and the version policy. All times are ms since
 * the Unix epoch (UTC), all durations ms. Any change that removes or retypes a field raises `schemaVersion`.
 */
export const REPORT_SCHEMA_VERSION = 1;

const epochMs = z.number().int().nonnegative();

/** One run, or every run that started in [from, to) (ms epoch, `to` exclusive). */
export const ReportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('job'), jobId: JobIdSchema }).strict(),
  z
    .object({ kind: z.literal('visit'), from: epochMs, to: epochMs })
    .strict()
    .refine((s) => s.from < s.to, {
      message: 'the visit must end after it starts (from < to)',
      path: ['to'],
    }),
]);
export type ReportScope = z.infer<typeof ReportScopeSchema>;

export const ReportFormatSchema = z.enum(['csv', 'json', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

export const ReportRunSchema = z
  .object({
    jobId: JobIdSchema,
    name: z.string(),
    state: JobStateSchema,
    /** The run this one retried, if any. */
    retryOf: JobIdSchema.nullable(),
    /** Step actions in order (`firmware.update`, `reboot`, ...). */
    steps: z.array(z.string()),
    createdAt: epochMs,
    startedAt: epochMs.nullable(),
    finishedAt: epochMs.nullable(),
    /** finishedAt − startedAt; null while either is missing. */
    durationMs: z.number().int().nonnegative().nullable(),
    /** Operators named by the audit log for this run's commands. */
    operators: z.array(z.string()),
    devices: z.number().int().nonnegative(),
  })
  .strict();
export type ReportRun = z.infer<typeof ReportRunSchema>;

export const ReportDeviceSchema = z
  .object({
    jobId: JobIdSchema,
    deviceId: DeviceIdSchema,
    /** The name the run knew the device by. */
    name: z.string(),
    /** Null when the device was not in the inventory when the report was made and the run kept none. */
    model: z.string().nullable(),
    family: z.string().nullable(),
    /** Firmware the device reported when the run took it in; null when unknown (runs older than the record). */
    firmwareBefore: z.string().nullable(),
    /** Firmware it reported when its execution ended (its read-back); null while it has not ended or unknown. */
    firmwareAfter: z.string().nullable(),
    /** The execution's state: succeeded, failed, timed-out, skipped, canceled, unknown (or unfinished ones). */
    outcome: ExecutionStateSchema,
    /** Failure reason (failed, timed-out) or skip reason (skipped); null otherwise. */
    reason: z.string().nullable(),
    /** The detail the device or the run gave, in words. */
    message: z.string().nullable(),
    /** Attempts of the last step the device ran (1 on the first try, 0 if never started). */
    attempts: z.number().int().nonnegative(),
    startedAt: epochMs.nullable(),
    finishedAt: epochMs.nullable(),
    durationMs: z.number().int().nonnegative().nullable(),
  })
  .strict();
export type ReportDevice = z.infer<typeof ReportDeviceSchema>;

const count = z.number().int().nonnegative();

export const ReportSummarySchema = z
  .object({
    /** Device runs (one per device per run; = deviceRuns). Kept in v1 for readers of the first release. */
    devices: count,
    /** Distinct devices across the scope's runs: a device two runs touched counts once. Added in v1. */
    distinctDevices: count,
    /** Device runs: each device in each run counts once (a device run twice counts twice). Added in v1. */
    deviceRuns: count,
    byOutcome: ExecutionCountsSchema,
    /** Per model (null model last), most devices first. */
    byModel: z.array(
      z
        .object({
          model: z.string().nullable(),
          /** Device runs of this model (= deviceRuns, kept in v1). */
          devices: count,
          /** Distinct devices of this model. Added in v1. */
          distinctDevices: count,
          /** Device runs of this model. Added in v1. */
          deviceRuns: count,
          /** Device runs that succeeded. */
          succeeded: z.number().int().nonnegative(),
          /** failed + timed-out */
          failed: z.number().int().nonnegative(),
        })
        .strict(),
    ),
    /** Firmware before → after, most devices first; before = after for devices whose version did not move. */
    versionTransitions: z.array(
      z
        .object({
          from: z.string().nullable(),
          to: z.string().nullable(),
          devices: z.number().int().nonnegative(),
        })
        .strict(),
    ),
  })
  .strict();
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

/** Devices finished (any end state) by a time: cumulative, at most 200 points, `at` increasing. */
export const ReportProgressSchema = z
  .object({
    points: z.array(z.object({ at: epochMs, finished: z.number().int().nonnegative() }).strict()),
    total: z.number().int().nonnegative(),
  })
  .strict();
export type ReportProgress = z.infer<typeof ReportProgressSchema>;

/** An audit log line of the scope (the log's own hash, so it can be checked against the log). */
export const ReportAuditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: epochMs,
    operator: z.string().nullable(),
    host: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    jobId: JobIdSchema.nullable(),
    outcome: z.enum(['ok', 'failed']),
    hash: z.string(),
  })
  .strict();
export type ReportAuditEntry = z.infer<typeof ReportAuditEntrySchema>;

/**
 * The audit log's hash chain as checked when the report was made. When it is not intact, every operator and
 * action the report takes from the log (operators, runs[].operators, audit) cannot be trusted from `brokenAt`
 * on: that entry was edited, moved or removed (and later ones may have been forged to match).
 */
export const ReportAuditChainSchema = z
  .object({
    intact: z.boolean(),
    /** Entries checked before the first bad one (all of them when intact). */
    entries: count,
    /** The first entry found edited or removed; null when intact. */
    brokenAt: z.number().int().positive().nullable(),
    checkedAt: epochMs,
  })
  .strict();
export type ReportAuditChain = z.infer<typeof ReportAuditChainSchema>;

export const HandoverReportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    generatedAt: epochMs,
    generator: z.object({ app: z.literal('Fieldbatch'), version: z.string() }).strict(),
    scope: ReportScopeSchema,
    /** The computer that made the report (the site's laptop or agent). */
    host: z.string(),
    /** Everyone the audit log names in the scope, in order of first appearance. */
    operators: z.array(z.string()),
    runs: z.array(ReportRunSchema),
    devices: z.array(ReportDeviceSchema),
    summary: ReportSummarySchema,
    progress: ReportProgressSchema,
    audit: z.array(ReportAuditEntrySchema),
    /** Added in v1 (a sibling of `audit`, which is an array): whether the audit log can be trusted. */
    auditChain: ReportAuditChainSchema,
  })
  .strict();
export type HandoverReport = z.infer<typeof HandoverReportSchema>;

export const ReportExportRequestSchema = z
  .object({ scope: ReportScopeSchema, format: ReportFormatSchema })
  .strict();
export type ReportExportRequest = z.infer<typeof ReportExportRequestSchema>;

/** 64 MB of base64: a 10,000-device PDF is a few MB (bench `report`, figure pdf_bytes). */
export const REPORT_MAX_BASE64_CHARS = 64 * 1024 * 1024;

export const ReportFileSchema = z
  .object({
    fileName: z.string().min(1).max(200),
    mimeType: z.enum(['text/csv', 'application/json', 'application/pdf']),
    bytesBase64: z.string().max(REPORT_MAX_BASE64_CHARS),
  })
  .strict();
export type ReportFile = z.infer<typeof ReportFileSchema>;
