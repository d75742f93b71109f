import { useId, useMemo, useState } from 'react';
import { formatTime } from '../../components/time-ago';
import { useJob, useJobExecutions, useJobLog } from '../../stores/jobs-store';
import { logSentences } from './log-sentences';

/** Lines shown; the journal in main keeps them all. */
const SHOWN_LINES = 200;

/** The job's journal, newest last, in sentences; the journal's own words on demand. */
export function JobLog({ jobId }: { jobId: string }) {
  const lines = useJobLog(jobId);
  const executions = useJobExecutions(jobId);
  const steps = useJob(jobId)?.steps;
  const [isShowingDetails, setShowingDetails] = useState(false);
  const detailsId = useId();
  const sentences = useMemo(
    () =>
      logSentences(lines, {
        steps: steps ?? [],
        nameOf: (deviceId) => executions?.byDevice[deviceId]?.deviceName ?? deviceId,
      }).slice(-SHOWN_LINES),
    [lines, steps, executions],
  );
  return (
    <details className="job-log" open>
      <summary>Log</summary>
      {sentences.length === 0 ? (
        <p className="empty">Nothing logged yet.</p>
      ) : (
        <>
          <label className="log-details-toggle" htmlFor={detailsId}>
            <input
              id={detailsId}
              type="checkbox"
              checked={isShowingDetails}
              onChange={(e) => setShowingDetails(e.target.checked)}
            />{' '}
            Show technical details
          </label>
          <ol aria-label="Job log">
            {sentences.map((line) => (
              <li key={line.seq} data-seq={line.seq}>
                <time dateTime={new Date(line.at).toISOString()}>{formatTime(line.at)}</time> {line.text}
                {isShowingDetails && <div className="mono hint">{line.details}</div>}
              </li>
            ))}
          </ol>
        </>
      )}
    </details>
  );
}
