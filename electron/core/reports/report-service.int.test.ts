import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobId } from '../../../shared/domain/job';
import {
  HandoverReportSchema,
  type ReportAuditEntry,
  type ReportFormat,
} from '../../../shared/domain/report';
import { parseCsv } from '../../../test-support/reports/parse-csv';
import { FIRMWARE_AFTER, FIRMWARE_BEFORE, seedFinishedRun } from '../../../test-support/reports/seed-run';
import { silentLogger } from '../logging/json-logger';
import { openDatabase } from '../storage/database';
import { ReportRepository } from '../storage/repositories/report-repository';
import { ReportBuilder } from './report-builder';
import type { ReportAuditSource } from './report-ports';
import { ReportService } from './report-service';
import { localDay } from '../../../shared/util/local-day';
import { CSV_COLUMNS } from './report-csv';

const NASTY = [
  'Hall, left',
  'The "big" plug',
  'two\r\nlines',
  '=HYPERLINK("http://evil","x")',
  '+1+1',
  '-2',
  '@SUM(A1)',
  '\tTabbed',
  '客厅灯 💡',
  'Küche Süd',
  'Plain 11',
  'Plain 12',
];
const jobId = 'job_reportsvc01' as JobId;
const START = Date.UTC(2026, 11, 8, 9, 0, 0);
const entry = (seq: number, action: string, operator: string): ReportAuditEntry => ({
  seq,
  at: START + seq,
  operator,
  host: 'site-laptop',
  action,
  target: jobId,
  jobId,
  outcome: 'ok',
  hash: 'a'.repeat(64),
});
const audit: ReportAuditSource = {
  entries: (q) =>
    q.jobId === jobId || q.jobId === undefined
      ? [entry(1, 'jobs.start', 'Ada Lovelace'), entry(2, 'jobs.pause', 'Grace Hopper')]
      : [],
  chain: () => ({ intact: true, entries: 2, brokenAt: null, checkedAt: START }),
};

const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => START });
const end = seedFinishedRun(db, {
  jobId,
  names: NASTY,
  startAt: START,
  outcome: (i) => (i === 10 ? 'skipped' : i % 4 === 3 ? 'failed' : 'succeeded'),
});
const service = new ReportService(
  new ReportBuilder({
    store: new ReportRepository(db),
    audit,
    clock: { now: () => end + 60_000 },
    host: 'site-laptop',
    appVersion: '0.1.0',
  }),
);
const dir = mkdtempSync(join(tmpdir(), 'fieldbatch-report-'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(format: ReportFormat): Promise<Buffer> {
  const file = await service.export({ scope: { kind: 'job', jobId }, format });
  expect(file.fileName).toBe(`handover-Firmware-1-5-0-${localDay(START)}.${format}`);
  return Buffer.from(file.bytesBase64, 'base64');
}

describe('handover report of a finished run', () => {
  it('exports JSON that validates against schema v1 with versions, outcomes, operators and progress', async () => {
    const report = HandoverReportSchema.parse(JSON.parse((await exported('json')).toString('utf8')));
    expect(report.schemaVersion).toBe(1);
    expect(report.devices.map((d) => d.name)).toEqual(NASTY);
    expect(report.operators).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(report.summary.byOutcome).toMatchObject({ succeeded: 8, failed: 3, skipped: 1 });
    expect(report.summary.versionTransitions).toEqual([
      { from: FIRMWARE_BEFORE, to: FIRMWARE_AFTER, devices: 8 },
      { from: FIRMWARE_BEFORE, to: FIRMWARE_BEFORE, devices: 4 },
    ]);
    const failed = report.devices[3]!;
    expect(failed).toMatchObject({
      outcome: 'failed',
      reason: 'timeout',
      attempts: 1,
      firmwareAfter: FIRMWARE_BEFORE,
    });
    expect(report.devices[10]).toMatchObject({ outcome: 'skipped', reason: 'already-on-target' });
    expect(report.progress.total).toBe(12);
    expect(report.progress.points.at(-1)!.finished).toBe(12);
    expect(report.runs[0]).toMatchObject({ state: 'completed', devices: 12, durationMs: end - START });
  });

  it('exports CSV with one row per device whose nasty names read back exactly, formulas neutralised', async () => {
    const rows = parseCsv((await exported('csv')).toString('utf8'));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const names = rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf('device_name')]);
    expect(names).toEqual(NASTY.map((n) => (/^[=+\-@\t\r]/.test(n) ? `'${n}` : n)));
    expect(rows[4]![CSV_COLUMNS.indexOf('outcome')]).toBe('failed');
    expect(rows[1]![CSV_COLUMNS.indexOf('firmware_after')]).toBe(FIRMWARE_AFTER);
  });

  it('exports a PDF that pdftotext reads the figures from and pdftoppm renders', async () => {
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, await exported('pdf'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Handover report');
    expect(text).toMatch(/Devices:\s+12/);
    expect(text).toMatch(/Device runs:\s+12/);
    expect(text).toContain('Started a job');
    expect(text).not.toContain('jobs.start');
    expect(text).not.toContain('audit log of this computer was altered');
    expect(text).toContain(`${FIRMWARE_BEFORE} -> ${FIRMWARE_AFTER}`);
    expect(text).toMatch(/succeeded\s+8/);
    expect(text).toMatch(/failed\s+3/);
    expect(text).toContain('Ada Lovelace, Grace Hopper');
    expect(text).toContain('Kuche'.replace('u', 'ü'));
    expect(text).toContain('??? ?'); // 客厅灯 💡: replaced visibly
    execFileSync('pdftoppm', ['-r', '40', '-png', pdf, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(statSync(join(dir, p)).size).toBeGreaterThan(1000);
  });

  it('refuses an unknown run with NOT_FOUND', async () => {
    await expect(
      service.export({ scope: { kind: 'job', jobId: 'job_nosuchrun1' as JobId }, format: 'csv' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('reports a site visit: the runs that started in the range, none outside it', async () => {
    const inside = await service.export({
      scope: { kind: 'visit', from: START, to: START + 1 },
      format: 'json',
    });
    const parse = (b64: string) =>
      HandoverReportSchema.parse(JSON.parse(Buffer.from(b64, 'base64').toString('utf8')));
    expect(parse(inside.bytesBase64).runs.map((r) => r.jobId)).toEqual([jobId]);
    expect(inside.fileName).toBe(`site-visit-${localDay(START)}-to-${localDay(START)}.json`);
  });

  it('refuses a visit in which no run started, in plain words, instead of an empty report', async () => {
    const from = new Date(2026, 11, 1).getTime();
    const to = new Date(2026, 11, 6).getTime();
    await expect(service.export({ scope: { kind: 'visit', from, to }, format: 'pdf' })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
        message: 'No runs started between 1 Dec and 5 Dec 2026.',
      },
    );
  });
});
