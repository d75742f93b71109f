import type { Migration } from './migration';

/**
 * The firmware each device of a run reported when the run took it in and when its execution ended, for the
 * handover report's "before → after" (issue 11 part 3): the inventory keeps only the version now, and an
 * execution's result is words. Written by the report's VersionRecorder in the job commit's transaction.
 * device_id is not a foreign key to devices, like job_executions: a run's record outlives a forgotten device.
 */
export const migration0014ReportVersions: Migration = {
  version: 14,
  name: 'report-versions',
  sql: `
CREATE TABLE report_versions (
  job_id           TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  device_id        TEXT NOT NULL,
  model            TEXT,
  family           TEXT,
  firmware_before  TEXT,
  firmware_after   TEXT,
  PRIMARY KEY (job_id, device_id)
) STRICT, WITHOUT ROWID;
`,
};
