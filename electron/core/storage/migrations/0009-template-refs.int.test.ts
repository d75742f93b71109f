import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TemplateId } from '../../../../shared/domain/templates';
import { silentLogger } from '../../logging/json-logger';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase } from '../database';
import { TemplateRepository } from '../repositories/template-repository';
import { migration0009TemplateRefs } from './0009-template-refs';
import { MIGRATIONS } from './index';

describe('migration 0009 (template references)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('keeps stored template versions, read without references until they are saved again', () => {
    expect(MIGRATIONS[8]).toBe(migration0009TemplateRefs);
    const file = join(dir.path, 'fieldbatch.db');
    const before = openDatabase({
      file,
      logger: silentLogger,
      now: () => 1,
      migrations: MIGRATIONS.slice(0, 8),
    });
    const spec = {
      version: 1,
      name: 'Hall',
      targets: { deviceIds: [], groupIds: ['grp_hall0001'], includeNewMembers: false },
      steps: [{ action: 'reboot' }],
      policy: {},
    };
    before
      .prepare(
        "INSERT INTO templates (id, name, current_version, created_at, updated_at) VALUES ('tpl_aaaaaaaa', 'Hall', 1, 1, 1)",
      )
      .run();
    before
      .prepare(
        "INSERT INTO template_versions (template_id, version, name, spec_json, created_at) VALUES ('tpl_aaaaaaaa', 1, 'Hall', ?, 1)",
      )
      .run(JSON.stringify(spec));
    before.close();

    const db = openDatabase({ file, logger: silentLogger, now: () => 2, migrations: MIGRATIONS.slice(0, 9) });
    const stored = new TemplateRepository(db).version('tpl_aaaaaaaa' as TemplateId);
    expect(stored).toMatchObject({ isValid: true, refs: null, version: { spec: { name: 'Hall' } } });
    db.close();
  });
});
