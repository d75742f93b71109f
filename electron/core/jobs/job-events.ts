import type { ExecutionSummary, JobId, JobSpec, JobState } from '../../../shared/domain/job';
import { assertNever } from '../../../shared/util/assert-never';
import type { Logger } from '../ports';
import type { JournalWrite } from './job-store';
import { newExecution } from './run-ledger';

/** One device's change in a commit; `before` is null when the device was added (created with the job, or appended). */
export interface ExecutionChanged {
  position: number;
  before: ExecutionSummary | null;
  after: ExecutionSummary;
  /** The journal line's event (`started`, `step-succeeded`, `created`, `added`, ...). */
  event: string;
}

/** What one journal commit changed in one job. */
export interface JobCommitted {
  /** Commit number: the same for every job of one commit, increasing by 1 per commit in this process. */
  seq: number;
  jobId: JobId;
  /** The latest time among the commit's changes of this job. */
  at: number;
  /** Set when the commit created the job. */
  created: { spec: JobSpec; retryOf: JobId | null } | null;
  /** The last job-level transition in this commit (`from` is null for a creation). */
  job: { event: string; from: JobState | null; to: JobState } | null;
  /** In write order; one device may appear more than once. */
  executions: ExecutionChanged[];
}

/** Something that wants to know every job change once, in commit order. */
export interface JobEventSubscriber {
  /**
   * Runs inside the commit's transaction, after its rows, in commit order (issue 11's outbox writes here).
   * A throw rolls the whole commit back: its writers' promises reject, and `committed` is not called.
   */
  inTransaction?(events: readonly JobCommitted[]): void;
  /** Runs once the commit is on disk, in commit order. Must not throw: errors are logged and swallowed. */
  committed?(events: readonly JobCommitted[]): void;
}

/**
 * The job domain's events: one `JobCommitted` per job per journal commit, with what changed. The journal
 * writer is the only publisher (`publish`); the UI, firmware hooks and sync subscribe.
 */
export class JobEventStream {
  private readonly subscribers = new Set<JobEventSubscriber>();
  private seq: number;

  /** `lastSeq`: the number of the last commit already made (a restart may continue above it); default 0. */
  constructor(
    private readonly logger: Logger,
    lastSeq = 0,
  ) {
    this.seq = lastSeq;
  }

  /** The number of the last commit that carried events. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Adds a subscriber; returns the unsubscribe. */
  subscribe(subscriber: JobEventSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /**
   * Writes `writes` through `commit` with the events of the commit run inside its transaction, then tells
   * the subscribers it is on disk. Rethrows what the commit (or an `inTransaction` subscriber) threw; the
   * commit number is then not used up.
   */
  publish(writes: readonly JournalWrite[], commit: (inTransaction?: () => void) => void): void {
    const events = eventsOf(writes, this.seq + 1);
    if (events.length === 0) {
      commit();
      return;
    }
    commit(() => {
      for (const s of this.subscribers) s.inTransaction?.(events);
    });
    this.seq += 1;
    for (const s of this.subscribers) {
      try {
        s.committed?.(events);
      } catch (error) {
        this.logger.error('job event subscriber failed', { seq: this.seq, error: String(error) });
      }
    }
  }
}

/** One event per job the writes touch, in the order jobs first appear; `announce` writes carry none. */
export function eventsOf(writes: readonly JournalWrite[], seq: number): JobCommitted[] {
  const byJob = new Map<JobId, JobCommitted>();
  const eventOf = (jobId: JobId, at: number): JobCommitted => {
    let event = byJob.get(jobId);
    if (!event) {
      event = { seq, jobId, at, created: null, job: null, executions: [] };
      byJob.set(jobId, event);
    }
    event.at = Math.max(event.at, at);
    return event;
  };
  for (const w of writes) {
    switch (w.kind) {
      case 'announce':
        break;
      case 'execution': {
        const { position, before, after } = w;
        eventOf(w.jobId, w.at ?? after.updatedAt).executions.push({
          position,
          before,
          after,
          event: w.event,
        });
        break;
      }
      case 'job':
        eventOf(w.jobId, w.at).job = { event: w.event, from: w.from, to: w.to };
        break;
      case 'create': {
        const event = eventOf(w.jobId, w.at);
        event.created = { spec: w.spec, retryOf: w.retryOf };
        event.job = { event: 'created', from: null, to: w.state };
        w.devices.forEach((d, position) =>
          event.executions.push({ position, before: null, after: newExecution(d, w.at), event: 'created' }),
        );
        break;
      }
      case 'append': {
        const event = eventOf(w.jobId, w.at);
        w.devices.forEach((d, i) =>
          event.executions.push({
            position: w.firstPosition + i,
            before: null,
            after: newExecution({ ...d, skip: null }, w.at),
            event: 'added',
          }),
        );
        break;
      }
      default:
        assertNever(w);
    }
  }
  return [...byJob.values()];
}
