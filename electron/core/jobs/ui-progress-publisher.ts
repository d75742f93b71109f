import type { ExecutionSummary, JobId, JobSummary } from '../../../shared/domain/job';
import { progressPayload } from '../../../shared/domain/job-progress';
import type { EventSink } from '../ports';
import type { JobCommitted, JobEventSubscriber } from './job-events';

/** A device's execution at its place in the job. */
export interface PositionedExecution {
  position: number;
  execution: ExecutionSummary;
}

/**
 * `jobs.progressed` for the windows: once per job per commit, the job's live summary with the executions the
 * commit changed (the newest per device), and live step progress, which is never journaled, as it comes.
 * Devices created with the job are not sent: a window opening the job reads them with `jobs.get`.
 */
export class UiProgressPublisher implements JobEventSubscriber {
  constructor(
    private readonly deps: {
      events: EventSink;
      /** The job's summary as its run has it now, or null when no run of this process has it. */
      liveSummary: (jobId: JobId) => JobSummary | null;
    },
  ) {}

  committed(events: readonly JobCommitted[]): void {
    for (const event of events) {
      const job = this.deps.liveSummary(event.jobId);
      if (!job) continue;
      const newest = new Map<number, ExecutionSummary>();
      for (const c of event.executions) if (c.event !== 'created') newest.set(c.position, c.after);
      const changed = [...newest].map(([position, execution]) => ({ position, execution }));
      this.deps.events.emit('jobs.progressed', progressPayload(job, event.seq, changed));
    }
  }

  /** What is live and not journaled: a step's progress, or a run shown as it is (`seq`: the last commit). */
  show(job: JobSummary, seq: number, changed: readonly PositionedExecution[]): void {
    this.deps.events.emit('jobs.progressed', progressPayload(job, seq, changed));
  }
}
