import type { Migration } from './migration';

/**
 * The sync outbox (issue 11): facts to send to the back office, written in the same transaction as the
 * facts themselves, and one cursor per sync target (the highest seq it acknowledged). AUTOINCREMENT so a
 * seq is never reused after the newest rows were pruned: a cursor above a reused seq would skip records.
 */
export const migration0011SyncOutbox: Migration = {
  version: 11,
  name: 'sync-outbox',
  sql: `
CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  body_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sync_cursors (
  target_id TEXT PRIMARY KEY,
  delivered_seq INTEGER NOT NULL DEFAULT 0,
  last_success_at INTEGER,
  last_error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
) STRICT;
`,
};
