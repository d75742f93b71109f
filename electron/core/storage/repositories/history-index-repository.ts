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

interface JournalLineRow {
  seq: number;
  job_id: string;
  device_id: string | null;
  event: string;
  detail_json: string | null;
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
 * Between an execution's row text and what its earlier step attempts said (a record separator: the FTS5
 * tokenizer reads it as a space, and it is kept when the row text is indexed again).
 */
const ATTEMPTS = '\u001e';

/** The words a journal line's detail keeps of a step attempt (why it failed or was skipped, in words). */
function attemptWords(detailJson: string | null): string[] {
  if (detailJson === null) return [];
  try {
    const detail = JSON.parse(detailJson) as { reason?: unknown; message?: unknown };
    return [detail.reason, detail.message].filter((w): w is string => typeof w === 'string' && w !== '');
  } catch {
    return [];
  }
}

/**
 * Keeps the executions' search documents in step with their rows after the fact (migration 0013 says why not
 * by trigger): each journal line after the cursor names an execution that changed (or, for `created`, a job
 * whose executions are new), which is indexed again from its row as it is now, plus what each of its step
 * attempts said (a retried device that ended well is still found by the error of its first attempt).
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
        'SELECT seq, job_id, device_id, event, detail_json FROM job_journal WHERE seq > ? ORDER BY seq LIMIT ?',
      ).all(cursor, maxLines) as JournalLineRow[];
      if (lines.length === 0) return { indexed: 0, done: true };
      const jobs = new Set<string>();
      const executions = new Map<string, [string, string]>();
      const attempts = new Map<string, { jobId: string; deviceId: string; words: Set<string> }>();
      for (const l of lines) {
        if (l.device_id === null) {
          if (l.event === 'created') jobs.add(l.job_id);
          continue;
        }
        const key = `${l.job_id}\n${l.device_id}`;
        if (!jobs.has(l.job_id)) executions.set(key, [l.job_id, l.device_id]);
        const words = attemptWords(l.detail_json);
        if (words.length === 0) continue;
        const entry = attempts.get(key) ?? {
          jobId: l.job_id,
          deviceId: l.device_id,
          words: new Set<string>(),
        };
        for (const word of words) entry.words.add(word);
        attempts.set(key, entry);
      }
      let indexed = 0;
      for (const jobId of jobs) indexed += this.indexJob(jobId);
      for (const [jobId, deviceId] of executions.values())
        if (!jobs.has(jobId)) indexed += this.indexExecution(jobId, deviceId);
      for (const { jobId, deviceId, words } of attempts.values()) this.addAttempts(jobId, deviceId, words);
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

  /**
   * Row by row with values: an INSERT … SELECT into the FTS5 table took ten times as long per row. The
   * attempts' words already in a document stay.
   */
  private replace(rows: readonly ExecutionText[]): number {
    const put = this.sql('INSERT OR REPLACE INTO history_fts (rowid, subject, body) VALUES (?, ?, ?)');
    for (const r of rows) put.run(r.doc, r.subject, r.body + ATTEMPTS + this.attemptsOf(r.doc));
    return rows.length;
  }

  private attemptsOf(doc: number): string {
    const row = this.sql('SELECT body FROM history_fts WHERE rowid = ?').get(doc) as
      { body: string } | undefined;
    const at = row?.body.indexOf(ATTEMPTS) ?? -1;
    return at < 0 ? '' : row!.body.slice(at + 1);
  }

  private addAttempts(jobId: string, deviceId: string, words: ReadonlySet<string>): void {
    const row = this.sql(`${EXECUTION_TEXT} WHERE e.job_id = ? AND e.device_id = ?`).get(jobId, deviceId) as
      ExecutionText | undefined;
    if (!row) return;
    const known = this.attemptsOf(row.doc);
    const fresh = [...words].filter((w) => !known.includes(w));
    if (fresh.length === 0) return;
    this.sql('INSERT OR REPLACE INTO history_fts (rowid, subject, body) VALUES (?, ?, ?)').run(
      row.doc,
      row.subject,
      row.body + ATTEMPTS + [known, ...fresh].filter((w) => w !== '').join(' '),
    );
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
