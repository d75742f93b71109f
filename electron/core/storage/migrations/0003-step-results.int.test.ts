import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase } from '../database';
import { migration0001Init } from './0001-init';
import { migration0002Inventory } from './0002-inventory';
import { migration0003StepResults } from './0003-step-results';

describe('migration 0003 (step results, artifacts, credentials, firmware)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('keeps existing executions (result and artifact empty) and adds the new tables', () => {
    const file = join(dir.path, 'fieldbatch.db');
    const v2 = openDatabase({
      file,
      logger: silentLogger,
      now: () => 1,
      migrations: [migration0001Init, migration0002Inventory],
    });
    v2.prepare(
      "INSERT INTO jobs (id, name, spec_version, spec_json, state, created_at) VALUES ('job_aaaaaaaa', 'j', 1, '{}', 'completed', 1)",
    ).run();
    v2.prepare(
      "INSERT INTO job_executions (job_id, device_id, device_name, position, state, updated_at) VALUES ('job_aaaaaaaa', 'mac:a8032ab12345', 'd', 0, 'succeeded', 2)",
    ).run();
    v2.close();
    const v3 = openDatabase({
      file,
      logger: silentLogger,
      now: () => 3,
      migrations: [migration0001Init, migration0002Inventory, migration0003StepResults],
    });
    expect(v3.prepare('SELECT state, result, artifact_id FROM job_executions').get()).toEqual({
      state: 'succeeded',
      result: null,
      artifact_id: null,
    });
    const tables = v3
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('artifacts','credential_sets','device_credentials','firmware_images','firmware_downloads') ORDER BY name",
      )
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual([
      'artifacts',
      'credential_sets',
      'device_credentials',
      'firmware_downloads',
      'firmware_images',
    ]);
    expect(v3.pragma('integrity_check', { simple: true })).toBe('ok');
    v3.close();
  });
});
