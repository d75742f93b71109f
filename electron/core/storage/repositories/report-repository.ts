import type { DeviceId } from '../../../../shared/domain/device';
import type { JobId } from '../../../../shared/domain/job';
import { TERMINAL_EXECUTION_STATES } from '../../../../shared/domain/job-rules';
import type { ReportDeviceRow, ReportRunRow, ReportStore, VersionLedger } from '../../reports/report-ports';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';
import { parseSpec } from './job-rows';

interface RunRow {
  id: string;
  name: string;
  state: string;
  retry_of: string | null;
  spec_json: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  devices: number;
}

const RUN_COLUMNS = `id, name, state, retry_of, spec_json, created_at, started_at, finished_at,
  (SELECT count(*) FROM job_executions e WHERE e.job_id = jobs.id) AS devices`;
const ENDED = TERMINAL_EXECUTION_STATES.map((s) => `'${s}'`).join(', ');

function toRun(row: RunRow): ReportRunRow {
  return {
    jobId: row.id as JobId,
    name: row.name,
    state: row.state as ReportRunRow['state'],
    retryOf: row.retry_of as JobId | null,
    steps: parseSpec(row.spec_json)?.steps.map((s) => s.action) ?? [],
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    devices: row.devices,
  };
}

/** The handover report's reads over the job tables, and the run's version record (migration 0014). */
export class ReportRepository implements ReportStore, VersionLedger {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  run(jobId: JobId): ReportRunRow | null {
    const row = this.sql(`SELECT ${RUN_COLUMNS} FROM jobs WHERE id = ?`).get(jobId) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  runsStartedBetween(from: number, to: number): ReportRunRow[] {
    const rows = this.sql(
      `SELECT ${RUN_COLUMNS} FROM jobs WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id`,
    ).all(from, to) as RunRow[];
    return rows.map(toRun);
  }

  devices(jobIds: readonly JobId[]): ReportDeviceRow[] {
    // The run's own record first; the inventory's model for runs older than it (null when forgotten).
    const select = this.sql(`
      SELECT e.job_id AS jobId, e.device_id AS deviceId, e.device_name AS name,
        coalesce(v.model, d.model) AS model, coalesce(v.family, d.family) AS family,
        v.firmware_before AS firmwareBefore, v.firmware_after AS firmwareAfter,
        e.state, coalesce(e.reason, e.skip_reason) AS reason, e.message, e.attempt AS attempts,
        e.started_at AS startedAt, e.finished_at AS finishedAt
      FROM job_executions e
      LEFT JOIN report_versions v ON v.job_id = e.job_id AND v.device_id = e.device_id
      LEFT JOIN devices d ON d.id = e.device_id
      WHERE e.job_id = ? ORDER BY e.position`);
    return jobIds.flatMap((jobId) => select.all(jobId) as ReportDeviceRow[]);
  }

  finishTimes(jobIds: readonly JobId[]): number[] {
    // The journal's last end line per device; a device skipped by the plan has none (its creation is one
    // job line), so its execution's own end time stands in.
    const select = this.sql(`
      SELECT coalesce(j.at, e.finished_at) AS at
      FROM job_executions e
      LEFT JOIN (
        SELECT device_id, max(at) AS at FROM job_journal
        WHERE job_id = ? AND device_id IS NOT NULL AND to_state IN (${ENDED}) GROUP BY device_id
      ) j ON j.device_id = e.device_id
      WHERE e.job_id = ? AND e.state IN (${ENDED})`);
    return jobIds.flatMap((jobId) =>
      (select.all(jobId, jobId) as { at: number | null }[]).flatMap((r) => (r.at === null ? [] : [r.at])),
    );
  }

  takenIn(jobId: JobId, deviceIds: readonly DeviceId[], ended: readonly DeviceId[]): void {
    const insert = this.sql(`
      INSERT OR REPLACE INTO report_versions (job_id, device_id, model, family, firmware_before, firmware_after)
      SELECT ?, ?, d.model, d.family, d.firmware, CASE WHEN ? THEN d.firmware END
      FROM (SELECT 1) LEFT JOIN devices d ON d.id = ?`);
    const endedNow = new Set(ended);
    for (const id of deviceIds) insert.run(jobId, id, endedNow.has(id) ? 1 : 0, id);
  }

  ended(jobId: JobId, deviceIds: readonly DeviceId[]): void {
    const update = this.sql(`
      UPDATE report_versions SET firmware_after = (SELECT firmware FROM devices WHERE id = ?)
      WHERE job_id = ? AND device_id = ?`);
    for (const id of deviceIds) update.run(id, jobId, id);
  }
}
