import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase } from '../database';
import { migration0012Audit } from './0012-audit';
import { MIGRATIONS } from './index';

const insertRow = `INSERT INTO audit_log (at, operator, host, action, target, job_id, outcome, details_json, prev_hash, hash)
  VALUES (1, 'Ana', 'laptop', 'jobs.pause', 'job_a', 'job_a', 'ok', '{}', 'p', 'h')`;

describe('migration 0012 (audit log)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('adds the audit log to a database at 0011, keeping its data', () => {
    expect(MIGRATIONS[11]).toBe(migration0012Audit);
    const file = join(dir.path, 'fieldbatch.db');
    const before = openDatabase({
      file,
      logger: silentLogger,
      now: () => 1,
      migrations: MIGRATIONS.slice(0, 11),
    });
    before.prepare("INSERT INTO settings (key, value_json) VALUES ('x', '1')").run();
    before.close();
    const db = openDatabase({
      file,
      logger: silentLogger,
      now: () => 2,
      migrations: MIGRATIONS.slice(0, 12),
    });
    expect(db.prepare("SELECT value_json FROM settings WHERE key = 'x'").get()).toEqual({ value_json: '1' });
    db.prepare(insertRow).run();
    expect(db.prepare('SELECT seq, operator, outcome FROM audit_log').all()).toEqual([
      { seq: 1, operator: 'Ana', outcome: 'ok' },
    ]);
    db.close();
  });

  it('refuses to change or remove a row (the triggers), and an unknown outcome', () => {
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    db.prepare(insertRow).run();
    expect(() => db.prepare("UPDATE audit_log SET operator = 'Eve'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare(insertRow.replace("'ok'", "'maybe'")).run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT operator FROM audit_log').all()).toEqual([{ operator: 'Ana' }]);
    db.close();
  });
});
