import { describe, expect, it } from 'vitest';
import type { JobId } from '../../../../shared/domain/job';
import { seedFinishedRun } from '../../../../test-support/reports/seed-run';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

describe('migration 0014 (report versions)', () => {
  it('adds report_versions to a database at 0013 and drops a run’s rows with the run', () => {
    const db = openDatabase({
      file: ':memory:',
      logger: silentLogger,
      now: () => 1,
      migrations: MIGRATIONS.slice(0, 13),
    });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'report_versions'").get()).toBeUndefined();
    db.close();
    const full = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    const jobId = 'job_reportmig01' as JobId;
    seedFinishedRun(full, { jobId, names: ['a', 'b'], startAt: 1_000 });
    expect((full.prepare('SELECT count(*) AS n FROM report_versions').get() as { n: number }).n).toBe(2);
    full.prepare('DELETE FROM jobs WHERE id = ?').run(jobId);
    expect((full.prepare('SELECT count(*) AS n FROM report_versions').get() as { n: number }).n).toBe(0);
    full.close();
  });
});
