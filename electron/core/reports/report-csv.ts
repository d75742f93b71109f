import type { HandoverReport } from '../../../shared/domain/report';
import { csvLines } from './csv-cells';

/** Columns of the CSV export, one row per device execution (docs/report-schema.md, "CSV"). */
export const CSV_COLUMNS = [
  'job_id',
  'run_name',
  'operators',
  'host',
  'device_id',
  'device_name',
  'model',
  'family',
  'firmware_before',
  'firmware_after',
  'outcome',
  'reason',
  'message',
  'attempts',
  'started_at',
  'finished_at',
  'duration_s',
  // Last, so readers that take columns by position keep working: whether `operators` can be trusted.
  'audit_log',
] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** "intact", or "altered at entry N" when the audit chain is broken (the operators then cannot be trusted). */
function auditLogCell({ intact, brokenAt }: HandoverReport['auditChain']): string {
  return intact ? 'intact' : `altered at entry ${brokenAt}: operators cannot be trusted`;
}

/** The report as CSV: a header line, then each device of each run (UTF-8, CRLF, RFC 4180 quoting). */
export function reportCsv(report: HandoverReport): string {
  const runs = new Map(report.runs.map((r) => [r.jobId, r]));
  const auditLog = auditLogCell(report.auditChain);
  const rows = report.devices.map((d) => {
    const run = runs.get(d.jobId);
    return [
      d.jobId,
      run?.name ?? null,
      run?.operators.join('; ') ?? null,
      report.host,
      d.deviceId,
      d.name,
      d.model,
      d.family,
      d.firmwareBefore,
      d.firmwareAfter,
      d.outcome,
      d.reason,
      d.message,
      d.attempts,
      iso(d.startedAt),
      iso(d.finishedAt),
      d.durationMs === null ? null : Math.round(d.durationMs / 100) / 10,
      auditLog,
    ];
  });
  return csvLines([CSV_COLUMNS, ...rows]);
}
