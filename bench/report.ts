import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { JobId } from '../shared/domain/job';
import type { ReportFormat } from '../shared/domain/report';
import { silentLogger } from '../electron/core/logging/json-logger';
import { ReportBuilder } from '../electron/core/reports/report-builder';
import { NO_AUDIT } from '../electron/core/reports/report-ports';
import { ReportService } from '../electron/core/reports/report-service';
import { openDatabase } from '../electron/core/storage/database';
import { ReportRepository } from '../electron/core/storage/repositories/report-repository';
import { makeTempDir } from '../test-support/core/temp-dir';
import { seedFinishedRun } from '../test-support/reports/seed-run';
import type { Benchmark } from './bench-types';
import { round3 } from './figures';

const DEVICES = 10_000;
const jobId = 'job_benchreport1' as JobId;

/**
 * The handover report of a finished 10,000-device run (every 10th failed), seeded in an SQLite file the way
 * the engine writes a run (journal commits with the report's VersionRecorder subscribed). Each format is
 * timed from the request to the file's bytes (the database reads included). Goal (issue 11): pdf_10k_s < 10.
 * rss_peak_mb is the process's peak resident size, seeding included.
 */
export const report: Benchmark = {
  name: 'report',
  description: `handover report (CSV, JSON, PDF) of a finished ${DEVICES.toLocaleString('en')}-device run`,
  async run() {
    const dir = makeTempDir('fieldbatch-bench-report-');
    const db = openDatabase({ file: join(dir.path, 'fieldbatch.db'), logger: silentLogger, now: () => 0 });
    try {
      const start = Date.UTC(2026, 11, 8, 8);
      const names = Array.from({ length: DEVICES }, (_, i) => `Plug ${String(i + 1).padStart(5, '0')} hall`);
      const end = seedFinishedRun(db, { jobId, names, startAt: start, gapMs: 250 });
      const service = new ReportService(
        new ReportBuilder({
          store: new ReportRepository(db),
          audit: NO_AUDIT,
          clock: { now: () => end },
          host: 'bench',
          appVersion: 'bench',
        }),
      );
      const timed = async (format: ReportFormat) => {
        const t0 = performance.now();
        const file = await service.export({ scope: { kind: 'job', jobId }, format });
        return { seconds: round3((performance.now() - t0) / 1000), bytes: (file.bytesBase64.length * 3) / 4 };
      };
      const csv = await timed('csv');
      const json = await timed('json');
      const pdf = await timed('pdf');
      return {
        devices: DEVICES,
        pdf_10k_s: pdf.seconds,
        csv_10k_s: csv.seconds,
        json_10k_s: json.seconds,
        pdf_bytes: Math.round(pdf.bytes),
        rss_peak_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    } finally {
      db.close();
      dir.cleanup();
    }
  },
};
