import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
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
 *
 * The database holds device addresses, user names and job history, so it is private like the secrets: the
 * file, its -wal/-shm files and backups are 0600 and the data directory 0700 (see `restrictFileModes`).
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const isFile = options.file !== ':memory:';
  const existedWithData = isFile && existsSync(options.file) && statSync(options.file).size > 0;
  if (isFile) restrictFileModes(options.file, options.logger);
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
        chmodSync(backup, PRIVATE_FILE);
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

const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/**
 * Creates the database file 0600 before SQLite opens it, and takes group/other access away from files of an
 * older install. SQLite creates -wal and -shm with the database file's own permissions (os_unix.c,
 * findCreateFileMode and unixOpenSharedMemory), so they follow; no process-wide umask is touched. A data
 * directory the user does not own (e.g. one chosen with `--data`) keeps its mode, with a warning.
 */
function restrictFileModes(file: string, logger: Logger): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  try {
    chmodSync(dir, statSync(dir).mode & PRIVATE_DIR);
  } catch (error) {
    logger.warn('data directory left readable by others', { dir, error: String(error) });
  }
  closeSync(openSync(file, 'a', PRIVATE_FILE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, PRIVATE_FILE);
  }
}
