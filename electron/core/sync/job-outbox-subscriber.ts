import type { DeviceId } from '../../../shared/domain/device';
import type { JobId, JobSpec } from '../../../shared/domain/job';
import { isUnfinishedJob } from '../../../shared/domain/job-rules';
import type { JobCommitted, JobEventSubscriber } from '../jobs/job-events';
import type { JobStore } from '../jobs/job-store';
import { jobSyncRecords, type RecordedBy } from './job-sync-records';
import type { Outbox } from './outbox';

export interface JobOutboxSubscriberDeps {
  outbox: Outbox;
  /** Names of jobs created before this process saw them (after a restart). */
  jobs: Pick<JobStore, 'find'>;
  /** Tells the sync worker there is something new (called once the commit is on disk). */
  wake: () => void;
  /** The firmware version a device runs now (inventory, after the step's read-back); default: unknown. */
  firmwareOf?: (deviceId: DeviceId) => string | null;
  /** Who records the facts now (the session's operator, this computer); default: nobody named. */
  recordedBy?: () => RecordedBy;
}

/**
 * Puts every job fact to sync into the outbox inside the journal commit that records it, so the job's rows
 * and their outbox rows commit or roll back together (a throw here rolls the commit back, as it should: a
 * fact that cannot be queued must not be recorded as if it were). Wakes the worker once on disk.
 */
export class JobOutboxSubscriber implements JobEventSubscriber {
  private readonly names = new Map<JobId, string | null>();
  /** Jobs with a firmware-update step: their succeeded executions carry the version installed. */
  private readonly updatesFirmware = new Map<JobId, boolean>();
  private queued = false;

  constructor(private readonly deps: JobOutboxSubscriberDeps) {}

  inTransaction(events: readonly JobCommitted[]): void {
    const by = this.deps.recordedBy?.();
    const records = events.flatMap((event) => {
      const name = this.nameOf(event);
      const { firmwareOf } = this.deps;
      return jobSyncRecords(event, name, this.updatesFirmware.get(event.jobId) ? firmwareOf : undefined, by);
    });
    if (records.length === 0) return;
    this.deps.outbox.enqueue(records);
    this.queued = true;
  }

  committed(events: readonly JobCommitted[]): void {
    for (const event of events)
      if (event.job && !isUnfinishedJob(event.job.to)) {
        this.names.delete(event.jobId);
        this.updatesFirmware.delete(event.jobId);
      }
    if (!this.queued) return;
    this.queued = false;
    this.deps.wake();
  }

  private nameOf(event: JobCommitted): string | null {
    if (event.created) this.remember(event.jobId, event.created.spec);
    if (!this.names.has(event.jobId))
      this.remember(event.jobId, this.deps.jobs.find(event.jobId)?.spec ?? null);
    return this.names.get(event.jobId) ?? null;
  }

  private remember(jobId: JobId, spec: JobSpec | null): void {
    this.names.set(jobId, spec?.name ?? null);
    this.updatesFirmware.set(jobId, spec?.steps.some((s) => s.action === 'firmware-update') ?? false);
  }
}
