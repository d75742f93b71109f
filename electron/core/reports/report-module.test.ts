import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { JobId } from '../../../shared/domain/job';
import { ReportAuditEntrySchema } from '../../../shared/domain/report';
import { auditReportSource } from './report-module';

const jobId = 'job_auditsrc001' as JobId;
const entry: AuditEntry = {
  seq: 7,
  at: 1_000,
  operator: 'Ada',
  host: 'site-laptop',
  action: 'jobs.start',
  target: 'Roll out',
  jobId,
  outcome: 'ok',
  details: { devices: 4, spec: { name: 'Roll out' } },
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

describe('the audit log as the report reads it', () => {
  it('passes the query on and keeps the handover fields and the hash, not the details', () => {
    const queries: unknown[] = [];
    const source = auditReportSource({
      reader: {
        entries: (q) => {
          queries.push(q);
          return [entry];
        },
      },
      log: { verify: () => ({ ok: true, entries: 1, checkedAt: 5 }) },
    });
    const [read] = source.entries({ jobId, from: 1, to: 2 });
    expect(queries).toEqual([{ jobId, from: 1, to: 2 }]);
    expect(ReportAuditEntrySchema.parse(read)).toEqual({
      seq: 7,
      at: 1_000,
      operator: 'Ada',
      host: 'site-laptop',
      action: 'jobs.start',
      target: 'Roll out',
      jobId,
      outcome: 'ok',
      hash: 'f'.repeat(64),
    });
  });

  it('checks the chain again for each report and names the first bad entry', () => {
    let walks = 0;
    const source = auditReportSource({
      reader: { entries: () => [] },
      log: {
        verify: () => {
          walks += 1;
          return walks === 1
            ? { ok: true, entries: 3, checkedAt: 10 }
            : { ok: false, entries: 1, checkedAt: 20, firstBadSeq: 2, problem: 'edited', message: 'x' };
        },
      },
    });
    expect(source.chain()).toEqual({ intact: true, entries: 3, brokenAt: null, checkedAt: 10 });
    expect(source.chain()).toEqual({ intact: false, entries: 1, brokenAt: 2, checkedAt: 20 });
  });
});
