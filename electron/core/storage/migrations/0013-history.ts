import type { Migration } from './migration';

/**
 * Searchable history (issue 11): one FTS5 index of documents kept in step with their rows by triggers, so no
 * writer (the job engine's group commit included) changes code. A document is a run (job name, step kinds and
 * raw commands), a device execution (device name and id; state, reasons, message, result) or an artifact
 * (kind, device; its file's text is added later by the history service, which can read files: `text_pending`).
 *
 * Document numbers live in `history_docs` (INTEGER PRIMARY KEY) because VACUUM may renumber the implicit
 * rowids of `jobs`, `job_executions` and `artifacts` (sqlite.org/lang_vacuum.html), which an external-content
 * index would silently point past. The index keeps its own copy of the text: a contentless one with deletes
 * (sqlite.org/fts5.html §4.4.3) is smaller, but replacing 20,000 documents in it took 2.3 s against 0.17 s.
 *
 * Runs and artifacts (one row each, rarely written) are indexed by triggers. Executions are not: a trigger on
 * job_executions made a 20,000-device run's group commits 2.5-4x slower (creation and updates, measured
 * in memory; 13x for creation on a WAL file), so the history service indexes them afterwards, from the
 * journal lines after `history_index_cursor` (every execution change writes one), in the background and
 * before each search. Their delete trigger stays: only retention deletes executions.
 */
export const migration0013History: Migration = {
  version: 13,
  name: 'history',
  sql: `
CREATE INDEX job_executions_device ON job_executions(device_id);
CREATE INDEX artifacts_job ON artifacts(job_id, device_id);
CREATE INDEX jobs_finished ON jobs(finished_at);

CREATE TABLE history_docs (
  doc          INTEGER PRIMARY KEY,
  job_id       TEXT,
  device_id    TEXT,
  artifact_id  TEXT,
  text_pending INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX history_docs_run ON history_docs(job_id) WHERE device_id IS NULL AND artifact_id IS NULL;
CREATE UNIQUE INDEX history_docs_execution ON history_docs(job_id, device_id) WHERE artifact_id IS NULL;
CREATE UNIQUE INDEX history_docs_artifact ON history_docs(artifact_id) WHERE artifact_id IS NOT NULL;
CREATE INDEX history_docs_pending ON history_docs(doc) WHERE text_pending = 1;

-- The newest job_journal seq whose executions are indexed (see the comment above).
CREATE TABLE history_index_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL) STRICT;
INSERT INTO history_index_cursor (id, seq) VALUES (1, 0);

CREATE VIRTUAL TABLE history_fts USING fts5(
  subject, body, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER history_run_insert AFTER INSERT ON jobs BEGIN
  INSERT INTO history_docs (job_id) VALUES (new.id);
  INSERT INTO history_fts (rowid, subject, body) VALUES (last_insert_rowid(), new.name, (
    SELECT coalesce(group_concat(concat_ws(' ', s.value ->> '$.action', s.value ->> '$.command',
      s.value ->> '$.value'), ' '), '')
    FROM json_each(CASE WHEN json_valid(new.spec_json) THEN new.spec_json ELSE '{}' END, '$.steps') s));
END;

CREATE TRIGGER history_run_delete AFTER DELETE ON jobs BEGIN
  DELETE FROM history_fts WHERE rowid = (
    SELECT doc FROM history_docs WHERE job_id = old.id AND device_id IS NULL AND artifact_id IS NULL);
  DELETE FROM history_docs WHERE job_id = old.id AND device_id IS NULL AND artifact_id IS NULL;
END;

CREATE TRIGGER history_execution_delete AFTER DELETE ON job_executions BEGIN
  DELETE FROM history_fts WHERE rowid = (
    SELECT doc FROM history_docs WHERE job_id = old.job_id AND device_id = old.device_id AND artifact_id IS NULL);
  DELETE FROM history_docs WHERE job_id = old.job_id AND device_id = old.device_id AND artifact_id IS NULL;
END;

CREATE TRIGGER history_artifact_insert AFTER INSERT ON artifacts BEGIN
  INSERT INTO history_docs (job_id, device_id, artifact_id, text_pending)
    VALUES (new.job_id, new.device_id, new.id, 1);
  INSERT INTO history_fts (rowid, subject, body)
    VALUES (last_insert_rowid(), concat_ws(' ', new.kind, new.device_id), '');
END;

CREATE TRIGGER history_artifact_delete AFTER DELETE ON artifacts BEGIN
  DELETE FROM history_fts WHERE rowid = (SELECT doc FROM history_docs WHERE artifact_id = old.id);
  DELETE FROM history_docs WHERE artifact_id = old.id;
END;

INSERT INTO history_docs (job_id) SELECT id FROM jobs;
INSERT INTO history_fts (rowid, subject, body)
  SELECT d.doc, j.name, (
    SELECT coalesce(group_concat(concat_ws(' ', s.value ->> '$.action', s.value ->> '$.command',
      s.value ->> '$.value'), ' '), '')
    FROM json_each(CASE WHEN json_valid(j.spec_json) THEN j.spec_json ELSE '{}' END, '$.steps') s)
  FROM history_docs d JOIN jobs j ON j.id = d.job_id;

INSERT INTO history_docs (job_id, device_id, artifact_id, text_pending)
  SELECT job_id, device_id, id, 1 FROM artifacts;
INSERT INTO history_fts (rowid, subject, body)
  SELECT d.doc, concat_ws(' ', a.kind, a.device_id), ''
  FROM history_docs d JOIN artifacts a ON a.id = d.artifact_id;
`,
};
