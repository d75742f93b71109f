import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase, type Db } from '../database';
import { migration0013History } from './0013-history';
import { MIGRATIONS } from './index';

const SPEC = JSON.stringify({
  version: 1,
  name: 'Hall reboot',
  targets: { deviceIds: ['dev_hall0001'], groupIds: [], includeNewMembers: false },
  steps: [{ action: 'reboot' }, { action: 'raw-command', command: 'SetOption19', value: '1' }],
  policy: {},
});

const matches = (db: Db, query: string) =>
  (
    db
      .prepare(
        `SELECT d.job_id AS job, d.device_id AS device, d.artifact_id AS artifact FROM history_fts f
         JOIN history_docs d ON d.doc = f.rowid WHERE history_fts MATCH ? ORDER BY d.doc`,
      )
      .all(query) as { job: string; device: string | null; artifact: string | null }[]
  ).map((r) => [r.job, r.device, r.artifact]);

describe('migration 0013 (history search index)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('runs on the better-sqlite3 this app ships, which has FTS5 compiled in', () => {
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1, migrations: [] });
    expect(db.prepare("SELECT sqlite_compileoption_used('ENABLE_FTS5') AS on_").get()).toEqual({ on_: 1 });
    db.close();
  });

  it('indexes existing runs and artifacts, then keeps runs and artifacts in step by trigger', () => {
    expect(MIGRATIONS[12]).toBe(migration0013History);
    const file = join(dir.path, 'fieldbatch.db');
    const before = openDatabase({
      file,
      logger: silentLogger,
      now: () => 1,
      migrations: MIGRATIONS.slice(0, 12),
    });
    before
      .prepare(
        "INSERT INTO jobs (id, name, spec_version, spec_json, state, created_at) VALUES (?, ?, 1, ?, 'completed', 1)",
      )
      .run('job_old00001', 'Hall reboot', SPEC);
    before
      .prepare(
        "INSERT INTO job_executions (job_id, device_id, device_name, position, state, updated_at) VALUES ('job_old00001', 'dev_hall0001', 'Hall Plug', 0, 'succeeded', 2)",
      )
      .run();
    before
      .prepare(
        "INSERT INTO artifacts (id, device_id, job_id, kind, file, size, sha256, created_at) VALUES ('art_old00001', 'dev_hall0001', 'job_old00001', 'shelly-snapshot', 'art_old00001.json', 2, 'x', 2)",
      )
      .run();
    before.close();

    const db = openDatabase({
      file,
      logger: silentLogger,
      now: () => 2,
      migrations: MIGRATIONS.slice(0, 13),
    });
    expect(matches(db, '"hall"')).toEqual([['job_old00001', null, null]]);
    expect(matches(db, '"setoption19"')).toEqual([['job_old00001', null, null]]);
    expect(matches(db, '"shelly snapshot"')).toEqual([['job_old00001', 'dev_hall0001', 'art_old00001']]);
    // Executions are indexed later by the history service, from the journal after this cursor.
    expect(db.prepare('SELECT seq FROM history_index_cursor').get()).toEqual({ seq: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM history_docs WHERE text_pending = 1').get()).toEqual({
      n: 1,
    });

    db.prepare(
      "INSERT INTO jobs (id, name, spec_version, spec_json, state, created_at) VALUES ('job_new00001', 'Cellar', 1, 'not json', 'running', 3)",
    ).run();
    expect(matches(db, '"cellar"')).toEqual([['job_new00001', null, null]]);

    db.prepare('DELETE FROM artifacts').run();
    db.prepare("DELETE FROM jobs WHERE id = 'job_old00001'").run();
    expect(matches(db, '"hall"')).toEqual([]);
    expect(matches(db, '"shelly"')).toEqual([]);
    expect(db.prepare('SELECT job_id FROM history_docs').all()).toEqual([{ job_id: 'job_new00001' }]);
    db.close();
  });
});
