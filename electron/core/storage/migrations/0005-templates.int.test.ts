import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase } from '../database';
import { migration0001Init } from './0001-init';
import { migration0002Inventory } from './0002-inventory';
import { migration0003StepResults } from './0003-step-results';
import { migration0004JobRuns } from './0004-job-runs';
import { migration0005Templates } from './0005-templates';

describe('migration 0005 (templates)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());
  const before = [migration0001Init, migration0002Inventory, migration0003StepResults, migration0004JobRuns];

  it('keeps existing jobs and adds strict template tables whose versions go with their template', () => {
    const file = join(dir.path, 'fieldbatch.db');
    const v4 = openDatabase({ file, logger: silentLogger, now: () => 1, migrations: before });
    v4.prepare(
      "INSERT INTO jobs (id, name, spec_version, spec_json, state, created_at) VALUES ('job_aaaaaaaa', 'j', 1, '{}', 'completed', 1)",
    ).run();
    v4.close();

    const v5 = openDatabase({
      file,
      logger: silentLogger,
      now: () => 2,
      migrations: [...before, migration0005Templates],
    });
    expect(v5.prepare('SELECT id, state FROM jobs').all()).toEqual([
      { id: 'job_aaaaaaaa', state: 'completed' },
    ]);

    v5.prepare(
      "INSERT INTO templates (id, name, current_version, created_at, updated_at) VALUES ('tpl_aaaaaaaa', 'Plugs', 2, 1, 2)",
    ).run();
    const addVersion = v5.prepare(
      "INSERT INTO template_versions (template_id, version, name, spec_json, created_at) VALUES ('tpl_aaaaaaaa', ?, 'Plugs', '{}', ?)",
    );
    addVersion.run(1, 1);
    addVersion.run(2, 2);
    expect(v5.prepare('SELECT version, note FROM template_versions ORDER BY version').all()).toEqual([
      { version: 1, note: '' },
      { version: 2, note: '' },
    ]);
    // One row per (template, version); STRICT refuses a version that is not an integer.
    expect(() => addVersion.run(2, 3)).toThrow(/UNIQUE/);
    expect(() => addVersion.run('two', 3)).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      v5
        .prepare(
          "INSERT INTO template_versions (template_id, version, name, spec_json, created_at) VALUES ('tpl_missing0', 1, 'x', '{}', 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);

    v5.prepare("DELETE FROM templates WHERE id = 'tpl_aaaaaaaa'").run();
    expect(v5.prepare('SELECT count(*) AS n FROM template_versions').get()).toEqual({ n: 0 });
    expect(v5.pragma('integrity_check', { simple: true })).toBe('ok');
    v5.close();
  });
});
