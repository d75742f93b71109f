import type { Migration } from './migration';

/**
 * The append-only audit log. Each row carries the hash of the row before it (`prev_hash`) and its own hash
 * over its fields, so an edit made by anyone bypassing the app is found by walking the chain. The triggers
 * refuse UPDATE and DELETE (defence in depth: someone with the file can drop them, the chain still tells).
 * AUTOINCREMENT keeps the highest seq ever issued in sqlite_sequence, so removing the newest rows shows too
 * (https://www.sqlite.org/autoinc.html; RAISE in triggers: https://www.sqlite.org/lang_createtrigger.html).
 */
export const migration0012Audit: Migration = {
  version: 12,
  name: 'audit',
  sql: `
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  at           INTEGER NOT NULL,
  operator     TEXT,
  host         TEXT NOT NULL,
  action       TEXT NOT NULL,
  target       TEXT,
  job_id       TEXT,
  outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
  details_json TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_job ON audit_log (job_id, seq) WHERE job_id IS NOT NULL;
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be removed');
END;
`,
};
