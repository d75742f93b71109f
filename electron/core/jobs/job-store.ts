import type { DeviceId } from '../../../shared/domain/device';
import type {
  ExecutionSummary,
  FailureReason,
  JobDetail,
  JobId,
  JobLogEntry,
  JobSpec,
  JobState,
  JobSummary,
  PauseReason,
  SkipReason,
} from '../../../shared/domain/job';

/** Executed counts at the last resume; the abort threshold only counts what came after. */
export interface AbortBaseline {
  succeeded: number;
  failed: number;
  byReason: Partial<Record<FailureReason, number>>;
}

/** A job as the engine needs it to run it again: its state and spec, without its executions. */
export interface StoredJob {
  id: JobId;
  state: JobState;
  pauseReason: PauseReason | null;
  currentWave: number;
  startedAt: number | null;
  abortBaseline: AbortBaseline | null;
  /** Null when the stored spec no longer validates (the job cannot be resumed, only shown). */
  spec: JobSpec | null;
}

/** A device a job takes in: queued, or skipped from the start with the plan's reason. */
export interface NewExecution {
  id: DeviceId;
  name: string;
  wave: number;
  skip: { reason: SkipReason; message: string } | null;
}

/** One change of a group commit, with its journal line. Every change of a job, its creation included. */
export type JournalWrite =
  | {
      kind: 'execution';
      jobId: JobId;
      /** The device's place in the job (0-based, the order `detail` returns). */
      position: number;
      before: ExecutionSummary;
      after: ExecutionSummary;
      event: string;
      /** When it happened, if not `after.updatedAt` (a crash found at start-up). */
      at?: number;
    }
  | {
      kind: 'job';
      jobId: JobId;
      at: number;
      event: string;
      from: JobState;
      to: JobState;
      fields: {
        pauseReason: PauseReason | null;
        pauseMessage: string | null;
        currentWave: number;
        startedAt: number | null;
        finishedAt: number | null;
        /** Written when given; absent or null keeps the stored one. */
        abortBaseline?: AbortBaseline | null;
      };
      /** The journal line's detail; defaults to the pause message. */
      detail?: string | null;
    }
  /** Devices that may be started from now on without waiting for their own "running" row. */
  | { kind: 'announce'; jobId: JobId; deviceIds: readonly DeviceId[]; at: number }
  /** A new job with its devices in position order (skipped ones ended at `at`); journaled as "created". */
  | {
      kind: 'create';
      jobId: JobId;
      spec: JobSpec;
      at: number;
      state: JobState;
      retryOf: JobId | null;
      devices: readonly NewExecution[];
    }
  /** Devices added to a job at the end (new members of a target smart group), queued; each journaled as "added". */
  | {
      kind: 'append';
      jobId: JobId;
      at: number;
      /** Position of the first added device: the job's device count before the append. */
      firstPosition: number;
      devices: readonly NewExecution[];
    };

/** A write a store cannot apply: it names a job or device the store does not hold. */
export class JobStoreWriteError extends Error {
  override name = 'JobStoreWriteError';
}

/**
 * Where jobs are kept: their state, their devices' executions and the journal of every change. The engine
 * writes only through `commit`, so every change (creation included) lands in one place, in order.
 * Implementations: `JobRepository` (SQLite) and `InMemoryJobStore`; both pass `describeJobStoreConformance`.
 */
export interface JobStore {
  /**
   * Writes every change of the batch, with its journal lines, in one transaction. `inTransaction` runs inside
   * it, after the rows are written; when it (or any write) throws, nothing of the batch is kept and the error
   * is rethrown. A write naming a job (or device) the store does not hold throws (`JobStoreWriteError`, or the
   * database's own error for a job created twice). An empty batch with no `inTransaction` writes nothing.
   */
  commit(writes: readonly JournalWrite[], inTransaction?: () => void): void;
  /** The job's state and spec, or null when there is no such job. */
  find(jobId: JobId): StoredJob | null;
  /** The job's summary and executions in position order, or null when there is no such job. */
  detail(jobId: JobId): JobDetail | null;
  /** Every job's summary, newest first. */
  list(): JobSummary[];
  /** Jobs that had not ended when the process last stopped (see `UNFINISHED_JOB_STATES`), oldest first. */
  unfinished(): StoredJob[];
  /** The job's executions in position order (empty for an unknown job). */
  executions(jobId: JobId): ExecutionSummary[];
  /** When each device of the job was last announced (see the `announce` write). */
  announcements(jobId: JobId): Map<DeviceId, number>;
  /** Up to `limit` journal lines of the job with `seq` above `afterSeq`, oldest first. */
  log(jobId: JobId, afterSeq: number, limit: number): JobLogEntry[];
  /**
   * The `seq` of the newest journal line (0 when there is none). Every commit with events adds a line, so a new
   * process that numbers its commits from here never repeats a number an earlier one used (issue 11's outbox
   * keys on them).
   */
  lastSeq(): number;
}
