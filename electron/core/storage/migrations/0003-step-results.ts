import type { Migration } from './migration';

/** What each verified step reported, and the artifact a collect step stored; artifacts are files in the data dir. */
export const migration0003StepResults: Migration = {
  version: 3,
  name: 'step-results',
  sql: `
ALTER TABLE job_executions ADD COLUMN result TEXT;
ALTER TABLE job_executions ADD COLUMN artifact_id TEXT;

CREATE TABLE artifacts (
  id         TEXT PRIMARY KEY,
  device_id  TEXT NOT NULL,
  job_id     TEXT,
  kind       TEXT NOT NULL,
  file       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX artifacts_device ON artifacts(device_id, created_at);

CREATE TABLE credential_sets (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  username   TEXT NOT NULL,
  is_site_default INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Which credential set logs in to which device (a device-specific set wins over the site default).
CREATE TABLE device_credentials (
  device_id TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
  credential_set_id TEXT NOT NULL REFERENCES credential_sets(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE firmware_images (
  sha256      TEXT PRIMARY KEY,
  file_name   TEXT NOT NULL,
  size        INTEGER NOT NULL,
  family      TEXT NOT NULL,
  models_json TEXT NOT NULL,
  version     TEXT NOT NULL,
  fw_id       TEXT,
  build       TEXT,
  version_source TEXT NOT NULL,
  notes       TEXT NOT NULL DEFAULT '',
  imported_at INTEGER NOT NULL
) STRICT;

CREATE TABLE firmware_downloads (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256      TEXT NOT NULL,
  job_id      TEXT,
  device_id   TEXT,
  remote      TEXT NOT NULL,
  bytes       INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  result      TEXT NOT NULL,
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX firmware_downloads_job ON firmware_downloads(job_id, seq);
`,
};
