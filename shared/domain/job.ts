import { z } from 'zod';
import { DeviceIdSchema } from './device';
import { JobStepSchema } from './device-actions';

export { JobStepSchema, type JobStep, type StepAction } from './device-actions';

export const JobIdSchema = z
  .string()
  .regex(/^job_[0-9a-z]{8,40}$/, 'expected a job id like "job_01h…"')
  .brand<'JobId'>();
export type JobId = z.infer<typeof JobIdSchema>;

export const JobPolicySchema = z
  .object({
    /** Devices worked on at the same time. */
    concurrency: z.number().int().min(1).max(500).default(10),
    /** Budget for one step on one device, including the wait for it to come back and be verified. */
    stepTimeoutMs: z.number().int().min(1_000).max(3_600_000).default(180_000),
  })
  .strict();
export type JobPolicy = z.infer<typeof JobPolicySchema>;

/** What a technician asks for. Versioned: stored specs are re-validated on load. */
export const JobSpecSchema = z
  .object({
    version: z.literal(1),
    name: z.string().trim().min(1).max(120),
    targets: z.object({ deviceIds: z.array(DeviceIdSchema).min(1).max(20_000) }).strict(),
    steps: z.array(JobStepSchema).min(1).max(20),
    policy: JobPolicySchema,
  })
  .strict();
export type JobSpec = z.infer<typeof JobSpecSchema>;
export type JobSpecInput = z.input<typeof JobSpecSchema>;

export const JobStateSchema = z.enum(['running', 'canceling', 'completed', 'canceled', 'interrupted']);
export type JobState = z.infer<typeof JobStateSchema>;

export const ExecutionStateSchema = z.enum([
  'queued',
  'running',
  'succeeded',
  'failed',
  'canceled',
  'interrupted',
]);
export type ExecutionState = z.infer<typeof ExecutionStateSchema>;

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

export const ExecutionSummarySchema = z.object({
  deviceId: DeviceIdSchema,
  deviceName: z.string(),
  state: ExecutionStateSchema,
  /** Index of the step running or last run. */
  stepIndex: z.number().int().nonnegative(),
  reason: FailureReasonSchema.nullable(),
  message: z.string().nullable(),
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

export const ExecutionCountsSchema = z.object(
  Object.fromEntries(ExecutionStateSchema.options.map((s) => [s, z.number().int().nonnegative()])) as Record<
    ExecutionState,
    z.ZodNumber
  >,
);
export type ExecutionCounts = z.infer<typeof ExecutionCountsSchema>;

export const JobSummarySchema = z.object({
  id: JobIdSchema,
  name: z.string(),
  state: JobStateSchema,
  steps: z.array(JobStepSchema),
  concurrency: z.number().int(),
  total: z.number().int().nonnegative(),
  counts: ExecutionCountsSchema,
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const JobDetailSchema = z.object({
  job: JobSummarySchema,
  executions: z.array(ExecutionSummarySchema),
});
export type JobDetail = z.infer<typeof JobDetailSchema>;

/** Pushed as a job moves: the job's counts plus the executions that changed since the last event. */
export const JobProgressSchema = JobDetailSchema;
export type JobProgress = z.infer<typeof JobProgressSchema>;
