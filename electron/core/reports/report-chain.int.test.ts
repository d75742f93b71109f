import { afterEach, describe, expect, it } from 'vitest';
import type { JobId } from '../../../shared/domain/job';
import { HandoverReportSchema, type ReportFormat } from '../../../shared/domain/report';
import { parseCsv } from '../../../test-support/reports/parse-csv';
import { pdfToText } from '../../../test-support/reports/pdf-to-text';
import { seedFinishedRun } from '../../../test-support/reports/seed-run';
import { AuditLog } from '../audit/audit-log';
import { AuditReader } from '../audit/audit-reader';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { AuditRepository } from '../storage/repositories/audit-repository';
import { ReportRepository } from '../storage/repositories/report-repository';
import { CSV_COLUMNS } from './report-csv';
import { ReportBuilder } from './report-builder';
import { auditReportSource } from './report-module';
import { ReportService } from './report-service';

const jobId = 'job_reportchain1' as JobId;
const START = Date.UTC(2026, 11, 8, 9, 0, 0);
const WARNING =
  'The audit log of this computer was altered: entry 2 was edited or removed. The operators and actions below cannot be trusted.';

let db: Db;
afterEach(() => db.close());

/** A finished run with three real audit entries (hash-chained), exported through the app's own adapters. */
function siteWithAudit() {
  db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => START });
  const end = seedFinishedRun(db, { jobId, names: ['Hall plug', 'Porch light'], startAt: START });
  const repo = new AuditRepository(db);
  let now = START;
  const operators = ['Ada Lovelace', 'Ada Lovelace', 'Grace Hopper'];
  const log = new AuditLog({
    repo,
    clock: { now: () => (now += 1) },
    logger: silentLogger,
    operator: () => operators.shift() ?? null,
    host: 'site-laptop',
  });
  for (const action of ['jobs.start', 'jobs.pause', 'jobs.resume'])
    log.append({ action, target: jobId, jobId, outcome: 'ok', details: {} });
  const service = new ReportService(
    new ReportBuilder({
      store: new ReportRepository(db),
      audit: auditReportSource({ reader: new AuditReader(repo), log }),
      clock: { now: () => end },
      host: 'site-laptop',
      appVersion: 'test',
    }),
  );
  const exported = async (format: ReportFormat) =>
    Buffer.from((await service.export({ scope: { kind: 'job', jobId }, format })).bytesBase64, 'base64');
  return { exported };
}

/** Someone edits entry 2's operator in the file, dropping the trigger that guards it as the app cannot stop. */
function forgeOperatorOfEntry2(): void {
  db.exec('DROP TRIGGER audit_log_no_update');
  db.exec("UPDATE audit_log SET operator = 'Mallory' WHERE seq = 2");
}

describe('the handover report and the audit chain', () => {
  it('says nothing alarming when the chain is intact', async () => {
    const { exported } = siteWithAudit();
    const report = HandoverReportSchema.parse(JSON.parse((await exported('json')).toString('utf8')));
    expect(report.auditChain).toMatchObject({ intact: true, entries: 3, brokenAt: null });
    const text = pdfToText(await exported('pdf'));
    expect(text).not.toContain('was altered');
    expect(text).not.toContain('ALTERED?');
    expect(text).not.toContain('NOT TRUSTED');
    const rows = parseCsv((await exported('csv')).toString('utf8'));
    expect(rows[1]![CSV_COLUMNS.indexOf('audit_log')]).toBe('intact');
  });

  it('warns on page 1 of the PDF, in the JSON and in the CSV after a row was edited in the database', async () => {
    const { exported } = siteWithAudit();
    forgeOperatorOfEntry2();
    const report = HandoverReportSchema.parse(JSON.parse((await exported('json')).toString('utf8')));
    expect(report.auditChain).toMatchObject({ intact: false, entries: 1, brokenAt: 2 });
    expect(report.operators).toContain('Mallory');

    const pdf = await exported('pdf');
    const firstPage = pdfToText(pdf, { x: 0, y: 0, width: 842, height: 595 }).replace(/\s+/g, ' ');
    expect(firstPage).toContain(`WARNING: ${WARNING}`);
    expect(firstPage).toContain('Ada Lovelace, Mallory, Grace Hopper (NOT TRUSTED: audit log altered)');
    const auditRows = pdfToText(pdf)
      .split('\n')
      .filter((line) => /site-laptop/.test(line) && /\bok\b/.test(line));
    expect(auditRows.map((line) => line.trim().split(/\s+/)[0])).toEqual(['1', '2', '3']);
    expect(auditRows.map((line) => line.trim().endsWith('ALTERED?'))).toEqual([false, true, true]);

    const rows = parseCsv((await exported('csv')).toString('utf8'));
    expect(rows[1]![CSV_COLUMNS.indexOf('audit_log')]).toBe(
      'altered at entry 2: operators cannot be trusted',
    );
  });
});
