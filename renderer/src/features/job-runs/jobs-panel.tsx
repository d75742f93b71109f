import { useSelectedJobId } from '../../stores/jobs-store';
import { JobMonitor } from './job-monitor';
import { openJob } from './open-job';
import { RunHistory } from './run-history';

/** Recent runs shown under the inventory, so a batch reboot or drawer action can be followed in place. */
const RECENT_RUNS = 5;

/**
 * The inventory's jobs panel: the latest runs and the selected one's monitor (the Jobs screen has them all).
 * Its list keeps the name "Job history" that the first end-to-end specs look for.
 */
export function JobsPanel() {
  const selectedJobId = useSelectedJobId();
  return (
    <section className="panel" aria-labelledby="jobs-title">
      <header className="panel-header">
        <h2 id="jobs-title">Jobs</h2>
      </header>
      <RunHistory label="Job history" limit={RECENT_RUNS} onOpen={(jobId) => void openJob(jobId)} />
      {selectedJobId && <JobMonitor key={selectedJobId} jobId={selectedJobId} />}
    </section>
  );
}
