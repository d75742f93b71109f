import Database from 'better-sqlite3';

/**
 * `PRAGMA integrity_check` on a database no process has open (right after a kill -9), read-only so that the
 * check neither replays nor checkpoints the WAL: the next host start finds the files exactly as the kill left
 * them. Returns `ok`, or SQLite's complaint (or the error that kept it from checking).
 */
export function integrityCheck(file: string): string {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } catch (error) {
    return `could not check: ${(error as Error).message}`;
  } finally {
    db?.close();
  }
}
