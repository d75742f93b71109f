import { z } from 'zod';
import { DeviceIdSchema, type DeviceId } from './device';
import { JobStepSchema } from './device-actions';
import { GroupIdSchema } from './group';
import { JobEtaSchema } from './job-eta';

export { JobStepSchema, type JobStep, type StepAction } from './device-actions';

export const JobIdSchema = z
  .string()
  .regex(/^job_[0-9a-z]{8,40}$/, 'expected a job id like "job_01h…"')
  .brand<'JobId'>();
export type JobId = z.infer<typeof JobIdSchema>;

/** Closed set of reasons a device's execution failed; `message` carries the detail. */
export const FailureReasonSchema = z.enum([
  'unreachable',
  'timeout',
  'bad-reply',
  'device-error',
  'not-verified',
  'identity-mismatch',
  'unsupported',
  'unknown-device',
  'internal',
]);
export type FailureReason = z.infer<typeof FailureReasonSchema>;

/** Why a device gets no steps: decided by the dry run, or when an offline device's deadline passes. */
export const SkipReasonSchema = z.enum([
  'incompatible',
  'already-on-target',
  'never-touch',
  'offline',
  'missing-credentials',
  'not-reached',
]);
export type SkipReason = z.infer<typeof SkipReasonSchema>;

const percent = z.number().min(0).max(100);
const HhMmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like "22:00"');

export const RetryPolicySchema = z
  .object({
    /** Retries after the first attempt. */
    max: z.number().int().min(0).max(10).default(2),
    baseDelayMs: z.number().int().min(0).max(3_600_000).default(5_000),
    maxDelayMs: z.number().int().min(0).max(3_600_000).default(60_000),
    /** 0..1: share of each delay that is random, so a site's devices do not retry in lock-step. */
    jitter: z.number().min(0).max(1).default(0.5),
    /** Failures worth another attempt; the rest are final at once. */
    retryOn: z.array(FailureReasonSchema).max(9).default(['unreachable', 'timeout']),
  })
  .strict();

export const AbortPolicySchema = z
  .object({
    /** Stop when more than this share of executed devices failed. */
    failurePercent: percent,
    /** Not before this many devices have a result. */
    minExecuted: z.number().int().min(1).max(100_000).default(5),
    /** Tighter limits for particular failures, e.g. `{ "not-verified": 0 }`. */
    perReason: z.partialRecord(FailureReasonSchema, percent).default({}),
    action: z.enum(['pause', 'cancel']).default('pause'),
  })
  .strict();

export const JobPolicySchema = z
  .object({
    /** Devices worked on at the same time. */
    concurrency: z.number().int().min(1).max(500).default(10),
    /** Tighter limits per transport; a serial port always runs one device at a time. */
    transportConcurrency: z
      .object({
        http: z.number().int().min(1).max(500).optional(),
        mqtt: z.number().int().min(1).max(500).optional(),
      })
      .strict()
      .default({}),
    /** Devices started per minute; null: as fast as concurrency allows. */
    ratePerMinute: z.number().min(0.1).max(60_000).nullable().default(null),
    /** Minimum gap between two steps that restart a device (reboot, update, reset), so a circuit is not hit at once. */
    rebootStaggerMs: z.number().int().min(0).max(600_000).default(0),
    /** Total bandwidth of firmware downloads for this job; null: the server's own cap. */
    firmwareBandwidthKbps: z.number().int().min(8).max(10_000_000).nullable().default(null),
    /** Budget for one step on one device, including the wait for it to come back and be verified. */
    stepTimeoutMs: z.number().int().min(1_000).max(3_600_000).default(180_000),
    retries: RetryPolicySchema.default({
      max: 2,
      baseDelayMs: 5_000,
      maxDelayMs: 60_000,
      jitter: 0.5,
      retryOn: ['unreachable', 'timeout'],
    }),
    /** A first wave on its own; null: none. */
    canary: z
      .object({ count: z.number().int().min(1).max(1000).optional(), percent: percent.optional() })
      .strict()
      .refine((c) => (c.count === undefined) !== (c.percent === undefined), 'give either count or percent')
      .nullable()
      .default(null),
    /** Waves after the canary, by size or percent of the rest; what remains is one more wave. */
    waves: z
      .object({
        sizes: z.array(z.number().int().min(1)).max(50).optional(),
        percents: z.array(percent.min(1)).max(50).optional(),
      })
      .strict()
      .default({}),
    /** What a wave must reach before the next starts, and whether it starts by itself. */
    waveGate: z
      .object({ successPercent: percent.default(100), advance: z.enum(['auto', 'manual']).default('auto') })
      .strict()
      .default({ successPercent: 100, advance: 'auto' }),
    abort: AbortPolicySchema.nullable().default(null),
    schedule: z
      .object({
        startAt: z.number().int().nullable().default(null),
        window: z.object({ from: HhMmSchema, to: HhMmSchema }).strict().nullable().default(null),
      })
      .strict()
      .default({ startAt: null, window: null }),
    /** A target that is offline waits until it is seen again, up to the deadline, then is skipped "not reached". */
    offline: z
      .object({
        mode: z.enum(['defer', 'skip']).default('defer'),
        deadlineMs: z
          .number()
          .int()
          .min(0)
          .max(30 * 86_400_000)
          .default(3_600_000),
      })
      .strict()
      .default({ mode: 'defer', deadlineMs: 3_600_000 }),
  })
  .strict();
export type JobPolicy = z.infer<typeof JobPolicySchema>;
export type JobPolicyInput = z.input<typeof JobPolicySchema>;

export const JobTargetsSchema = z
  .object({
    deviceIds: z.array(DeviceIdSchema).max(20_000).default([]),
    groupIds: z.array(GroupIdSchema).max(200).default([]),
    /** Devices that join a target smart group while the job runs are added to its last wave. */
    includeNewMembers: z.boolean().default(false),
  })
  .strict()
  .refine((t) => t.deviceIds.length + t.groupIds.length > 0, 'choose at least one device or group');

/** What a technician asks for. Versioned: stored specs are re-validated on load. */
export const JobSpecSchema = z
  .object({
    version: z.literal(1),
    name: z.string().trim().min(1).max(120),
    targets: JobTargetsSchema,
    steps: z.array(JobStepSchema).min(1).max(20),
    policy: JobPolicySchema,
  })
  .strict();
export type JobSpec = z.infer<typeof JobSpecSchema>;
export type JobSpecInput = z.input<typeof JobSpecSchema>;

/** How to start: the confirmation the dry run asked for. */
export const JobStartSchema = z
  .object({
    spec: JobSpecSchema,
    /** The device count the technician saw in the plan; CONFLICT when the plan changed since. */
    confirmDevices: z.number().int().nonnegative(),
    /** The job's name typed again; required when a step is destructive (factory reset). */
    typedConfirmation: z.string().max(120).optional(),
    /** Retry runs point at the run they retry. */
    retryOf: JobIdSchema.optional(),
  })
  .strict();
export type JobStart = z.infer<typeof JobStartSchema>;

export const JobStateSchema = z.enum([
  'scheduled',
  'running',
  'paused',
  'canceling',
  'completed',
  'canceled',
]);
export type JobState = z.infer<typeof JobStateSchema>;

export const PauseReasonSchema = z.enum(['user', 'wave-gate', 'abort-threshold', 'crash', 'needs-decision']);
export type PauseReason = z.infer<typeof PauseReasonSchema>;

export const ExecutionStateSchema = z.enum([
  'queued',
  'waiting-offline',
  'running',
  'succeeded',
  'failed',
  'timed-out',
  'skipped',
  'canceled',
  'unknown',
]);
export type ExecutionState = z.infer<typeof ExecutionStateSchema>;

export const ExecutionSummarySchema = z.object({
  deviceId: DeviceIdSchema,
  deviceName: z.string(),
  state: ExecutionStateSchema,
  /** Wave the device belongs to (0 is the canary when there is one). */
  wave: z.number().int().nonnegative(),
  /** Index of the step running or last run. */
  stepIndex: z.number().int().nonnegative(),
  /** Attempts of the current step so far (1 on the first try). */
  attempt: z.number().int().nonnegative(),
  /** Held by the technician: not started until released. */
  held: z.boolean(),
  reason: FailureReasonSchema.nullable(),
  skipReason: SkipReasonSchema.nullable(),
  message: z.string().nullable(),
  /** Earliest time the next attempt may start (retry back-off), or null. */
  notBefore: z.number().nullable(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  updatedAt: z.number(),
  /** What the last verified step reported ("running 1.6.0, uptime 3 s"). */
  result: z.string().nullable(),
  /** Artifact of a collect step, if any. */
  artifactId: z.string().nullable(),
  /** Live progress of the step running now (not stored). */
  progress: z.object({ message: z.string(), percent: z.number().min(0).max(100).nullable() }).nullable(),
});
export type ExecutionSummary = z.infer<typeof ExecutionSummarySchema>;

/** A device's execution before anything happened to it: queued, no attempt yet. */
export function blankExecution(
  deviceId: DeviceId,
  deviceName: string,
  wave: number,
  at: number,
): ExecutionSummary {
  return {
    deviceId,
    deviceName,
    state: 'queued',
    wave,
    stepIndex: 0,
    attempt: 0,
    held: false,
    reason: null,
    skipReason: null,
    message: null,
    notBefore: null,
    startedAt: null,
    finishedAt: null,
    updatedAt: at,
    result: null,
    artifactId: null,
    progress: null,
  };
}

export const ExecutionCountsSchema = z.object(
  Object.fromEntries(ExecutionStateSchema.options.map((s) => [s, z.number().int().nonnegative()])) as Record<
    ExecutionState,
    z.ZodNumber
  >,
);
export type ExecutionCounts = z.infer<typeof ExecutionCountsSchema>;

export const WaveSummarySchema = z.object({
  index: z.number().int().nonnegative(),
  canary: z.boolean(),
  size: z.number().int().nonnegative(),
  /** pending: not started; open: devices may start; gated: done, waiting for the gate or a click. */
  state: z.enum(['pending', 'open', 'gated', 'done']),
});
export type WaveSummary = z.infer<typeof WaveSummarySchema>;

export const JobSummarySchema = z.object({
  id: JobIdSchema,
  name: z.string(),
  state: JobStateSchema,
  pauseReason: PauseReasonSchema.nullable(),
  /** Why it paused, in words ("12.5 % failed (limit 10 %) after 8 devices"). */
  pauseMessage: z.string().nullable(),
  steps: z.array(JobStepSchema),
  policy: JobPolicySchema.nullable(),
  concurrency: z.number().int(),
  total: z.number().int().nonnegative(),
  counts: ExecutionCountsSchema,
  waves: z.array(WaveSummarySchema),
  currentWave: z.number().int().nonnegative(),
  /** The run this one retries, if any. */
  retryOf: JobIdSchema.nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Time left and what the run waits for, while main runs it; absent for a run read from storage. */
  eta: JobEtaSchema.nullable().optional(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const JobDetailSchema = z.object({
  job: JobSummarySchema,
  /** In the job's device order (the positions `jobs.progressed` names). */
  executions: z.array(ExecutionSummarySchema),
  /**
   * The last job event commit this answer includes: `jobs.progressed` events with a higher `seq` may be newer.
   * Main always sends it; absent in a detail a store or the renderer builds itself.
   */
  seq: z.number().int().nonnegative().optional(),
});
export type JobDetail = z.infer<typeof JobDetailSchema>;

/** Pushed as a job moves: the wire format (a delta by device position) lives in job-progress.ts. */
export type { JobProgress } from './job-progress';

/** One line of a job's log (the journal), newest last. */
export const JobLogEntrySchema = z.object({
  seq: z.number().int(),
  at: z.number(),
  deviceId: DeviceIdSchema.nullable(),
  event: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  detail: z.string().nullable(),
});
export type JobLogEntry = z.infer<typeof JobLogEntrySchema>;

/** The dry run: what each device would get, before anything is sent. */
export const DevicePlanSchema = z.object({
  deviceId: DeviceIdSchema,
  deviceName: z.string(),
  family: z.string(),
  model: z.string(),
  online: z.boolean(),
  currentVersion: z.string(),
  /** The firmware version the job would install, when it has a firmware step that fits. */
  targetVersion: z.string().nullable(),
  /** Actions it will get, in order; empty when skipped. */
  steps: z.array(z.string()),
  wave: z.number().int().nonnegative().nullable(),
  skip: z.object({ reason: SkipReasonSchema, message: z.string() }).nullable(),
  /** Offline at plan time but will be waited for (offline mode "defer"). */
  deferred: z.boolean(),
});
export type DevicePlan = z.infer<typeof DevicePlanSchema>;

export const JobPlanSchema = z.object({
  devices: z.array(DevicePlanSchema),
  /** Devices that will get steps (deferred ones included). */
  runnable: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  waves: z.array(z.object({ index: z.number().int(), canary: z.boolean(), size: z.number().int() })),
  /** Factory reset or similar: start needs the job's name typed. */
  destructive: z.boolean(),
  /** Firmware server reachability, when a step needs firmware; null otherwise. */
  firmwareServer: z.object({ ok: z.boolean(), url: z.string().nullable(), message: z.string() }).nullable(),
  warnings: z.array(z.string()),
});
export type JobPlan = z.infer<typeof JobPlanSchema>;
