import { TERMINAL_JOB_STATES, UNFINISHED_JOB_STATES } from '../../../../shared/domain/job-rules';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

/** An artifact file to remove once its row is gone. */
export interface DeletedArtifact {
  id: string;
  file: string;
  size: number;
}

const placeholders = (list: readonly unknown[]) => list.map(() => '?').join(', ');

/**
 * A run with a record in the sync outbox (migration 0011) that a sync target has not acknowledged yet (past
 * the lowest target cursor): kept until every target has it, so this machine still holds what the back
 * office has not got. Outbox rows are never deleted here. With no target (no cursor) nothing is pending, as
 * the Sync screen says. Record ids are `job:<jobId>:…` and `exec:<jobId>:…`
 * (electron/core/sync/job-sync-records.ts); the id ranges use its unique index.
 */
const HELD_FOR_SYNC = `EXISTS (SELECT 1 FROM sync_outbox o WHERE
  o.seq > (SELECT min(delivered_seq) FROM sync_cursors) AND (
  (o.id > 'job:' || j.id || ':' AND o.id < 'job:' || j.id || ';') OR
  (o.id > 'exec:' || j.id || ':' AND o.id < 'exec:' || j.id || ';')))`;

/** Deletes old history (retention): never an unfinished run, never a run the sync outbox still needs. */
export class RetentionRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Finished runs that ended (or, never started, were created) before `before`, oldest first. */
  expiredRuns(before: number, limit: number): string[] {
    const rows = this.sql(
      `SELECT j.id FROM jobs j WHERE j.state IN (${placeholders(TERMINAL_JOB_STATES)})
       AND coalesce(j.finished_at, j.created_at) < ? AND NOT ${HELD_FOR_SYNC}
       ORDER BY coalesce(j.finished_at, j.created_at), j.id LIMIT ?`,
    ).all(...TERMINAL_JOB_STATES, before, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Finished runs kept only because the sync outbox still holds their records. */
  heldForSync(): number {
    return (
      this.sql(
        `SELECT count(*) AS n FROM jobs j WHERE j.state IN (${placeholders(TERMINAL_JOB_STATES)})
         AND ${HELD_FOR_SYNC}`,
      ).get(...TERMINAL_JOB_STATES) as { n: number }
    ).n;
  }

  /** Deletes the runs with their executions, journal, downloads and artifact rows; returns the files to remove. */
  deleteRuns(jobIds: readonly string[]): DeletedArtifact[] {
    if (jobIds.length === 0) return [];
    return this.db.transaction(() => {
      const list = JSON.stringify(jobIds);
      const files = this.sql(
        'SELECT id, file, size FROM artifacts WHERE job_id IN (SELECT value FROM json_each(?))',
      ).all(list) as DeletedArtifact[];
      this.sql('DELETE FROM artifacts WHERE job_id IN (SELECT value FROM json_each(?))').run(list);
      this.sql('DELETE FROM firmware_downloads WHERE job_id IN (SELECT value FROM json_each(?))').run(list);
      // Executions, journal lines and announcements go with the job (ON DELETE CASCADE).
      this.sql('DELETE FROM jobs WHERE id IN (SELECT value FROM json_each(?))').run(list);
      return files;
    })();
  }

  /**
   * Removes the oldest artifacts beyond `capBytes` in all (newest kept first), except those of unfinished
   * runs, which count towards the total but stay.
   */
  trimArtifacts(capBytes: number): DeletedArtifact[] {
    return this.db.transaction(() => {
      const doomed = this.sql(
        `SELECT id, file, size FROM (
           SELECT a.id, a.file, a.size, a.job_id,
             sum(a.size) OVER (ORDER BY a.created_at DESC, a.id DESC) AS running
           FROM artifacts a)
         WHERE running > ? AND (job_id IS NULL OR job_id NOT IN (
           SELECT id FROM jobs WHERE state IN (${placeholders(UNFINISHED_JOB_STATES)})))`,
      ).all(capBytes, ...UNFINISHED_JOB_STATES) as DeletedArtifact[];
      const remove = this.sql('DELETE FROM artifacts WHERE id = ?');
      for (const a of doomed) remove.run(a.id);
      return doomed;
    })();
  }
}
