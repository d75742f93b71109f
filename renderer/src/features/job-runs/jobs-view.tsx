import { useSelectedJobId } from '../../stores/jobs-store';
import { useJobBuilder } from '../job-builder/job-builder-store';
import { newJob } from '../job-builder/job-builder-intents';
import { JobWizard } from '../job-builder/job-wizard';
import { JobMonitor } from './job-monitor';
import { showJob } from './job-actions';
import { JobSettingsForm } from './job-settings-form';
import { RunHistory } from './run-history';
import { SiteVisitReport } from '../reports/site-visit-report';

/** The Jobs screen: new job wizard, run history, and the monitor of the run chosen in it. */
export function JobsView() {
  const isWizardOpen = useJobBuilder((s) => s.isOpen);
  const selectedJobId = useSelectedJobId();
  return (
    <div className="jobs-layout">
      <aside className="panel jobs-sidebar" aria-labelledby="runs-title">
        <button type="button" className="primary" onClick={newJob}>
          New job
        </button>
        <h2 id="runs-title">Runs</h2>
        <RunHistory label="Run history" onOpen={(jobId) => void showJob(jobId)} />
        <SiteVisitReport />
        <JobSettingsForm />
      </aside>
      {isWizardOpen ? (
        <JobWizard />
      ) : selectedJobId ? (
        <div className="panel">
          <JobMonitor key={selectedJobId} jobId={selectedJobId} />
        </div>
      ) : (
        <p className="panel empty">Choose a run in the history, or start a new job.</p>
      )}
    </div>
  );
}
