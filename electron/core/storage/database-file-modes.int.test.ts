import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/json-logger';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { openDatabase } from './database';
import type { Migration } from './migrations/migration';

const m1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' };
const m2: Migration = { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' };
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('database file modes', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let dataDir: string;
  let file: string;
  let umaskBefore: number;
  beforeEach(() => {
    // The usual desktop umask: without care, SQLite would create 0644 files and mkdir a 0755 directory.
    umaskBefore = process.umask(0o022);
    dir = makeTempDir();
    dataDir = join(dir.path, 'data');
    file = join(dataDir, 'fieldbatch.db');
  });
  afterEach(() => {
    process.umask(umaskBefore);
    dir.cleanup();
  });

  const open = (migrations: Migration[]) =>
    openDatabase({ file, logger: silentLogger, now: () => 1000, migrations });

  it('creates the data directory 0700 and the database, its -wal and -shm files 0600', () => {
    const db = open([m1]);
    db.prepare('INSERT INTO a (x) VALUES (1)').run();
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(true);
    expect(modeOf(dataDir)).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(path), path).toBe(0o600);
    db.close();
  });

  it('makes the files and directory of an older install private, and the pre-migration backup too', () => {
    mkdirSync(dataDir, { mode: 0o755 });
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE kept (x INTEGER)');
    old.close();
    writeFileSync(`${file}-wal`, '');
    for (const path of [file, `${file}-wal`]) chmodSync(path, 0o644);
    chmodSync(dataDir, 0o755);
    const db = open([m1, m2]);
    db.prepare('INSERT INTO a (x, y) VALUES (1, ?)').run('private');
    const backups = readdirSync(dataDir).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(modeOf(dataDir)).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`, join(dataDir, backups[0]!)]) {
      expect(modeOf(path), path).toBe(0o600);
    }
    db.close();
  });
});
