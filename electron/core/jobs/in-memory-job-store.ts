import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, JobDetail, JobId, JobLogEntry, JobSummary } from '../../../shared/domain/job';
import { isUnfinishedJob, jobSummary, summarize, type JobFacts } from '../../../shared/domain/job-rules';
import { assertNever } from '../../../shared/util/assert-never';
import {
  JobStoreWriteError,
  type AbortBaseline,
  type JobStore,
  type JournalWrite,
  type NewExecution,
  type StoredJob,
} from './job-store';
import { journalLines } from './journal-lines';
import { newExecution } from './run-ledger';

interface JobRecord {
  facts: JobFacts;
  abortBaseline: AbortBaseline | null;
  /** In position order. */
  executions: ExecutionSummary[];
  positions: Map<DeviceId, number>;
  announcements: Map<DeviceId, number>;
}

/**
 * Jobs kept in memory, for tests and anything that needs no history across restarts. It keeps what the SQLite
 * store keeps (the journal included, so `log` works) and commits the same way: every write of a batch, or, when
 * one of them or `inTransaction` throws, none.
 */
export class InMemoryJobStore implements JobStore {
  /** In creation order. */
  private readonly jobs = new Map<JobId, JobRecord>();
  private readonly journal: (JobLogEntry & { jobId: JobId })[] = [];
  private seq = 0;

  commit(writes: readonly JournalWrite[], inTransaction?: () => void): void {
    const undo: (() => void)[] = [];
    const journalLength = this.journal.length;
    const seq = this.seq;
    try {
      for (const w of writes) {
        this.write(w, undo);
        for (const line of journalLines(w)) this.journal.push({ ...line, jobId: w.jobId, seq: ++this.seq });
      }
      inTransaction?.();
    } catch (error) {
      for (const step of undo.reverse()) step();
      this.journal.length = journalLength;
      this.seq = seq;
      throw error;
    }
  }

  find(jobId: JobId): StoredJob | null {
    const record = this.jobs.get(jobId);
    return record ? stored(record) : null;
  }

  detail(jobId: JobId): JobDetail | null {
    const record = this.jobs.get(jobId);
    return record ? { job: summaryOf(record), executions: [...record.executions] } : null;
  }

  list(): JobSummary[] {
    const newestFirst = [...this.jobs.values()].sort(
      (a, b) => b.facts.createdAt - a.facts.createdAt || (a.facts.id < b.facts.id ? 1 : -1),
    );
    return newestFirst.map(summaryOf);
  }

  unfinished(): StoredJob[] {
    return [...this.jobs.values()]
      .filter((r) => isUnfinishedJob(r.facts.state))
      .sort((a, b) => a.facts.createdAt - b.facts.createdAt)
      .map(stored);
  }

  executions(jobId: JobId): ExecutionSummary[] {
    return [...(this.jobs.get(jobId)?.executions ?? [])];
  }

  announcements(jobId: JobId): Map<DeviceId, number> {
    return new Map(this.jobs.get(jobId)?.announcements);
  }

  lastSeq(): number {
    return this.seq;
  }

  log(jobId: JobId, afterSeq: number, limit: number): JobLogEntry[] {
    return this.journal
      .filter((line) => line.jobId === jobId && line.seq > afterSeq)
      .slice(0, limit)
      .map(({ jobId: _jobId, ...entry }) => entry);
  }

  /** Applies one write and pushes how to take it back. */
  private write(w: JournalWrite, undo: (() => void)[]): void {
    switch (w.kind) {
      case 'create': {
        if (this.jobs.has(w.jobId)) throw new JobStoreWriteError(`job ${w.jobId} exists already`);
        const record: JobRecord = {
          facts: {
            id: w.jobId,
            name: w.spec.name,
            spec: w.spec,
            state: w.state,
            pauseReason: null,
            pauseMessage: null,
            currentWave: 0,
            retryOf: w.retryOf,
            createdAt: w.at,
            startedAt: null,
            finishedAt: null,
          },
          abortBaseline: null,
          executions: [],
          positions: new Map(),
          announcements: new Map(),
        };
        this.jobs.set(w.jobId, record);
        undo.push(() => this.jobs.delete(w.jobId));
        return this.add(record, w.devices, w.at, undo);
      }
      case 'append': {
        const record = this.record(w.jobId);
        if (w.firstPosition !== record.executions.length) {
          throw new JobStoreWriteError(
            `job ${w.jobId} has ${record.executions.length} devices, not ${w.firstPosition}`,
          );
        }
        return this.add(record, w.devices, w.at, undo);
      }
      case 'execution': {
        const record = this.record(w.jobId);
        const position = record.positions.get(w.after.deviceId);
        if (position === undefined)
          throw new JobStoreWriteError(`device ${w.after.deviceId} is not in job ${w.jobId}`);
        const kept = record.executions[position]!;
        // What a store keeps: live progress is not stored, and a device never changes name or wave in a job.
        record.executions[position] = {
          ...w.after,
          deviceName: kept.deviceName,
          wave: kept.wave,
          progress: null,
        };
        undo.push(() => (record.executions[position] = kept));
        return;
      }
      case 'job': {
        const record = this.record(w.jobId);
        const { facts, abortBaseline } = record;
        const { abortBaseline: baseline, ...fields } = w.fields;
        record.facts = { ...facts, ...fields, state: w.to };
        record.abortBaseline = baseline ?? abortBaseline;
        undo.push(() => Object.assign(record, { facts, abortBaseline }));
        return;
      }
      case 'announce': {
        const record = this.record(w.jobId);
        const before = new Map(record.announcements);
        for (const id of w.deviceIds) record.announcements.set(id, w.at);
        undo.push(() => (record.announcements = before));
        return;
      }
      default:
        return assertNever(w, 'journal write');
    }
  }

  private add(record: JobRecord, devices: readonly NewExecution[], at: number, undo: (() => void)[]): void {
    const length = record.executions.length;
    undo.push(() => {
      for (const e of record.executions.splice(length)) record.positions.delete(e.deviceId);
    });
    for (const d of devices) {
      if (record.positions.has(d.id))
        throw new JobStoreWriteError(`device ${d.id} is in job ${record.facts.id} already`);
      record.positions.set(d.id, record.executions.length);
      record.executions.push(newExecution(d, at));
    }
  }

  private record(jobId: JobId): JobRecord {
    const record = this.jobs.get(jobId);
    if (!record) throw new JobStoreWriteError(`no job ${jobId}`);
    return record;
  }
}

function summaryOf(record: JobRecord): JobSummary {
  return jobSummary(record.facts, summarize(record.executions));
}

function stored({ facts, abortBaseline }: JobRecord): StoredJob {
  const { id, state, pauseReason, currentWave, startedAt, spec } = facts;
  return { id, state, pauseReason, currentWave, startedAt, abortBaseline, spec };
}
