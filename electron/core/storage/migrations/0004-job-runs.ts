import type { Migration } from './migration';

/**
 * Rollout runs: waves, pauses with their reason, retries, held devices and skip reasons. A running
 * execution's `updated_at` is when its current step was sent (crash recovery re-verifies against it).
 * `interrupted` becomes `unknown` (executions) and a job paused by a crash.
 */
export const migration0004JobRuns: Migration = {
  version: 4,
  name: 'job-runs',
  sql: `
ALTER TABLE jobs ADD COLUMN pause_reason TEXT;
ALTER TABLE jobs ADD COLUMN pause_message TEXT;
ALTER TABLE jobs ADD COLUMN current_wave INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN retry_of TEXT;
ALTER TABLE jobs ADD COLUMN started_at INTEGER;
-- Executed counts when the job was last resumed: the abort threshold counts afresh from there.
ALTER TABLE jobs ADD COLUMN abort_baseline_json TEXT;

ALTER TABLE job_executions ADD COLUMN wave INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job_executions ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job_executions ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job_executions ADD COLUMN skip_reason TEXT;
ALTER TABLE job_executions ADD COLUMN not_before INTEGER;

UPDATE job_executions SET state = 'unknown' WHERE state = 'interrupted';
UPDATE jobs SET state = 'paused', pause_reason = 'crash', pause_message = 'the app stopped while the job ran'
  WHERE state = 'interrupted';
`,
};
