import type { Migration } from './migration';

/**
 * Devices a job may start next, written ahead of their start: a device is then contacted without waiting
 * for its own "running" row to reach the disk. After a crash, an announced device that is still `queued`
 * (the announcement is newer than its row) may have been contacted, so it is re-verified like a step in flight.
 */
export const migration0006JobAnnouncements: Migration = {
  version: 6,
  name: 'job-announcements',
  sql: `
CREATE TABLE job_announcements (
  job_id    TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  device_id TEXT NOT NULL,
  at        INTEGER NOT NULL,
  PRIMARY KEY (job_id, device_id)
) STRICT, WITHOUT ROWID;
`,
};
