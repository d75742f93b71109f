import type { Db } from '../database';
import { statementCache } from '../statement-cache';

/** An artifact whose file text is not in the search index yet. */
export interface PendingArtifact {
  doc: number;
  id: string;
  kind: string;
  deviceId: string;
  file: string;
  size: number;
}

interface ExecutionText {
  doc: number;
  subject: string;
  body: string;
}

const EXECUTION_TEXT = `SELECT d.doc, concat_ws(' ', e.device_name, e.device_id) AS subject,
    concat_ws(' ', e.state, e.reason, e.skip_reason, e.message, e.result) AS body
  FROM job_executions e JOIN history_docs d
    ON d.job_id = e.job_id AND d.device_id = e.device_id AND d.artifact_id IS NULL`;

/**
 * Keeps the executions' search documents in step with their rows after the fact (migration 0013 says why not
 * by trigger): each journal line after the cursor names an execution that changed (or, for `created`, a job
 * whose executions are new), which is indexed again from its row as it is now.
 */
export class HistoryIndexRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Indexes what the next `maxLines` journal lines changed; `done` when the index has caught up. */
  indexExecutions(maxLines: number): { indexed: number; done: boolean } {
    return this.db.transaction(() => {
      const { seq: cursor } = this.sql('SELECT seq FROM history_index_cursor WHERE id = 1').get() as {
        seq: number;
      };
      const lines = this.sql(
        'SELECT seq, job_id, device_id, event FROM job_journal WHERE seq > ? ORDER BY seq LIMIT ?',
      ).all(cursor, maxLines) as { seq: number; job_id: string; device_id: string | null; event: string }[];
      if (lines.length === 0) return { indexed: 0, done: true };
      const jobs = new Set<string>();
      const executions = new Map<string, [string, string]>();
      for (const l of lines) {
        if (l.device_id === null) {
          if (l.event === 'created') jobs.add(l.job_id);
        } else if (!jobs.has(l.job_id))
          executions.set(`${l.job_id}\n${l.device_id}`, [l.job_id, l.device_id]);
      }
      let indexed = 0;
      for (const jobId of jobs) indexed += this.indexJob(jobId);
      for (const [jobId, deviceId] of executions.values())
        if (!jobs.has(jobId)) indexed += this.indexExecution(jobId, deviceId);
      this.sql('UPDATE history_index_cursor SET seq = ? WHERE id = 1').run(lines[lines.length - 1]!.seq);
      return { indexed, done: lines.length < maxLines };
    })();
  }

  private indexJob(jobId: string): number {
    this.sql(
      `INSERT OR IGNORE INTO history_docs (job_id, device_id)
       SELECT job_id, device_id FROM job_executions WHERE job_id = ?`,
    ).run(jobId);
    return this.replace(this.sql(`${EXECUTION_TEXT} WHERE e.job_id = ?`).all(jobId) as ExecutionText[]);
  }

  private indexExecution(jobId: string, deviceId: string): number {
    this.sql(
      `INSERT OR IGNORE INTO history_docs (job_id, device_id)
       SELECT job_id, device_id FROM job_executions WHERE job_id = ? AND device_id = ?`,
    ).run(jobId, deviceId);
    const row = this.sql(`${EXECUTION_TEXT} WHERE e.job_id = ? AND e.device_id = ?`).get(jobId, deviceId);
    return row ? this.replace([row as ExecutionText]) : 0;
  }

  /** Row by row with values: an INSERT … SELECT into the FTS5 table took ten times as long per row. */
  private replace(rows: readonly ExecutionText[]): number {
    const put = this.sql('INSERT OR REPLACE INTO history_fts (rowid, subject, body) VALUES (?, ?, ?)');
    for (const r of rows) put.run(r.doc, r.subject, r.body);
    return rows.length;
  }

  pendingArtifacts(limit: number): PendingArtifact[] {
    return this.sql(
      `SELECT d.doc, a.id, a.kind, a.device_id AS deviceId, a.file, a.size
       FROM history_docs d JOIN artifacts a ON a.id = d.artifact_id WHERE d.text_pending = 1
       ORDER BY d.doc LIMIT ?`,
    ).all(limit) as PendingArtifact[];
  }

  pendingArtifactCount(): number {
    return (this.sql('SELECT count(*) AS n FROM history_docs WHERE text_pending = 1').get() as { n: number })
      .n;
  }

  /** The artifact's document gets its file's text (`text` may be empty: nothing readable). */
  artifactTextRead(artifact: PendingArtifact, text: string): void {
    this.db.transaction(() => {
      this.sql('INSERT OR REPLACE INTO history_fts (rowid, subject, body) VALUES (?, ?, ?)').run(
        artifact.doc,
        `${artifact.kind} ${artifact.deviceId}`,
        text,
      );
      this.sql('UPDATE history_docs SET text_pending = 0 WHERE doc = ?').run(artifact.doc);
    })();
  }
}
