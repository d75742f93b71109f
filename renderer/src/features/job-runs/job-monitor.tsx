import { ExecutionStateSchema, type ExecutionSummary, type JobSummary } from '../../../../shared/domain/job';
import { StateBadge } from '../../components/state-badge';
import { formatDateTime } from '../../components/time-ago';
import { useJob, useJobExecutions } from '../../stores/jobs-store';
import { ExecutionsTable, heldCount } from './executions-table';
import { JobLog } from './job-log';
import { MonitorControls } from './monitor-controls';
import { ExportReport } from '../reports/export-report';
import { openJob } from './open-job';
import { etaWords, runStats } from './run-stats';
import { useLogPolling } from './use-log-polling';
import { useNow } from './use-now';
import { WavesPanel } from './waves-panel';

const PAUSE_WORDS: Record<NonNullable<JobSummary['pauseReason']>, string> = {
  user: 'Paused by you',
  'wave-gate': 'Waiting at the wave gate',
  'abort-threshold': 'Paused: too many devices failed',
  crash:
    'Paused: Fieldbatch stopped while it ran; in-flight steps are checked on the devices before anything is repeated',
  'needs-decision': 'Paused: needs your decision',
};

function RetryOf({ jobId }: { jobId: string }) {
  const original = useJob(jobId);
  return (
    <p className="hint">
      Retry of{' '}
      <button type="button" className="link" onClick={() => void openJob(jobId)}>
        {original?.name ?? jobId}
      </button>
    </p>
  );
}

function RunProgress({ job, now }: { job: JobSummary; now: number }) {
  const stats = runStats(job, now);
  const eta = etaWords(job.eta, now);
  return (
    <>
      <div className="run-progress">
        <progress aria-label="Run progress" max={Math.max(stats.total, 1)} value={stats.finished} />{' '}
        <span data-testid="run-finished">
          {stats.finished}/{stats.total} finished
        </span>
        <span data-testid="run-throughput">
          {stats.perMinute === null ? '' : ` · ${stats.perMinute.toFixed(1)} devices/min`}
        </span>
      </div>
      {eta && (
        <p className="run-eta" data-testid="run-eta">
          {eta}
        </p>
      )}
    </>
  );
}

/** Retry is worth offering when a device failed, timed out or was never reached. */
function hasRetryable(job: JobSummary, executions: Record<string, ExecutionSummary> | undefined): boolean {
  if (job.counts.failed + job.counts['timed-out'] > 0) return true;
  return Object.values(executions ?? {}).some((e) => e.skipReason === 'not-reached');
}

/** One run, live: progress, counts, pace, waves and gate, controls, every device, and the log. */
export function JobMonitor({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const executions = useJobExecutions(jobId);
  const isActive = job !== undefined && job.state !== 'completed' && job.state !== 'canceled';
  const now = useNow(isActive);
  useLogPolling(jobId, isActive);
  if (!job) return null;
  const held = executions ? heldCount(executions.byDevice) : 0;
  return (
    <section
      className="job-monitor"
      data-testid="job-monitor"
      data-job-id={job.id}
      data-job-state={job.state}
      aria-label={`Run ${job.name}`}
    >
      <h3>
        {job.name} <StateBadge state={job.state} />
      </h3>
      {job.retryOf && <RetryOf jobId={job.retryOf} />}
      <p className="hint">
        Created {formatDateTime(job.createdAt)} · started {formatDateTime(job.startedAt)}
        {job.finishedAt !== null && ` · finished ${formatDateTime(job.finishedAt)}`}
      </p>
      {job.state === 'paused' && job.pauseReason && (
        <p role="status" className="pause-reason" data-pause-reason={job.pauseReason}>
          {PAUSE_WORDS[job.pauseReason]}
          {job.pauseMessage ? `: ${job.pauseMessage}` : '.'}
        </p>
      )}
      <RunProgress job={job} now={now} />
      <p className="counts" data-testid="job-counts">
        {ExecutionStateSchema.options
          .filter((state) => job.counts[state] > 0)
          .map((state) => (
            <span key={state} data-count-state={state}>
              {state}: {job.counts[state]}
            </span>
          ))}
        {held > 0 && (
          <span data-count-state="held" title="Held devices do not start until you release them.">
            held: {held}
          </span>
        )}
      </p>
      <WavesPanel job={job} />
      <MonitorControls job={job} canRetry={hasRetryable(job, executions?.byDevice)} />
      <ExportReport job={job} />
      <ExecutionsTable job={job} now={now} />
      <JobLog jobId={job.id} />
    </section>
  );
}
