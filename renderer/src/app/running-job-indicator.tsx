import { useMemo } from 'react';
import { useStore } from 'zustand';
import { showJob } from '../features/job-runs/job-actions';
import { jobsStore } from '../stores/jobs-store';
import { runningJobLine } from './running-jobs';

/** The job in progress, in the header of every screen; a click opens it in the monitor. */
export function RunningJobIndicator() {
  const byId = useStore(jobsStore, (s) => s.byId);
  const line = useMemo(() => runningJobLine(Object.values(byId)), [byId]);
  if (!line) return null;
  const percent = line.total === 0 ? 0 : Math.round((line.done / line.total) * 100);
  return (
    <button
      type="button"
      className="running-job"
      data-testid="running-job"
      data-job-state={line.state}
      title={`Open "${line.name}" in the monitor`}
      onClick={() => void showJob(line.jobId)}
    >
      <span className="running-job-name">{line.name}</span>
      <span className="running-job-count">
        {line.done}/{line.total} done{line.state === 'running' ? '' : ` · ${line.state}`}
      </span>
      <progress max={100} value={percent} aria-label={`${line.name}: ${percent} % done`} />
      {line.others > 0 && <span className="running-job-more">+{line.others} more</span>}
    </button>
  );
}
