import type { DeviceId } from '../../../../shared/domain/device';
import {
  ExecutionStateSchema,
  JobSpecSchema,
  type ExecutionCounts,
  type ExecutionState,
  type ExecutionSummary,
  type FailureReason,
  type JobDetail,
  type JobId,
  type JobSpec,
  type JobState,
  type JobSummary,
} from '../../../../shared/domain/job';
import type { Db } from '../database';

interface JobRow {
  id: string;
  name: string;
  spec_json: string;
  state: string;
  created_at: number;
  finished_at: number | null;
}

interface ExecutionRow {
  device_id: string;
  device_name: string;
  state: string;
  step_index: number;
  reason: string | null;
  message: string | null;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  result: string | null;
  artifact_id: string | null;
}

export interface StoredJob {
  id: JobId;
  state: JobState;
  /** Null when the stored spec no longer validates (the job cannot be resumed, only shown). */
  spec: JobSpec | null;
}

export function emptyCounts(): ExecutionCounts {
  return Object.fromEntries(ExecutionStateSchema.options.map((s) => [s, 0])) as ExecutionCounts;
}

function toExecution(row: ExecutionRow): ExecutionSummary {
  return {
    deviceId: row.device_id as DeviceId,
    deviceName: row.device_name,
    state: row.state as ExecutionState,
    stepIndex: row.step_index,
    reason: row.reason as FailureReason | null,
    message: row.message,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    result: row.result,
    artifactId: row.artifact_id,
    progress: null,
  };
}

function parseSpec(json: string): JobSpec | null {
  try {
    const parsed = JobSpecSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * All SQL about jobs. Each state change and its journal row are written in one transaction, and the
 * caller writes before it acts or tells the UI, so the database is never behind what anyone saw.
 */
export class JobRepository {
  private readonly insertJournal;
  private readonly updateExecution;
  private readonly updateJob;
  private readonly selectCounts;
  private readonly selectJob;
  private readonly selectExecutions;

  constructor(private readonly db: Db) {
    this.insertJournal = db.prepare(`
      INSERT INTO job_journal (job_id, device_id, at, event, from_state, to_state, detail_json)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.updateExecution = db.prepare(`
      UPDATE job_executions SET state = @state, step_index = @stepIndex, reason = @reason, message = @message,
        started_at = @startedAt, finished_at = @finishedAt, updated_at = @updatedAt, result = @result,
        artifact_id = @artifactId
      WHERE job_id = @jobId AND device_id = @deviceId`);
    this.updateJob = db.prepare('UPDATE jobs SET state = ?, finished_at = ? WHERE id = ?');
    this.selectCounts = db.prepare(
      'SELECT state, count(*) AS n FROM job_executions WHERE job_id = ? GROUP BY state',
    );
    this.selectJob = db.prepare('SELECT * FROM jobs WHERE id = ?');
    this.selectExecutions = db.prepare('SELECT * FROM job_executions WHERE job_id = ? ORDER BY position');
  }

  create(input: {
    id: JobId;
    spec: JobSpec;
    at: number;
    devices: readonly { id: DeviceId; name: string }[];
  }): void {
    const insertJob = this.db.prepare(`
      INSERT INTO jobs (id, name, spec_version, spec_json, state, created_at) VALUES (?, ?, ?, ?, 'running', ?)`);
    const insertExecution = this.db.prepare(`
      INSERT INTO job_executions (job_id, device_id, device_name, position, state, updated_at)
      VALUES (?, ?, ?, ?, 'queued', ?)`);
    this.db.transaction(() => {
      insertJob.run(input.id, input.spec.name, input.spec.version, JSON.stringify(input.spec), input.at);
      input.devices.forEach((d, i) => insertExecution.run(input.id, d.id, d.name, i, input.at));
      this.insertJournal.run(input.id, null, input.at, 'created', null, 'running', null);
    })();
  }

  /** Persists one execution transition with its journal row. */
  saveExecution(jobId: JobId, before: ExecutionSummary, after: ExecutionSummary, event: string): void {
    this.db.transaction(() => {
      const { progress: _volatile, ...stored } = after;
      this.updateExecution.run({ jobId, ...stored });
      const detail = after.reason ? JSON.stringify({ reason: after.reason, message: after.message }) : null;
      this.insertJournal.run(
        jobId,
        after.deviceId,
        after.updatedAt,
        event,
        before.state,
        after.state,
        detail,
      );
    })();
  }

  saveJobState(jobId: JobId, from: JobState, to: JobState, at: number, event: string): void {
    const finishedAt = to === 'completed' || to === 'canceled' ? at : null;
    this.db.transaction(() => {
      this.updateJob.run(to, finishedAt, jobId);
      this.insertJournal.run(jobId, null, at, event, from, to, null);
    })();
  }

  counts(jobId: JobId): ExecutionCounts {
    const counts = emptyCounts();
    for (const row of this.selectCounts.all(jobId) as { state: ExecutionState; n: number }[])
      counts[row.state] = row.n;
    return counts;
  }

  find(jobId: JobId): StoredJob | null {
    const row = this.selectJob.get(jobId) as JobRow | undefined;
    return row ? { id: row.id as JobId, state: row.state as JobState, spec: parseSpec(row.spec_json) } : null;
  }

  summary(jobId: JobId): JobSummary | null {
    const row = this.selectJob.get(jobId) as JobRow | undefined;
    return row ? this.toSummary(row) : null;
  }

  detail(jobId: JobId): JobDetail | null {
    const job = this.summary(jobId);
    if (!job) return null;
    return { job, executions: this.executions(jobId) };
  }

  executions(jobId: JobId): ExecutionSummary[] {
    return (this.selectExecutions.all(jobId) as ExecutionRow[]).map(toExecution);
  }

  list(): JobSummary[] {
    const rows = this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, id DESC').all() as JobRow[];
    return rows.map((row) => this.toSummary(row));
  }

  /** Jobs that were running or canceling when the process last stopped. */
  unfinished(): StoredJob[] {
    const rows = this.db
      .prepare("SELECT * FROM jobs WHERE state IN ('running', 'canceling') ORDER BY created_at")
      .all() as JobRow[];
    return rows.map((row) => ({
      id: row.id as JobId,
      state: row.state as JobState,
      spec: parseSpec(row.spec_json),
    }));
  }

  journal(jobId: JobId): { deviceId: string | null; event: string; from: string | null; to: string }[] {
    return this.db
      .prepare(
        'SELECT device_id AS deviceId, event, from_state AS "from", to_state AS "to" FROM job_journal WHERE job_id = ? ORDER BY seq',
      )
      .all(jobId) as { deviceId: string | null; event: string; from: string | null; to: string }[];
  }

  private toSummary(row: JobRow): JobSummary {
    const spec = parseSpec(row.spec_json);
    const counts = this.counts(row.id as JobId);
    return {
      id: row.id as JobId,
      name: row.name,
      state: row.state as JobState,
      steps: spec?.steps ?? [],
      concurrency: spec?.policy.concurrency ?? 0,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      counts,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    };
  }
}
