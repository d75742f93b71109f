import { hostname } from 'node:os';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { ReportAuditEntry } from '../../../shared/domain/report';
import type { AuditReader } from '../audit/audit-reader';
import type { Clock } from '../ports';
import type { Db } from '../storage/database';
import { ReportRepository } from '../storage/repositories/report-repository';
import { ReportBuilder } from './report-builder';
import type { ReportAuditSource } from './report-ports';
import { ReportService } from './report-service';
import { VersionRecorder } from './version-recorder';

/** The report's view of an audit entry: the fields a handover needs and the hash that ties it to the log. */
export function toReportAuditEntry(e: AuditEntry): ReportAuditEntry {
  const { seq, at, operator, host, action, target, jobId, outcome, hash } = e;
  return { seq, at, operator, host, action, target, jobId, outcome, hash };
}

/** The audit log (H2's AuditReader) as the report's port. */
export function auditReportSource(reader: Pick<AuditReader, 'entries'>): ReportAuditSource {
  return { entries: (query) => reader.entries(query).map(toReportAuditEntry) };
}

/**
 * The report's parts for the composition root: `recorder` joins the job event stream before recovery (so no
 * run misses its versions), `service` is built once the audit log exists.
 */
export function createReportModule(options: { db: Db; clock: Clock; version: string }) {
  const store = new ReportRepository(options.db);
  return {
    recorder: new VersionRecorder(store),
    service: (audit: Pick<AuditReader, 'entries'>) =>
      new ReportService(
        new ReportBuilder({
          store,
          audit: auditReportSource(audit),
          clock: options.clock,
          host: hostname(),
          appVersion: options.version,
        }),
      ),
  };
}
