import type { DeviceId } from '../../../../shared/domain/device';
import {
  type ExecutionState,
  type ExecutionSummary,
  type FailureReason,
  type JobDetail,
  type JobId,
  type JobLogEntry,
  type JobState,
  type JobSummary,
  type PauseReason,
} from '../../../../shared/domain/job';
import {
  jobSummary,
  summarize,
  UNFINISHED_JOB_STATES,
  type JobTallies,
} from '../../../../shared/domain/job-rules';
import { assertNever } from '../../../../shared/util/assert-never';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';
import {
  JobStoreWriteError,
  type JobStore,
  type JournalWrite,
  type NewExecution,
  type StoredJob,
} from '../../jobs/job-store';
import { journalLines, type JournalLine } from '../../jobs/journal-lines';
import { parseSpec, toExecution, toStored, type ExecutionRow, type JobRow } from './job-rows';

/**
 * All SQL about jobs. Each state change and its journal row are written in one transaction; `commit` writes
 * a batch of them at once (the engine's group commit), so the database is never behind what anyone saw.
 */
export class JobRepository implements JobStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  commit(writes: readonly JournalWrite[], inTransaction?: () => void): void {
    if (writes.length === 0 && !inTransaction) return;
    this.db.transaction(() => {
      for (const w of writes) {
        this.write(w);
        for (const line of journalLines(w)) this.journalRow(w.jobId, line);
      }
      inTransaction?.();
    })();
  }

  private write(w: JournalWrite): void {
    switch (w.kind) {
      case 'execution':
        return this.writeExecution(w);
      case 'job':
        return this.writeJob(w);
      case 'announce':
        return this.writeAnnouncement(w);
      case 'create':
        return this.writeCreate(w);
      case 'append':
        return this.writeAppend(w);
      default:
        return assertNever(w, 'journal write');
    }
  }

  private writeCreate(w: Extract<JournalWrite, { kind: 'create' }>): void {
    this.sql(
      `
      INSERT INTO jobs (id, name, spec_version, spec_json, state, created_at, retry_of)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(w.jobId, w.spec.name, w.spec.version, JSON.stringify(w.spec), w.state, w.at, w.retryOf);
    this.insertExecutions(w.jobId, w.at, 0, w.devices);
  }

  private writeAppend(w: Extract<JournalWrite, { kind: 'append' }>): void {
    this.insertExecutions(w.jobId, w.at, w.firstPosition, w.devices);
  }

  private insertExecutions(jobId: JobId, at: number, first: number, devices: readonly NewExecution[]): void {
    const insert = this.sql(`
      INSERT INTO job_executions (job_id, device_id, device_name, position, state, wave, skip_reason, message,
        finished_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    devices.forEach((d, i) => {
      const skipped = d.skip !== null;
      insert.run(
        jobId,
        d.id,
        d.name,
        first + i,
        skipped ? 'skipped' : 'queued',
        d.wave,
        d.skip?.reason ?? null,
        d.skip?.message ?? null,
        skipped ? at : null,
        at,
      );
    });
  }

  find(jobId: JobId): StoredJob | null {
    const row = this.sql('SELECT * FROM jobs WHERE id = ?').get(jobId) as JobRow | undefined;
    return row ? toStored(row) : null;
  }

  detail(jobId: JobId): JobDetail | null {
    const row = this.sql('SELECT * FROM jobs WHERE id = ?').get(jobId) as JobRow | undefined;
    return row ? { job: this.toSummary(row), executions: this.executions(jobId) } : null;
  }

  executions(jobId: JobId): ExecutionSummary[] {
    const rows = this.sql('SELECT * FROM job_executions WHERE job_id = ? ORDER BY position').all(
      jobId,
    ) as ExecutionRow[];
    return rows.map(toExecution);
  }

  list(): JobSummary[] {
    const rows = this.sql('SELECT * FROM jobs ORDER BY created_at DESC, id DESC').all() as JobRow[];
    return rows.map((row) => this.toSummary(row));
  }

  /** Jobs that had not ended when the process last stopped. */
  unfinished(): StoredJob[] {
    const states = UNFINISHED_JOB_STATES.map(() => '?').join(', ');
    const rows = this.sql(`SELECT * FROM jobs WHERE state IN (${states}) ORDER BY created_at`).all(
      ...UNFINISHED_JOB_STATES,
    ) as JobRow[];
    return rows.map(toStored);
  }

  lastSeq(): number {
    return (this.sql('SELECT coalesce(max(seq), 0) AS seq FROM job_journal').get() as { seq: number }).seq;
  }

  log(jobId: JobId, afterSeq: number, limit: number): JobLogEntry[] {
    const rows = this.sql(
      `
      SELECT seq, at, device_id AS deviceId, event, from_state AS "from", to_state AS "to", detail_json AS detail
      FROM job_journal WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ).all(jobId, afterSeq, limit);
    return rows as JobLogEntry[];
  }

  private writeExecution(w: Extract<JournalWrite, { kind: 'execution' }>): void {
    const a = w.after;
    const { changes } = this.sql(
      `
      UPDATE job_executions SET state = ?, step_index = ?, attempt = ?, held = ?, reason = ?, skip_reason = ?,
        message = ?, not_before = ?, started_at = ?, finished_at = ?, updated_at = ?, result = ?, artifact_id = ?
      WHERE job_id = ? AND device_id = ?`,
    ).run(
      a.state,
      a.stepIndex,
      a.attempt,
      a.held ? 1 : 0,
      a.reason,
      a.skipReason,
      a.message,
      a.notBefore,
      a.startedAt,
      a.finishedAt,
      a.updatedAt,
      a.result,
      a.artifactId,
      w.jobId,
      a.deviceId,
    );
    if (changes === 0) throw new JobStoreWriteError(`device ${a.deviceId} is not in job ${w.jobId}`);
  }

  private writeAnnouncement(w: Extract<JournalWrite, { kind: 'announce' }>): void {
    const upsert = this.sql(
      'INSERT OR REPLACE INTO job_announcements (job_id, device_id, at) VALUES (?, ?, ?)',
    );
    for (const deviceId of w.deviceIds) upsert.run(w.jobId, deviceId, w.at);
  }

  /** When each device of the job was last announced (see migration 0006). */
  announcements(jobId: JobId): Map<DeviceId, number> {
    const rows = this.sql('SELECT device_id, at FROM job_announcements WHERE job_id = ?').all(jobId) as {
      device_id: DeviceId;
      at: number;
    }[];
    return new Map(rows.map((r) => [r.device_id, r.at]));
  }

  private writeJob(w: Extract<JournalWrite, { kind: 'job' }>): void {
    const f = w.fields;
    const { changes } = this.sql(
      `
      UPDATE jobs SET state = ?, pause_reason = ?, pause_message = ?, current_wave = ?, started_at = ?,
        finished_at = ?, abort_baseline_json = coalesce(?, abort_baseline_json)
      WHERE id = ?`,
    ).run(
      w.to,
      f.pauseReason,
      f.pauseMessage,
      f.currentWave,
      f.startedAt,
      f.finishedAt,
      f.abortBaseline ? JSON.stringify(f.abortBaseline) : null,
      w.jobId,
    );
    if (changes === 0) throw new JobStoreWriteError(`no job ${w.jobId}`);
  }

  private journalRow(jobId: JobId, line: JournalLine): void {
    this.sql(
      `
      INSERT INTO job_journal (job_id, device_id, at, event, from_state, to_state, detail_json)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(jobId, line.deviceId, line.at, line.event, line.from, line.to, line.detail);
  }

  /** The executions' tallies (see `summarize`), from one grouped read rather than every row. */
  private tallies(jobId: JobId): JobTallies {
    const groups = this.sql(
      `
      SELECT wave, state, held, reason, count(*) AS n FROM job_executions WHERE job_id = ?
      GROUP BY wave, state, held, reason`,
    ).all(jobId) as {
      wave: number;
      state: ExecutionState;
      held: number;
      reason: FailureReason | null;
      n: number;
    }[];
    return summarize(groups.map((g) => ({ ...g, held: g.held === 1 })));
  }

  private toSummary(row: JobRow): JobSummary {
    const job = {
      id: row.id as JobId,
      name: row.name,
      spec: parseSpec(row.spec_json),
      state: row.state as JobState,
      pauseReason: row.pause_reason as PauseReason | null,
      pauseMessage: row.pause_message,
      currentWave: row.current_wave,
      retryOf: row.retry_of as JobId | null,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
    };
    return jobSummary(job, this.tallies(job.id));
  }
}
