import type { DeviceId } from '../../../../shared/domain/device';
import {
  JobSpecSchema,
  type ExecutionState,
  type ExecutionSummary,
  type FailureReason,
  type JobId,
  type JobSpec,
  type JobState,
  type PauseReason,
  type SkipReason,
} from '../../../../shared/domain/job';
import type { AbortBaseline, StoredJob } from '../../jobs/job-store';

/** The rows of the job tables and what they mean in the domain (./job-repository.ts runs the SQL). */

export interface JobRow {
  id: string;
  name: string;
  spec_json: string;
  state: string;
  pause_reason: string | null;
  pause_message: string | null;
  current_wave: number;
  retry_of: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  abort_baseline_json: string | null;
}

export interface ExecutionRow {
  device_id: string;
  device_name: string;
  state: string;
  wave: number;
  step_index: number;
  attempt: number;
  held: number;
  reason: string | null;
  skip_reason: string | null;
  message: string | null;
  not_before: number | null;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  result: string | null;
  artifact_id: string | null;
}

export function toExecution(row: ExecutionRow): ExecutionSummary {
  return {
    deviceId: row.device_id as DeviceId,
    deviceName: row.device_name,
    state: row.state as ExecutionState,
    wave: row.wave,
    stepIndex: row.step_index,
    attempt: row.attempt,
    held: row.held === 1,
    reason: row.reason as FailureReason | null,
    skipReason: row.skip_reason as SkipReason | null,
    message: row.message,
    notBefore: row.not_before,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    result: row.result,
    artifactId: row.artifact_id,
    progress: null,
  };
}

export function parseSpec(json: string): JobSpec | null {
  try {
    const parsed = JobSpecSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function parseBaseline(json: string | null): AbortBaseline | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as AbortBaseline;
  } catch {
    return null;
  }
}

export function toStored(row: JobRow): StoredJob {
  return {
    id: row.id as JobId,
    state: row.state as JobState,
    pauseReason: row.pause_reason as PauseReason | null,
    currentWave: row.current_wave,
    startedAt: row.started_at,
    abortBaseline: parseBaseline(row.abort_baseline_json),
    spec: parseSpec(row.spec_json),
  };
}
