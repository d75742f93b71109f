import { ExecutionStateSchema, type ExecutionSummary } from '../../../../shared/domain/job';
import { StateBadge } from '../../components/state-badge';
import { formatTime } from '../../components/time-ago';
import { useJob, useJobExecutions } from '../../stores/jobs-store';
import { cancelJob } from './job-actions';

/** What main reported last: the live progress of a running step, or the verified result. */
function executionDetail(e: ExecutionSummary): string {
  if (e.state === 'running' && e.progress) {
    return e.progress.percent === null
      ? e.progress.message
      : `${e.progress.message} (${Math.round(e.progress.percent)} %)`;
  }
  return e.result ?? '';
}

/** One job: its counts by state and every device's execution, live. */
export function JobMonitor({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const executions = useJobExecutions(jobId);
  if (!job) return null;
  const isActive = job.state === 'running' || job.state === 'canceling';
  return (
    <div className="job-monitor" data-testid="job-monitor" data-job-id={job.id} data-job-state={job.state}>
      <h3>
        {job.name} <StateBadge state={job.state} />
      </h3>
      <p className="counts" data-testid="job-counts">
        {ExecutionStateSchema.options
          .filter((state) => job.counts[state] > 0)
          .map((state) => (
            <span key={state} data-count-state={state}>
              {state}: {job.counts[state]}
            </span>
          ))}
      </p>
      {isActive && (
        <button type="button" onClick={() => void cancelJob(job.id)} disabled={job.state === 'canceling'}>
          Cancel job
        </button>
      )}
      {executions && (
        <table className="grid" aria-label="Device executions">
          <thead>
            <tr>
              <th>Device</th>
              <th>State</th>
              <th>Reason</th>
              <th>Progress / result</th>
              <th>Started</th>
              <th>Finished</th>
            </tr>
          </thead>
          <tbody>
            {executions.order.map((deviceId) => {
              const e = executions.byDevice[deviceId]!;
              return (
                <tr key={deviceId} data-execution-device={deviceId} data-state={e.state}>
                  <td>{e.deviceName}</td>
                  <td>
                    <StateBadge state={e.state} />
                  </td>
                  <td>{e.reason ? `${e.reason}: ${e.message ?? ''}` : ''}</td>
                  <td data-testid="execution-detail">{executionDetail(e)}</td>
                  <td>{formatTime(e.startedAt)}</td>
                  <td>{formatTime(e.finishedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
