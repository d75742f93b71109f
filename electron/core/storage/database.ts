import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../ports';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';
import { migrate } from './migrator';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** A file path, or `:memory:` for tests. */
  file: string;
  logger: Logger;
  now: () => number;
  /** Defaults to the app's migrations; tests pass their own lists. */
  migrations?: readonly Migration[];
}

/**
 * Opens the database with the pragmas every connection must have (WAL, synchronous=FULL so a committed
 * state change survives a power cut, foreign keys on) and migrates it. A file that already holds data is
 * copied aside (`<file>.pre-v<N>-<time>.bak`) before the first pending migration runs.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const isFile = options.file !== ':memory:';
  if (isFile) mkdirSync(dirname(options.file), { recursive: true });
  const existedWithData = isFile && existsSync(options.file) && statSync(options.file).size > 0;
  const db = new Database(options.file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const report = migrate(db, options.migrations ?? MIGRATIONS, {
      now: options.now,
      beforeFirst: (from) => {
        if (!existedWithData) return;
        db.pragma('wal_checkpoint(TRUNCATE)');
        const backup = `${options.file}.pre-v${from + 1}-${options.now()}.bak`;
        copyFileSync(options.file, backup);
        options.logger.info('database backed up before migration', { backup, from });
      },
    });
    if (report.applied.length > 0) options.logger.info('database migrated', { ...report });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
