import { hostname } from 'node:os';
import type { AuditEntry, AuditVerification } from '../../../shared/domain/audit';
import type { ReportAuditChain, ReportAuditEntry } from '../../../shared/domain/report';
import type { AuditLog } from '../audit/audit-log';
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

/** The audit module's verification as the report's chain state. */
export function toReportAuditChain(v: AuditVerification): ReportAuditChain {
  return { intact: v.ok, entries: v.entries, brokenAt: v.ok ? null : v.firstBadSeq, checkedAt: v.checkedAt };
}

/** What the report reads of the audit module: its entries and its chain check. */
export interface ReportAuditParts {
  reader: Pick<AuditReader, 'entries'>;
  log: Pick<AuditLog, 'verify'>;
}

/**
 * The audit log (H2's AuditReader and AuditLog) as the report's port. The chain is walked again for each
 * report (about 60 ms per 1,000 entries): a row edited after the app opened must not slip into a handover.
 */
export function auditReportSource({ reader, log }: ReportAuditParts): ReportAuditSource {
  return {
    entries: (query) => reader.entries(query).map(toReportAuditEntry),
    chain: () => toReportAuditChain(log.verify()),
  };
}

/**
 * The report's parts for the composition root: `recorder` joins the job event stream before recovery (so no
 * run misses its versions), `service` is built once the audit log exists.
 */
export function createReportModule(options: { db: Db; clock: Clock; version: string }) {
  const store = new ReportRepository(options.db);
  return {
    recorder: new VersionRecorder(store),
    service: (audit: ReportAuditParts) =>
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
