import { join } from 'node:path';
import type { DeviceId } from '../../../shared/domain/device';
import type { GroupId } from '../../../shared/domain/group';
import type { JobDetail, JobId } from '../../../shared/domain/job';
import type { Clock, Logger } from '../ports';
import type { Db } from '../storage/database';
import { HistoryIndexRepository } from '../storage/repositories/history-index-repository';
import { HistoryRepository } from '../storage/repositories/history-repository';
import { RetentionRepository } from '../storage/repositories/retention-repository';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { HistoryIndexer } from './history-indexer';
import { HistoryService } from './history-service';
import { RetentionService } from './retention-service';

/**
 * History's parts on the app's database (app-core.ts): the indexer subscribes to the job event stream (before
 * recovery, so it misses no commit), `services` join the handlers, `start` applies retention and indexes what
 * an earlier process left, `stop` ends background indexing before the database closes.
 */
export function createHistoryModule(deps: {
  db: Db;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  groups: { members(id: GroupId): DeviceId[] };
  job: (id: JobId) => JobDetail;
}) {
  const repo = new HistoryRepository(deps.db);
  const indexer = new HistoryIndexer({
    repo: new HistoryIndexRepository(deps.db),
    artifactsDir: join(deps.dataDir, 'artifacts'),
    logger: deps.logger,
  });
  const history = new HistoryService({
    repo,
    indexer,
    groupMembers: (id) => deps.groups.members(id),
    job: deps.job,
  });
  const retention = new RetentionService({
    settings: new SettingsRepository(deps.db),
    retention: new RetentionRepository(deps.db),
    history: repo,
    dataDir: deps.dataDir,
    clock: deps.clock,
    logger: deps.logger,
  });
  return {
    indexer,
    services: { history, retention },
    start(): void {
      retention.apply();
      indexer.schedule();
    },
    stop(): void {
      indexer.stop();
    },
  };
}
