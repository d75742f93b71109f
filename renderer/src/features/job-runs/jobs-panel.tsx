import { StateBadge } from '../../components/state-badge';
import { formatTime } from '../../components/time-ago';
import { useJobList, useSelectedJobId } from '../../stores/jobs-store';
import { JobMonitor } from './job-monitor';
import { openJob } from './job-actions';

export function JobsPanel() {
  const jobs = useJobList();
  const selectedJobId = useSelectedJobId();
  return (
    <section className="panel" aria-labelledby="jobs-title">
      <header className="panel-header">
        <h2 id="jobs-title">Jobs</h2>
      </header>
      {jobs.length === 0 ? (
        <p className="empty">No jobs yet. Select devices and start one.</p>
      ) : (
        <ul className="job-list" aria-label="Job history">
          {jobs.map((job) => (
            <li
              key={job.id}
              data-job-id={job.id}
              className={job.id === selectedJobId ? 'current' : undefined}
            >
              <button type="button" className="link" onClick={() => void openJob(job.id)}>
                {job.name}
              </button>{' '}
              <StateBadge state={job.state} /> {job.counts.succeeded}/{job.total} succeeded ·{' '}
              {formatTime(job.createdAt)}
            </li>
          ))}
        </ul>
      )}
      {selectedJobId && <JobMonitor jobId={selectedJobId} />}
    </section>
  );
}
