import type { Migration } from './migration';

/**
 * Job templates with an append-only version history: `templates` holds the current version's number and
 * name, `template_versions` every saved spec. Restoring an old version appends a copy; nothing is rewritten.
 */
export const migration0005Templates: Migration = {
  version: 5,
  name: 'templates',
  sql: `
CREATE TABLE templates (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  current_version INTEGER NOT NULL CHECK (current_version >= 1),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE template_versions (
  template_id TEXT NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
  version     INTEGER NOT NULL CHECK (version >= 1),
  name        TEXT NOT NULL,
  spec_json   TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (template_id, version)
) STRICT;
`,
};
