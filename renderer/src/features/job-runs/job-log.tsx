import { formatTime } from '../../components/time-ago';
import { useJobExecutions, useJobLog } from '../../stores/jobs-store';

/** Lines shown; the journal in main keeps them all. */
const SHOWN_LINES = 200;

/** The job's journal, newest last, as main wrote it. */
export function JobLog({ jobId }: { jobId: string }) {
  const lines = useJobLog(jobId);
  const executions = useJobExecutions(jobId);
  const nameOf = (deviceId: string | null) =>
    deviceId === null ? 'job' : (executions?.byDevice[deviceId]?.deviceName ?? deviceId);
  return (
    <details className="job-log" open>
      <summary>Log</summary>
      {lines.length === 0 ? (
        <p className="empty">Nothing logged yet.</p>
      ) : (
        <ol aria-label="Job log" className="mono">
          {lines.slice(-SHOWN_LINES).map((line) => (
            <li key={line.seq} data-seq={line.seq}>
              <time dateTime={new Date(line.at).toISOString()}>{formatTime(line.at)}</time>{' '}
              {nameOf(line.deviceId)}: {line.event}{' '}
              {line.from === null ? line.to : `${line.from} → ${line.to}`}
              {line.detail ? ` — ${line.detail}` : ''}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
