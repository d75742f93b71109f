import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase } from '../database';
import { migration0001Init } from './0001-init';
import { migration0002Inventory } from './0002-inventory';
import { migration0003StepResults } from './0003-step-results';
import { migration0004JobRuns } from './0004-job-runs';

describe('migration 0004 (job runs)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('turns interrupted executions into unknown and an interrupted job into one paused by a crash', () => {
    const file = join(dir.path, 'fieldbatch.db');
    const before = [migration0001Init, migration0002Inventory, migration0003StepResults];
    const v3 = openDatabase({ file, logger: silentLogger, now: () => 1, migrations: before });
    v3.prepare(
      "INSERT INTO jobs (id, name, spec_version, spec_json, state, created_at) VALUES ('job_aaaaaaaa', 'j', 1, '{}', 'interrupted', 1)",
    ).run();
    const insert = v3.prepare(
      "INSERT INTO job_executions (job_id, device_id, device_name, position, state, updated_at) VALUES ('job_aaaaaaaa', ?, 'd', ?, ?, 2)",
    );
    insert.run('mac:a8032ab12345', 0, 'interrupted');
    insert.run('mac:a8032ab12346', 1, 'succeeded');
    v3.close();
    const v4 = openDatabase({
      file,
      logger: silentLogger,
      now: () => 3,
      migrations: [...before, migration0004JobRuns],
    });
    expect(v4.prepare('SELECT state, pause_reason, current_wave FROM jobs').get()).toEqual({
      state: 'paused',
      pause_reason: 'crash',
      current_wave: 0,
    });
    expect(
      v4.prepare('SELECT state, wave, attempt, held FROM job_executions ORDER BY position').all(),
    ).toEqual([
      { state: 'unknown', wave: 0, attempt: 0, held: 0 },
      { state: 'succeeded', wave: 0, attempt: 0, held: 0 },
    ]);
    v4.close();
  });
});
