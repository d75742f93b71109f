import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobId } from '../../../../shared/domain/job';
import { HandoverReportSchema } from '../../../../shared/domain/report';
import { startTestAppCore, type TestAppCore } from '../../../../test-support/core/test-app-core';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { seedFinishedRun } from '../../../../test-support/reports/seed-run';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase } from '../../storage/database';
import { localDay } from '../../../../shared/util/local-day';

const jobId = 'job_reportipc01' as JobId;
const START = Date.UTC(2026, 11, 8, 8);

describe('reports.export through the contract', () => {
  const dir = makeTempDir('fieldbatch-report-ipc-');
  let app: TestAppCore;

  beforeAll(async () => {
    const db = openDatabase({
      file: join(dir.path, 'fieldbatch.db'),
      logger: silentLogger,
      now: () => START,
    });
    seedFinishedRun(db, { jobId, names: ['Hall', 'Porch', 'Garage'], startAt: START });
    db.close();
    app = await startTestAppCore({ dataDir: dir.path });
  });
  afterAll(async () => {
    await app.close();
    dir.cleanup();
  });

  it('exports a run in each format', async () => {
    for (const format of ['csv', 'json', 'pdf'] as const) {
      const file = await app.call('reports.export', { scope: { kind: 'job', jobId }, format });
      expect(file.fileName).toBe(`handover-Firmware-1-5-0-${localDay(START)}.${format}`);
      const bytes = Buffer.from(file.bytesBase64, 'base64');
      if (format === 'pdf') expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      if (format === 'json')
        expect(HandoverReportSchema.parse(JSON.parse(bytes.toString())).devices).toHaveLength(3);
      if (format === 'csv') expect(bytes.toString().split('\r\n')).toHaveLength(5);
    }
  });

  it.each([
    [
      'an unknown run',
      { scope: { kind: 'job', jobId: 'job_nosuchrun2' }, format: 'pdf' },
      'NOT_FOUND',
      /no run/,
    ],
    [
      'a visit that ends before it starts',
      { scope: { kind: 'visit', from: 10, to: 5 }, format: 'csv' },
      'INVALID_INPUT',
      /from < to/,
    ],
    [
      'an empty visit',
      { scope: { kind: 'visit', from: 5, to: 5 }, format: 'csv' },
      'INVALID_INPUT',
      /from < to/,
    ],
    [
      'a visit in which no run started',
      { scope: { kind: 'visit', from: START + 3_600_000, to: START + 7_200_000 }, format: 'pdf' },
      'NOT_FOUND',
      /^No runs started on \d{1,2} Dec 2026\.$/,
    ],
    ['an unknown format', { scope: { kind: 'job', jobId }, format: 'xlsx' }, 'INVALID_INPUT', /./],
    [
      'a malformed job id',
      { scope: { kind: 'job', jobId: '../etc' }, format: 'json' },
      'INVALID_INPUT',
      /job id/,
    ],
    ['an unknown scope', { scope: { kind: 'site' }, format: 'json' }, 'INVALID_INPUT', /./],
    ['extra fields', { scope: { kind: 'job', jobId }, format: 'json', path: '/tmp/x' }, 'INVALID_INPUT', /./],
  ])('refuses %s with a typed error', async (_what, input, code, message) => {
    const result = await app.dispatch('reports.export', input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.message).toMatch(message);
  });
});
