import type { AuditEntry, AuditOutcome } from '../../../../shared/domain/audit';
import type { JobId } from '../../../../shared/domain/job';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

interface AuditRow {
  seq: number;
  at: number;
  operator: string | null;
  host: string;
  action: string;
  target: string | null;
  job_id: string | null;
  outcome: string;
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** Filters for reading the log; every one optional. */
export interface AuditRowFilter {
  /** Exact command name, or a prefix when it ends with a dot. */
  action?: string;
  jobId?: string;
  /** ms epoch, inclusive */
  from?: number;
  /** ms epoch, exclusive */
  to?: number;
  text?: string;
  /** The operator's name, any letter case. */
  operator?: string;
  beforeSeq?: number;
  /** Newest first when set (the view); oldest first otherwise (reports). */
  newestFirst?: boolean;
  limit?: number;
}

/** The audit_log table (append-only: the schema's triggers refuse UPDATE and DELETE). */
export class AuditRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Runs `work` in one transaction (the row and whatever the caller writes with it commit together). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** The newest row's seq and hash, or null for an empty log. */
  head(): { seq: number; hash: string } | null {
    return (
      (this.sql('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string } | undefined) ?? null
    );
  }

  /** The highest seq ever issued (AUTOINCREMENT's record), 0 when none: larger than head() means rows went. */
  highestIssuedSeq(): number {
    const row = this.sql("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as
      { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  insert(entry: AuditEntry): void {
    this.sql(
      `INSERT INTO audit_log (seq, at, operator, host, action, target, job_id, outcome, details_json, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.seq,
      entry.at,
      entry.operator,
      entry.host,
      entry.action,
      entry.target,
      entry.jobId,
      entry.outcome,
      JSON.stringify(entry.details),
      entry.prevHash,
      entry.hash,
    );
  }

  /** Every row in seq order, one at a time (the chain walk never holds the whole log). */
  *all(): Generator<AuditEntry> {
    for (const row of this.sql('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<AuditRow>)
      yield toEntry(row);
  }

  find(filter: AuditRowFilter): AuditEntry[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (filter.action?.endsWith('.')) add('substr(action, 1, ?) = ?', filter.action.length, filter.action);
    else if (filter.action) add('action = ?', filter.action);
    if (filter.jobId) add('job_id = ?', filter.jobId);
    if (filter.from !== undefined) add('at >= ?', filter.from);
    if (filter.to !== undefined) add('at < ?', filter.to);
    if (filter.beforeSeq !== undefined) add('seq < ?', filter.beforeSeq);
    if (filter.operator) add('lower(operator) = lower(?)', filter.operator);
    if (filter.text) {
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add(
        `(coalesce(operator, '') || ' ' || action || ' ' || coalesce(target, '') || ' ' || details_json) LIKE ? ESCAPE '\\'`,
        like,
      );
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY seq ${filter.newestFirst ? 'DESC' : 'ASC'} ${filter.limit ? 'LIMIT ?' : ''}`;
    if (filter.limit) args.push(filter.limit);
    return (this.sql(sql).all(...args) as AuditRow[]).map(toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    operator: row.operator,
    host: row.host,
    action: row.action,
    target: row.target,
    jobId: row.job_id as JobId | null,
    outcome: row.outcome as AuditOutcome,
    details: parseDetails(row.details_json),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A row whose details are not JSON any more was tampered with; verification reports it, reading shows it. */
function parseDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { unreadable: json };
  } catch {
    return { unreadable: json };
  }
}
