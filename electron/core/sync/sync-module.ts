import type { DeviceId } from '../../../shared/domain/device';
import type { JobStore } from '../jobs/job-store';
import type { Clock, Logger } from '../ports';
import type { Db } from '../storage/database';
import { OutboxRepository } from '../storage/repositories/outbox-repository';
import { JobOutboxSubscriber } from './job-outbox-subscriber';
import type { RecordedBy } from './job-sync-records';
import { SyncWorker } from './sync-worker';

export interface SyncModule {
  /** Where other domains (audit) enqueue their records, on their own transaction. */
  outbox: OutboxRepository;
  /** Starts with no target; the sync settings service gives it the enabled ones (`setTargets`). */
  worker: SyncWorker;
  /** Subscribe to the job event stream before the first commit (recovery included). */
  jobSubscriber: JobOutboxSubscriber;
}

/** The outbox sync parts on the app's database, built once by the composition root. */
export function createSyncModule(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  jobs: Pick<JobStore, 'find'>;
  /** The firmware a device runs now, for the records of firmware updates (hawkBit reports them). */
  firmwareOf?: (deviceId: DeviceId) => string | null;
  /** Who records the facts now (the session's operator, this computer). */
  recordedBy?: () => RecordedBy;
}): SyncModule {
  const outbox = new OutboxRepository(deps.db, () => deps.clock.now());
  const worker = new SyncWorker({ outbox, clock: deps.clock, logger: deps.logger });
  const jobSubscriber = new JobOutboxSubscriber({
    outbox,
    jobs: deps.jobs,
    wake: () => worker.wake(),
    firmwareOf: deps.firmwareOf,
    recordedBy: deps.recordedBy,
  });
  return { outbox, worker, jobSubscriber };
}
