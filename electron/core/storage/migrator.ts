import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Migration } from './migrations/migration';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

function validateOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
}

/** The schema version already applied, after checking every applied migration against the code's list. */
export function appliedVersion(db: Database.Database, migrations: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const rows = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as AppliedRow[];
  for (const row of rows) {
    const known = migrations[row.version - 1];
    if (!known) {
      throw new MigrationError(
        `database is at schema version ${row.version}, newer than this app knows (${migrations.length}); refusing to open it`,
      );
    }
    if (known.name !== row.name || checksumOf(known) !== row.checksum) {
      throw new MigrationError(`migration ${row.version} (${row.name}) was changed after it was applied`);
    }
  }
  return rows.length;
}

/**
 * Applies pending migrations, each in its own transaction together with its bookkeeping row.
 * `beforeFirst` runs once, only when something is pending (the caller backs the file up there).
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  options: { now: () => number; beforeFirst?: (from: number) => void },
): MigrationReport {
  validateOrder(migrations);
  const from = appliedVersion(db, migrations);
  const pending = migrations.slice(from);
  if (pending.length > 0) options.beforeFirst?.(from);
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, checksumOf(m), options.now());
    })();
  }
  return { from, to: migrations.length, applied: pending.map((m) => m.version) };
}
