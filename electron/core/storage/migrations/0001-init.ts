import type { Migration } from './migration';

export const migration0001Init: Migration = {
  version: 1,
  name: 'init',
  sql: `
CREATE TABLE devices (
  id             TEXT PRIMARY KEY,
  family         TEXT NOT NULL,
  name           TEXT,
  model          TEXT NOT NULL,
  product        TEXT,
  generation     INTEGER,
  firmware       TEXT NOT NULL,
  mac            TEXT,
  online         INTEGER NOT NULL DEFAULT 0,
  offline_reason TEXT,
  identify_json  TEXT NOT NULL,
  first_seen_at  INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE device_endpoints (
  device_id    TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  source       TEXT NOT NULL,
  transport    TEXT NOT NULL,
  host         TEXT NOT NULL,
  port         INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  PRIMARY KEY (device_id, source, transport)
) STRICT;
CREATE INDEX device_endpoints_address ON device_endpoints(host, port);

CREATE TABLE jobs (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  spec_version INTEGER NOT NULL,
  spec_json    TEXT NOT NULL,
  state        TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER
) STRICT;

-- device_id is deliberately not a foreign key: a job's history outlives a forgotten device.
CREATE TABLE job_executions (
  job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  device_id   TEXT NOT NULL,
  device_name TEXT NOT NULL,
  position    INTEGER NOT NULL,
  state       TEXT NOT NULL,
  step_index  INTEGER NOT NULL DEFAULT 0,
  reason      TEXT,
  message     TEXT,
  started_at  INTEGER,
  finished_at INTEGER,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (job_id, device_id)
) STRICT;

-- Every state change of a job or an execution, in order. Written in the same transaction as the change.
CREATE TABLE job_journal (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  device_id   TEXT,
  at          INTEGER NOT NULL,
  event       TEXT NOT NULL,
  from_state  TEXT,
  to_state    TEXT NOT NULL,
  detail_json TEXT
) STRICT;
CREATE INDEX job_journal_job ON job_journal(job_id, seq);
`,
};
