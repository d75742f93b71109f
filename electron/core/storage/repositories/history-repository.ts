import type { ArtifactMeta } from '../../../../shared/domain/artifacts';
import type { DeviceId } from '../../../../shared/domain/device';
import type { HistoryHit, TimelineEntry } from '../../../../shared/domain/history';
import type {
  ExecutionState,
  FailureReason,
  JobId,
  JobLogEntry,
  JobState,
  SkipReason,
} from '../../../../shared/domain/job';
import { UNFINISHED_JOB_STATES } from '../../../../shared/domain/job-rules';
import { DomainError } from '../../errors';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';
import { toArtifactMeta, type ArtifactRow } from './artifact-repository';
import { parseSpec } from './job-rows';

/** A search as SQL sees it: `terms` are FTS5 strings already quoted (see history/search-terms.ts). */
export interface HistoryFilter {
  terms: readonly string[];
  deviceIds: readonly DeviceId[] | null;
  from: number | null;
  to: number | null;
  outcomes: readonly ExecutionState[];
}

interface HitRow {
  job_id: string;
  job_name: string;
  job_state: string;
  device_id: string;
  device_name: string;
  state: string;
  reason: string | null;
  skip_reason: string | null;
  message: string | null;
  result: string | null;
  artifact_id: string | null;
  at: number;
  finished_at: number | null;
  step_index: number;
  attempt: number;
}

const HIT_COLUMNS = `e.job_id, j.name AS job_name, j.state AS job_state, e.device_id, e.device_name, e.state,
  e.reason, e.skip_reason, e.message, e.result, e.artifact_id, coalesce(e.started_at, j.created_at) AS at,
  e.finished_at, e.step_index, e.attempt`;
const HIT_ORDER = 'ORDER BY at DESC, e.job_id DESC, e.position';

/** A term matches an execution through its own document or its artifacts', or its run's document. */
const termClause = (name: string) => `(
  (e.job_id, e.device_id) IN (SELECT job_id, device_id FROM history_docs WHERE device_id IS NOT NULL
    AND doc IN (SELECT rowid FROM history_fts WHERE history_fts MATCH @${name}))
  OR e.job_id IN (SELECT job_id FROM history_docs WHERE device_id IS NULL
    AND doc IN (SELECT rowid FROM history_fts WHERE history_fts MATCH @${name})))`;

const toHit = (r: HitRow): HistoryHit => ({
  jobId: r.job_id as JobId,
  jobName: r.job_name,
  jobState: r.job_state as JobState,
  deviceId: r.device_id as DeviceId,
  deviceName: r.device_name,
  state: r.state as ExecutionState,
  reason: r.reason as FailureReason | null,
  skipReason: r.skip_reason as SkipReason | null,
  message: r.message,
  result: r.result,
  artifactId: r.artifact_id,
  at: r.at,
  finishedAt: r.finished_at,
});

/** Counts for `history.usage` (sizes of files are the service's). */
export interface HistoryCounts {
  runs: number;
  unfinishedRuns: number;
  executions: number;
  artifacts: number;
  artifactBytes: number;
  oldestRunAt: number | null;
  pageSize: number;
  freePages: number;
}

/** History's reads (migration 0013): executions by text, device, date and outcome; a device's timeline. */
export class HistoryRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  search(filter: HistoryFilter, offset: number, limit: number): { total: number; hits: HistoryHit[] } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    filter.terms.forEach((term, i) => {
      where.push(termClause(`t${i}`));
      params[`t${i}`] = term;
    });
    if (filter.deviceIds) {
      where.push('e.device_id IN (SELECT value FROM json_each(@devices))');
      params.devices = JSON.stringify(filter.deviceIds);
    }
    if (filter.outcomes.length > 0) {
      where.push('e.state IN (SELECT value FROM json_each(@outcomes))');
      params.outcomes = JSON.stringify(filter.outcomes);
    }
    if (filter.from !== null) {
      where.push('coalesce(e.started_at, j.created_at) >= @from');
      params.from = filter.from;
    }
    if (filter.to !== null) {
      where.push('coalesce(e.started_at, j.created_at) <= @to');
      params.to = filter.to;
    }
    const body = `FROM job_executions e JOIN jobs j ON j.id = e.job_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`;
    return this.guarded(filter.terms.length > 0, () => {
      const { n } = this.sql(`SELECT count(*) AS n ${body}`).get(params) as { n: number };
      const rows = this.sql(`SELECT ${HIT_COLUMNS} ${body} ${HIT_ORDER} LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit,
        offset,
      }) as HitRow[];
      return { total: n, hits: rows.map(toHit) };
    });
  }

  /** Every execution of the device, newest first, with its journal lines and artifacts. */
  timeline(deviceId: DeviceId, offset: number, limit: number): { total: number; entries: TimelineEntry[] } {
    const { n } = this.sql('SELECT count(*) AS n FROM job_executions WHERE device_id = ?').get(deviceId) as {
      n: number;
    };
    const rows = this.sql(
      `SELECT ${HIT_COLUMNS}, j.spec_json FROM job_executions e JOIN jobs j ON j.id = e.job_id WHERE e.device_id = ?
       ${HIT_ORDER} LIMIT ? OFFSET ?`,
    ).all(deviceId, limit, offset) as (HitRow & { spec_json: string })[];
    const entries = rows.map((r) => ({
      hit: toHit(r),
      actions: parseSpec(r.spec_json)?.steps.map((s) => s.action) ?? [],
      stepIndex: r.step_index,
      attempt: r.attempt,
      steps: this.steps(r.job_id, deviceId),
      artifacts: this.artifacts(r.job_id, deviceId),
    }));
    return { total: n, entries };
  }

  /** The artifacts a run's devices produced, oldest first. */
  runArtifacts(jobId: JobId): ArtifactMeta[] {
    const rows = this.sql('SELECT * FROM artifacts WHERE job_id = ? ORDER BY created_at, id').all(jobId);
    return (rows as ArtifactRow[]).map(toArtifactMeta);
  }

  counts(): HistoryCounts {
    const unfinished = UNFINISHED_JOB_STATES.map(() => '?').join(', ');
    const row = this.sql(
      `SELECT (SELECT count(*) FROM jobs) AS runs,
        (SELECT count(*) FROM jobs WHERE state IN (${unfinished})) AS unfinishedRuns,
        (SELECT count(*) FROM job_executions) AS executions,
        (SELECT count(*) FROM artifacts) AS artifacts,
        (SELECT coalesce(sum(size), 0) FROM artifacts) AS artifactBytes,
        (SELECT min(created_at) FROM jobs) AS oldestRunAt`,
    ).get(...UNFINISHED_JOB_STATES) as Omit<HistoryCounts, 'pageSize' | 'freePages'>;
    return {
      ...row,
      pageSize: this.db.pragma('page_size', { simple: true }) as number,
      freePages: this.db.pragma('freelist_count', { simple: true }) as number,
    };
  }

  private steps(jobId: string, deviceId: DeviceId): JobLogEntry[] {
    return this.sql(
      `SELECT seq, at, device_id AS deviceId, event, from_state AS "from", to_state AS "to", detail_json AS detail
       FROM job_journal WHERE job_id = ? AND device_id = ? ORDER BY seq LIMIT 200`,
    ).all(jobId, deviceId) as JobLogEntry[];
  }

  private artifacts(jobId: string, deviceId: DeviceId): ArtifactMeta[] {
    const rows = this.sql(
      'SELECT * FROM artifacts WHERE job_id = ? AND device_id = ? ORDER BY created_at, id',
    ).all(jobId, deviceId);
    return (rows as ArtifactRow[]).map(toArtifactMeta);
  }

  /**
   * The terms are quoted, so FTS5 should never refuse them; if it does ("unterminated string", "fts5: syntax
   * error near …": a plain SQLITE_ERROR while the statement runs, this SQL being fixed), the words are the
   * user's to change.
   */
  private guarded<T>(hasTerms: boolean, read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (hasTerms && (error as { code?: unknown }).code === 'SQLITE_ERROR')
        throw new DomainError('INVALID_INPUT', 'these search words cannot be searched for; try other words', {
          problem: 'bad-search-text',
        });
      throw error;
    }
  }
}
