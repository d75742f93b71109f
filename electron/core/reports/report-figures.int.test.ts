import { afterAll, describe, expect, it } from 'vitest';
import type { JobId } from '../../../shared/domain/job';
import { HandoverReportSchema } from '../../../shared/domain/report';
import { pdfToText } from '../../../test-support/reports/pdf-to-text';
import { seedFinishedRun } from '../../../test-support/reports/seed-run';
import { silentLogger } from '../logging/json-logger';
import { openDatabase } from '../storage/database';
import { ReportRepository } from '../storage/repositories/report-repository';
import { yTicks } from './pdf-chart';
import { ReportBuilder } from './report-builder';
import { NO_AUDIT } from './report-ports';
import { reportPdf } from './report-pdf';
import { ReportService } from './report-service';

const START = Date.UTC(2026, 11, 8, 9, 0, 0);
const HOUR = 3_600_000;
const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => START });
afterAll(() => db.close());
// Two runs: the first on two devices, the second again on the first of them (the seed's ids follow the index).
seedFinishedRun(db, {
  jobId: 'job_figures0001' as JobId,
  names: ['Hall plug', 'Porch light'],
  startAt: START,
});
const end = seedFinishedRun(db, {
  jobId: 'job_figures0002' as JobId,
  names: ['Hall plug'],
  startAt: START + HOUR,
});
const builder = new ReportBuilder({
  store: new ReportRepository(db),
  audit: NO_AUDIT,
  clock: { now: () => end },
  host: 'site-laptop',
  appVersion: 'test',
});
const visit = { kind: 'visit', from: START, to: START + 2 * HOUR } as const;
/** The chart's y-axis labels on page 1 (the chart is at x 430, its labels left of its plot at x 466). */
const Y_LABELS = { x: 420, y: 80, width: 44, height: 220 };
const numbersIn = (text: string) => text.split(/\s+/).filter((w) => /^\d+$/.test(w));

describe('the figures of a site visit where a device ran twice', () => {
  it('counts distinct devices and device runs apart in the JSON summary and per model', async () => {
    const file = await new ReportService(builder).export({ scope: visit, format: 'json' });
    const report = HandoverReportSchema.parse(JSON.parse(Buffer.from(file.bytesBase64, 'base64').toString()));
    expect(report.summary).toMatchObject({ distinctDevices: 2, deviceRuns: 3, devices: 3 });
    const hall = report.summary.byModel.find((m) => m.model === 'SNSW-001P16EU')!;
    expect(hall).toMatchObject({ distinctDevices: 1, deviceRuns: 2, succeeded: 2 });
  });

  it('labels both plainly in the PDF: on page 1 and in the per-model table', async () => {
    const text = pdfToText(await reportPdf(builder.build(visit)));
    expect(text).toMatch(/Devices:\s+2\n/);
    expect(text).toMatch(/Device runs:\s+3 \(a device in two runs counts twice\)/);
    expect(text).toMatch(/Model\s+Devices\s+Device runs\s+Succeeded\s+Failed/);
    expect(text).toMatch(/SNSW-001P16EU\s+1\s+2\s+2\s+0/);
    expect(text).toMatch(/SHPLG-S\s+1\s+1\s+1\s+0/);
  });

  it('labels the chart’s y axis with whole numbers, none repeated', async () => {
    const labels = numbersIn(pdfToText(await reportPdf(builder.build(visit)), Y_LABELS));
    expect(labels).toEqual(['3', '2', '1', '0']);
  });

  it('shows one 0 and says no devices finished when the range is empty', async () => {
    const empty = { ...builder.build(visit), progress: { points: [], total: 0 } };
    const pdf = await reportPdf(empty);
    expect(numbersIn(pdfToText(pdf, Y_LABELS))).toEqual(['0']);
    expect(pdfToText(pdf)).toContain('no devices finished');
  });
});

describe('y-axis ticks', () => {
  it.each([
    [0, [0]],
    [1, [0, 1]],
    [2, [0, 1, 2]],
    [3, [0, 1, 2, 3]],
    [5, [0, 2, 4, 6]],
    [10, [0, 3, 6, 9, 12]],
    [10_000, [0, 2_500, 5_000, 7_500, 10_000]],
  ])('for %i device runs: %j', (total, ticks) => {
    expect(yTicks(total)).toEqual(ticks);
  });
});
