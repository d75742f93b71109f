import type { JobSummary } from '../../../../shared/domain/job';
import { ExportButtons } from './export-buttons';

/** "Export report" of one run, in the run monitor: any time, a running run reports what is done so far. */
export function ExportReport({ job }: { job: Pick<JobSummary, 'id' | 'state'> }) {
  const isOver = job.state === 'completed' || job.state === 'canceled';
  return (
    <div className="export-report" data-testid="export-report">
      <span className="export-report-title">Export report</span>
      <ExportButtons scope={{ kind: 'job', jobId: job.id }} label="Export the handover report of this run" />
      {!isOver && <span className="hint">The run is not over: the report shows it as it is now.</span>}
    </div>
  );
}
