import type { JobSummary } from '../../../../shared/domain/job';
import { StateBadge } from '../../components/state-badge';
import { formatDateTime } from '../../components/time-ago';
import { useJobList, useSelectedJobId } from '../../stores/jobs-store';

/** "4/5 succeeded · 1 failed": the outcome counts worth a glance. */
function outcome(job: JobSummary): string {
  const { counts } = job;
  const extras = (['failed', 'timed-out', 'skipped', 'canceled'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => ` · ${counts[s]} ${s}`);
  return `${counts.succeeded}/${job.total} succeeded${extras.join('')}`;
}

interface RunHistoryProps {
  /** The list's accessible name. */
  label: string;
  /** Shows the newest this many runs; all when absent. */
  limit?: number;
  onOpen: (jobId: string) => void;
}

/** Runs, newest first: name, state, counts, when, and the run each retry retries. */
export function RunHistory({ label, limit, onOpen }: RunHistoryProps) {
  const jobs = useJobList();
  const selectedJobId = useSelectedJobId();
  const names = Object.fromEntries(jobs.map((j) => [j.id, j.name]));
  if (jobs.length === 0) return <p className="empty">No jobs yet.</p>;
  return (
    <ul className="job-list" aria-label={label}>
      {jobs.slice(0, limit).map((job) => (
        <li
          key={job.id}
          data-job-id={job.id}
          data-job-state={job.state}
          className={job.id === selectedJobId ? 'current' : undefined}
        >
          <button
            type="button"
            className="link"
            aria-current={job.id === selectedJobId ? 'true' : undefined}
            onClick={() => onOpen(job.id)}
          >
            {job.name}
          </button>{' '}
          <StateBadge state={job.state} /> <span data-testid="run-outcome">{outcome(job)}</span> ·{' '}
          {formatDateTime(job.createdAt)}
          {job.retryOf && (
            <>
              {' '}
              · retry of{' '}
              <button type="button" className="link" onClick={() => onOpen(job.retryOf!)}>
                {names[job.retryOf] ?? job.retryOf}
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
