import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionState, JobId, JobState } from '../../../shared/domain/job';
import type { ReportAuditChain, ReportAuditEntry } from '../../../shared/domain/report';

/** A run as the report reads it from storage. */
export interface ReportRunRow {
  jobId: JobId;
  name: string;
  state: JobState;
  retryOf: JobId | null;
  /** Step actions in order; empty when the stored spec no longer validates. */
  steps: string[];
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  devices: number;
}

/** One device execution with the versions the run recorded (./version-recorder.ts). */
export interface ReportDeviceRow {
  jobId: JobId;
  deviceId: DeviceId;
  name: string;
  model: string | null;
  family: string | null;
  firmwareBefore: string | null;
  firmwareAfter: string | null;
  state: ExecutionState;
  reason: string | null;
  message: string | null;
  attempts: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** What the report reads from the job tables (implemented by ReportRepository, SQLite). */
export interface ReportStore {
  /** The run, or null when there is no such job. */
  run(jobId: JobId): ReportRunRow | null;
  /** Runs whose start is in [from, to), oldest first. */
  runsStartedBetween(from: number, to: number): ReportRunRow[];
  /** Executions of the runs, run by run in the given order, each in device position order. */
  devices(jobIds: readonly JobId[]): ReportDeviceRow[];
  /** When each ended execution of the runs ended (its last end transition in the journal), unsorted. */
  finishTimes(jobIds: readonly JobId[]): number[];
}

/**
 * The audit log as the report needs it (H2's AuditReader behind an adapter). `jobId` narrows to one run's
 * entries; `from` (inclusive) and `to` (exclusive) to a time range. Oldest first.
 */
export interface ReportAuditSource {
  entries(query: { jobId?: JobId; from?: number; to?: number }): ReportAuditEntry[];
  /**
   * The hash chain checked now (a row edited since the app opened counts): a report that prints operators
   * from a broken chain must say so.
   */
  chain(): ReportAuditChain;
}

/** A source with no audit log (before the log exists, or in tests that do not need it): nothing to break. */
export const NO_AUDIT: ReportAuditSource = {
  entries: () => [],
  chain: () => ({ intact: true, entries: 0, brokenAt: null, checkedAt: 0 }),
};

/** Writes the firmware a run's devices had when taken in and when they ended (migration report-versions). */
export interface VersionLedger {
  /** Records each device's inventory identity as "before"; for `ended` ones also as "after". */
  takenIn(jobId: JobId, deviceIds: readonly DeviceId[], ended: readonly DeviceId[]): void;
  /** Records each device's inventory firmware now (its read-back was written before it ended) as "after". */
  ended(jobId: JobId, deviceIds: readonly DeviceId[]): void;
}
