import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/json-logger';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { openDatabase } from './database';
import type { Migration } from './migrations/migration';
import { MigrationError } from './migrator';

const m1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' };
const m2: Migration = { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' };

describe('openDatabase and migrations', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    dir = makeTempDir();
    file = join(dir.path, 'sub', 'test.db');
  });
  afterEach(() => dir.cleanup());

  const open = (migrations: Migration[], now = 1000) =>
    openDatabase({ file, logger: silentLogger, now: () => now, migrations });

  it('sets WAL, synchronous=FULL and foreign keys on every connection', () => {
    const db = open([m1]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('applies pending migrations once and records their checksums', () => {
    open([m1]).close();
    const db = open([m1, m2]);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual([
      { version: 1, name: 'one' },
      { version: 2, name: 'two' },
    ]);
    db.prepare('INSERT INTO a (x, y) VALUES (1, ?)').run('kept');
    db.close();
    const again = open([m1, m2]);
    expect(again.prepare('SELECT y FROM a').get()).toEqual({ y: 'kept' });
    again.close();
  });

  it('copies an existing database aside before migrating it, and not when nothing is pending', () => {
    const first = open([m1]);
    first.prepare('INSERT INTO a (x) VALUES (42)').run();
    first.close();
    open([m1, m2], 5000).close();
    const backups = readdirSync(join(dir.path, 'sub')).filter((f) => f.endsWith('.bak'));
    expect(backups).toEqual(['test.db.pre-v2-5000.bak']);
    const copy = new Database(join(dir.path, 'sub', backups[0]!), { readonly: true });
    expect(copy.prepare('SELECT x FROM a').get()).toEqual({ x: 42 });
    expect(copy.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 1 });
    copy.close();
    open([m1, m2], 6000).close();
    expect(readdirSync(join(dir.path, 'sub')).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
  });

  it('makes no backup of a brand-new file', () => {
    open([m1]).close();
    expect(readdirSync(join(dir.path, 'sub')).some((f) => f.endsWith('.bak'))).toBe(false);
  });

  it('refuses a database whose applied migration was edited afterwards', () => {
    open([m1]).close();
    expect(() => open([{ ...m1, sql: m1.sql + ' -- edited' }])).toThrow(MigrationError);
  });

  it('refuses a database newer than the app', () => {
    open([m1, m2]).close();
    expect(() => open([m1])).toThrow(/newer than this app/);
  });

  it('rolls back a failing migration completely', () => {
    open([m1]).close();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      sql: 'ALTER TABLE a ADD COLUMN z TEXT; SELECT * FROM missing;',
    };
    expect(() => open([m1, broken])).toThrow();
    const db = open([m1]);
    expect(db.prepare("SELECT count(*) AS n FROM pragma_table_info('a') WHERE name = 'z'").get()).toEqual({
      n: 0,
    });
    db.close();
    expect(existsSync(file)).toBe(true);
  });

  it('refuses migration lists with gaps', () => {
    expect(() => open([m1, { ...m2, version: 3 }])).toThrow(/expected 2/);
  });
});
