import { type ExecutionSummary } from '../../../../shared/domain/job';
import { useActionRun, type ActionRun } from '../../stores/action-runs-store';
import { useExecution, useJob } from '../../stores/jobs-store';
import { TERMINAL_EXECUTION_STATES } from '../../../../shared/domain/job-rules';

export type ActionRunState = 'starting' | 'refused' | 'not-run' | ExecutionSummary['state'] | 'canceling';

export interface ActionRunView {
  run: ActionRun;
  state: ActionRunState;
  execution: ExecutionSummary | undefined;
  jobId: string | null;
  /** True until main reports the device's execution finished (or refused the job). */
  isBusy: boolean;
}

/** The drawer's last action on this device, joined with the execution main reports for it. */
export function useActionRunView(deviceId: string): ActionRunView | undefined {
  const run = useActionRun(deviceId);
  const jobId = run?.state === 'started' ? run.jobId : null;
  const execution = useExecution(jobId, deviceId);
  const jobState = useJob(jobId)?.state;
  if (!run) return undefined;
  if (run.state !== 'started') {
    return { run, state: run.state, execution: undefined, jobId, isBusy: run.state === 'starting' };
  }
  const executionState = execution?.state ?? 'queued';
  const isBusy = !TERMINAL_EXECUTION_STATES.includes(executionState);
  const state = isBusy && jobState === 'canceling' ? 'canceling' : executionState;
  return { run, state, execution, jobId, isBusy };
}
