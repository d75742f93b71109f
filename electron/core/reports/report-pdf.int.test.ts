import { describe, expect, it } from 'vitest';
import type { JobId } from '../../../shared/domain/job';
import { seedFinishedRun } from '../../../test-support/reports/seed-run';
import { silentLogger } from '../logging/json-logger';
import { openDatabase } from '../storage/database';
import { ReportRepository } from '../storage/repositories/report-repository';
import { ReportBuilder } from './report-builder';
import { NO_AUDIT } from './report-ports';
import { reportPdf } from './report-pdf';

describe('the PDF of a large run', () => {
  it('lets the event loop turn while it draws the device pages (jobs keep running meanwhile)', async () => {
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 0 });
    const jobId = 'job_reportpdf01' as JobId;
    const names = Array.from({ length: 2_000 }, (_, i) => `Plug ${i}`);
    const end = seedFinishedRun(db, { jobId, names, startAt: 1_000 });
    const report = new ReportBuilder({
      store: new ReportRepository(db),
      audit: NO_AUDIT,
      clock: { now: () => end },
      host: 'test',
      appVersion: 'test',
    }).build({ kind: 'job', jobId });
    db.close();
    let turns = 0;
    let isDrawing = true;
    const tick = () => {
      if (!isDrawing) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const pdf = await reportPdf(report);
    isDrawing = false;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(turns).toBeGreaterThanOrEqual(5);
  });
});
