import type { DeviceId } from '../../shared/domain/device';
import type { GroupId } from '../../shared/domain/group';
import type { JobDetail, JobId } from '../../shared/domain/job';
import { createHistoryModule } from './history/history-module';
import type { JobEventStream } from './jobs/job-events';
import type { JobStore } from './jobs/job-store';
import type { Clock, Logger } from './ports';
import { createReportModule } from './reports/report-module';
import type { Db } from './storage/database';
import type { RecordedBy } from './sync/job-sync-records';
import { createSyncModule } from './sync/sync-module';

/**
 * What issue 11 keeps of every job commit, subscribed to the job event stream before its first commit
 * (recovery included): the history index, the sync outbox (in the commit's transaction) and the firmware
 * versions the report needs (in the commit's transaction). The app core and the engine bench both wire it here,
 * so the bench measures what the app does.
 */
export function subscribeJobRecords(
  stream: JobEventStream,
  deps: {
    db: Db;
    dataDir: string;
    clock: Clock;
    logger: Logger;
    version: string;
    jobs: Pick<JobStore, 'find'>;
    groups: { members(id: GroupId): DeviceId[] };
    job: (id: JobId) => JobDetail;
    /** The firmware a device runs now, for the records of firmware updates (hawkBit reports them). */
    firmwareOf?: (deviceId: DeviceId) => string | null;
    /** Who records the facts now (the session's operator, this computer), for the sync records. */
    recordedBy?: () => RecordedBy;
  },
) {
  const { db, clock, logger } = deps;
  const history = createHistoryModule({
    ...{ db, clock, logger },
    dataDir: deps.dataDir,
    groups: deps.groups,
    job: deps.job,
  });
  stream.subscribe(history.indexer);
  const { jobs, firmwareOf, recordedBy } = deps;
  const sync = createSyncModule({ ...{ db, clock, logger, jobs, firmwareOf, recordedBy } });
  stream.subscribe(sync.jobSubscriber);
  const reports = createReportModule({ db, clock, version: deps.version });
  stream.subscribe(reports.recorder);
  return { history, sync, reports };
}
