import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_RETENTION,
  RetentionSettingsSchema,
  type HistoryUsage,
  type RetentionSettings,
} from '../../../shared/domain/history';
import type { Clock, Logger } from '../ports';
import type { HistoryRepository } from '../storage/repositories/history-repository';
import type { DeletedArtifact, RetentionRepository } from '../storage/repositories/retention-repository';
import type { SettingsRepository } from '../storage/repositories/settings-repository';

const SETTINGS_KEY = 'history.retention';
const DAY_MS = 86_400_000;
/** Runs deleted per transaction: a big run cascades to its executions and journal. */
const RUNS_PER_BATCH = 20;

type LastRetention = NonNullable<HistoryUsage['lastRetention']>;

/**
 * How long history is kept (settings), applied at start-up and whenever the settings change: finished runs
 * older than `keepDays`, then the oldest artifacts beyond `maxArtifactMb`. Unfinished runs, their artifacts
 * and runs the sync outbox still needs are never deleted (RetentionRepository). Rows go first, then files:
 * a crash in between leaves a stray file, never a row pointing at nothing.
 */
export class RetentionService {
  private last: LastRetention | null = null;

  constructor(
    private readonly deps: {
      settings: Pick<SettingsRepository, 'read' | 'write'>;
      retention: RetentionRepository;
      history: HistoryRepository;
      dataDir: string;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  get(): RetentionSettings {
    return this.deps.settings.read(SETTINGS_KEY, DEFAULT_RETENTION, (v) => {
      const parsed = RetentionSettingsSchema.safeParse(v);
      return parsed.success ? parsed.data : null;
    });
  }

  /** Saves and applies at once; returns the usage after. */
  set(settings: RetentionSettings): HistoryUsage {
    this.deps.settings.write(SETTINGS_KEY, settings);
    this.apply();
    return this.usage();
  }

  apply(): LastRetention {
    const { keepDays, maxArtifactMb } = this.get();
    const at = this.deps.clock.now();
    let runsDeleted = 0;
    const files: DeletedArtifact[] = [];
    if (keepDays !== null) {
      for (;;) {
        const ids = this.deps.retention.expiredRuns(at - keepDays * DAY_MS, RUNS_PER_BATCH);
        files.push(...this.deps.retention.deleteRuns(ids));
        runsDeleted += ids.length;
        if (ids.length < RUNS_PER_BATCH) break;
      }
    }
    if (maxArtifactMb !== null) files.push(...this.deps.retention.trimArtifacts(maxArtifactMb * 1024 * 1024));
    for (const f of files) rmSync(join(this.deps.dataDir, 'artifacts', f.file), { force: true });
    this.last = {
      at,
      runsDeleted,
      artifactsDeleted: files.length,
      bytesFreed: files.reduce((sum, f) => sum + f.size, 0),
    };
    if (runsDeleted + files.length > 0) this.deps.logger.info('history retention applied', { ...this.last });
    return this.last;
  }

  usage(): HistoryUsage {
    const c = this.deps.history.counts();
    const db = join(this.deps.dataDir, 'fieldbatch.db');
    return {
      databaseBytes: [db, `${db}-wal`, `${db}-shm`].reduce((sum, f) => sum + sizeOf(f), 0),
      freeBytes: c.freePages * c.pageSize,
      artifactBytes: c.artifactBytes,
      runs: c.runs,
      unfinishedRuns: c.unfinishedRuns,
      heldForSync: this.deps.retention.heldForSync(),
      executions: c.executions,
      artifacts: c.artifacts,
      oldestRunAt: c.oldestRunAt,
      lastRetention: this.last,
    };
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
