import { z } from 'zod';
import { ArtifactMetaSchema } from './artifacts';
import { DeviceIdSchema } from './device';
import { GroupIdSchema } from './group';
import {
  ExecutionStateSchema,
  FailureReasonSchema,
  JobDetailSchema,
  JobIdSchema,
  JobLogEntrySchema,
  JobStateSchema,
  SkipReasonSchema,
} from './job';
import { STEP_ACTIONS } from './device-actions';

const StepActionSchema = z.enum(STEP_ACTIONS);

/** Longest free text a search takes; each word is searched for, so more would only slow the search. */
export const MAX_SEARCH_TEXT = 200;
/** At most this many words of the text are searched for (the rest are ignored, and the answer says so). */
export const MAX_SEARCH_TERMS = 8;

const EpochMs = z.number().int().min(0).max(8_640_000_000_000_000);

/**
 * What the technician looks for: every filter is optional and they combine (AND). `text` matches words (or the
 * start of words) of the run (job name, steps), the device execution (device name and id, state, reason,
 * message, result) or its artifacts (kind, content), each word in any of them. `from`/`to` bound when the
 * device's work began (or the run was created), inclusive, in ms.
 */
export const HistoryQuerySchema = z
  .object({
    text: z.string().max(MAX_SEARCH_TEXT, `at most ${MAX_SEARCH_TEXT} characters`).default(''),
    deviceId: DeviceIdSchema.optional(),
    groupId: GroupIdSchema.optional(),
    from: EpochMs.optional(),
    to: EpochMs.optional(),
    outcomes: z.array(ExecutionStateSchema).max(ExecutionStateSchema.options.length).default([]),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'the start date is after the end date',
    path: ['from'],
  });
export type HistoryQuery = z.output<typeof HistoryQuerySchema>;
export type HistoryQueryInput = z.input<typeof HistoryQuerySchema>;

/** One device's execution in one run, as history lists it. */
export const HistoryHitSchema = z.object({
  jobId: JobIdSchema,
  jobName: z.string(),
  jobState: JobStateSchema,
  deviceId: DeviceIdSchema,
  deviceName: z.string(),
  state: ExecutionStateSchema,
  reason: FailureReasonSchema.nullable(),
  skipReason: SkipReasonSchema.nullable(),
  message: z.string().nullable(),
  result: z.string().nullable(),
  artifactId: z.string().nullable(),
  /** When the device's work began, else when the run was created. */
  at: z.number(),
  finishedAt: z.number().nullable(),
});
export type HistoryHit = z.infer<typeof HistoryHitSchema>;

export const HistoryPageSchema = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  hits: z.array(HistoryHitSchema),
  /** Words of the text that were searched for (after the first MAX_SEARCH_TERMS, words are ignored). */
  terms: z.array(z.string()),
  /** Artifact files whose text is not searchable yet (still being read). */
  pendingArtifacts: z.number().int().nonnegative(),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

export const TimelineQuerySchema = z
  .object({
    deviceId: DeviceIdSchema,
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

/** One run of the device: its execution, the journal lines about it (step attempts) and its artifacts. */
export const TimelineEntrySchema = z.object({
  hit: HistoryHitSchema,
  /** The run's steps in order (journal lines count them from 0). */
  actions: z.array(StepActionSchema),
  stepIndex: z.number().int().nonnegative(),
  attempt: z.number().int().nonnegative(),
  steps: z.array(JobLogEntrySchema),
  artifacts: z.array(ArtifactMetaSchema),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TimelinePageSchema = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  entries: z.array(TimelineEntrySchema),
});
export type TimelinePage = z.infer<typeof TimelinePageSchema>;

/** A run as history shows it: `jobs.get`'s detail and the artifacts its devices produced. */
export const HistoryRunSchema = z.object({
  detail: JobDetailSchema,
  artifacts: z.array(ArtifactMetaSchema),
});
export type HistoryRun = z.infer<typeof HistoryRunSchema>;

/** How long history is kept: null means no limit. Unfinished runs are never deleted. */
export const RetentionSettingsSchema = z
  .object({
    /** Finished runs older than this many days are deleted, with their executions, journal and artifacts. */
    keepDays: z.number().int().min(1).max(36_500).nullable(),
    /** Oldest artifacts (of finished runs, or collected outside runs) are deleted beyond this total. */
    maxArtifactMb: z.number().int().min(1).max(1_000_000).nullable(),
  })
  .strict();
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export const DEFAULT_RETENTION: RetentionSettings = { keepDays: null, maxArtifactMb: null };

/** What history takes on disk now, and what the last retention pass removed. */
export const HistoryUsageSchema = z.object({
  /** The database file with its WAL and shared-memory files. */
  databaseBytes: z.number().int().nonnegative(),
  /** Of which free pages (space deleted rows left; reused by new rows, not given back to the disk). */
  freeBytes: z.number().int().nonnegative(),
  artifactBytes: z.number().int().nonnegative(),
  runs: z.number().int().nonnegative(),
  unfinishedRuns: z.number().int().nonnegative(),
  /** Finished runs kept because the sync outbox has not delivered all their records yet. */
  heldForSync: z.number().int().nonnegative(),
  executions: z.number().int().nonnegative(),
  artifacts: z.number().int().nonnegative(),
  oldestRunAt: z.number().nullable(),
  lastRetention: z
    .object({
      at: z.number(),
      runsDeleted: z.number().int().nonnegative(),
      artifactsDeleted: z.number().int().nonnegative(),
      bytesFreed: z.number().int().nonnegative(),
    })
    .nullable(),
});
export type HistoryUsage = z.infer<typeof HistoryUsageSchema>;
