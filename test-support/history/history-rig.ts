import { ArtifactStore } from '../../electron/core/artifacts/artifact-store';
import { HistoryIndexer } from '../../electron/core/history/history-indexer';
import { HistoryService } from '../../electron/core/history/history-service';
import { RetentionService } from '../../electron/core/history/retention-service';
import { createRandomIdSource } from '../../electron/core/ids';
import { silentLogger } from '../../electron/core/logging/json-logger';
import { openDatabase } from '../../electron/core/storage/database';
import { HistoryIndexRepository } from '../../electron/core/storage/repositories/history-index-repository';
import { HistoryRepository } from '../../electron/core/storage/repositories/history-repository';
import { JobRepository } from '../../electron/core/storage/repositories/job-repository';
import { RetentionRepository } from '../../electron/core/storage/repositories/retention-repository';
import { SettingsRepository } from '../../electron/core/storage/repositories/settings-repository';
import { ArtifactRepository } from '../../electron/core/storage/repositories/artifact-repository';
import { join } from 'node:path';
import type { DeviceId } from '../../shared/domain/device';
import type { GroupId } from '../../shared/domain/group';
import {
  blankExecution,
  type ExecutionSummary,
  type JobId,
  type JobSpec,
  type JobState,
} from '../../shared/domain/job';
import { makeTempDir } from '../core/temp-dir';

/** One device of a seeded run and how its execution ended. */
export interface SeedExecution {
  id: string;
  name: string;
  state: ExecutionSummary['state'];
  reason?: ExecutionSummary['reason'];
  message?: string;
  result?: string;
  startedAt?: number;
}

/** History on a real SQLite file with real job rows and artifact files, a settable clock and groups. */
export function historyRig() {
  const dir = makeTempDir('fieldbatch-history-');
  const clock = { t: 1_000_000, now: () => clock.t };
  const db = openDatabase({ file: join(dir.path, 'fieldbatch.db'), logger: silentLogger, now: clock.now });
  const jobs = new JobRepository(db);
  const ids = createRandomIdSource(clock.now);
  const artifacts = new ArtifactStore({
    dataDir: dir.path,
    repo: new ArtifactRepository(db),
    ids,
    clock,
    knownSecrets: async () => [],
  });
  const repo = new HistoryRepository(db);
  const indexer = new HistoryIndexer({
    repo: new HistoryIndexRepository(db),
    artifactsDir: join(dir.path, 'artifacts'),
    logger: silentLogger,
  });
  const groups = new Map<string, DeviceId[]>();
  const service = new HistoryService({
    repo,
    indexer,
    groupMembers: (id: GroupId) => groups.get(id) ?? [],
    job: (id) => jobs.detail(id)!,
  });
  const retention = new RetentionService({
    settings: new SettingsRepository(db),
    retention: new RetentionRepository(db),
    history: repo,
    dataDir: dir.path,
    clock,
    logger: silentLogger,
  });

  /** A run created at `at` whose devices ended as given; `state` 'running' leaves it unfinished. */
  function seedRun(
    name: string,
    devices: readonly SeedExecution[],
    options: { at: number; state?: JobState; steps?: JobSpec['steps'] },
  ): JobId {
    const jobId = ids.next('job') as JobId;
    const spec = {
      version: 1,
      name,
      targets: { deviceIds: [devices[0]!.id], groupIds: [], includeNewMembers: false },
      steps: options.steps ?? [{ action: 'reboot' }],
      policy: {},
    } as unknown as JobSpec;
    const state = options.state ?? 'completed';
    jobs.commit([
      {
        kind: 'create',
        jobId,
        spec,
        at: options.at,
        state: 'running',
        retryOf: null,
        devices: devices.map((d) => ({ id: d.id as DeviceId, name: d.name, wave: 0, skip: null })),
      },
    ]);
    jobs.commit(
      devices.map((d, position) => {
        const before = blankExecution(d.id as DeviceId, d.name, 0, options.at);
        const startedAt = d.startedAt ?? options.at;
        const after: ExecutionSummary = {
          ...before,
          state: d.state,
          reason: d.reason ?? null,
          message: d.message ?? null,
          result: d.result ?? null,
          attempt: 1,
          startedAt,
          finishedAt: d.state === 'running' ? null : startedAt + 10,
          updatedAt: startedAt + 10,
        };
        return { kind: 'execution', jobId, position, before, after, event: d.state };
      }),
    );
    if (state !== 'running') {
      jobs.commit([
        {
          kind: 'job',
          jobId,
          at: options.at + 20,
          event: state,
          from: 'running',
          to: state,
          fields: {
            pauseReason: null,
            pauseMessage: null,
            currentWave: 0,
            startedAt: options.at,
            finishedAt: options.at + 20,
          },
        },
      ]);
    }
    return jobId;
  }

  return {
    dir,
    db,
    clock,
    jobs,
    artifacts,
    groups,
    service,
    retention,
    seedRun,
    close() {
      indexer.stop();
      db.close();
      dir.cleanup();
    },
  };
}
