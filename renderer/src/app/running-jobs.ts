import { type JobState, type JobSummary } from '../../../shared/domain/job';
import { TERMINAL_EXECUTION_STATES } from '../../../shared/domain/job-rules';

/** Jobs a technician should keep an eye on from any screen: working, held or winding down. */
const IN_PROGRESS: readonly JobState[] = ['running', 'paused', 'canceling'];

export interface RunningJobLine {
  jobId: string;
  name: string;
  state: JobState;
  /** Devices in a final state (skipped and canceled included), of `total`. */
  done: number;
  total: number;
  /** Other jobs in progress besides this one. */
  others: number;
}

/** The newest job in progress with its n/m done, or null when nothing runs. */
export function runningJobLine(jobs: readonly JobSummary[]): RunningJobLine | null {
  const live = jobs
    .filter((j) => IN_PROGRESS.includes(j.state))
    .sort((a, b) => (b.startedAt ?? b.createdAt) - (a.startedAt ?? a.createdAt));
  const job = live[0];
  if (!job) return null;
  const done = TERMINAL_EXECUTION_STATES.reduce((n, s) => n + job.counts[s], 0);
  return { jobId: job.id, name: job.name, state: job.state, done, total: job.total, others: live.length - 1 };
}
