import { deviceLabel, type DeviceId, type DeviceSummary } from '../../../../shared/domain/device';
import type { JobId } from '../../../../shared/domain/job';
import { invoke } from '../../api/client';
import { actionNotRun, actionRefused, actionRequested, actionStarted } from '../../stores/action-runs-store';
import { errorMessage, reportError } from '../command-errors';
import { planJob, startJob } from '../job-runs/start-job';
import { ACTIONS, type JobStepInput } from './family-actions';

const MAX_JOB_NAME = 120;

/** "Reboot Hall plug": what the job is called in the Jobs panel. */
export function actionJobName(device: DeviceSummary, step: JobStepInput): string {
  const name = `${ACTIONS[step.action].title} ${deviceLabel(device)}`;
  return name.length > MAX_JOB_NAME ? `${name.slice(0, MAX_JOB_NAME - 1)}…` : name;
}

/**
 * Runs one step on one device as a job of its own (so it is journaled, cancellable and listed like any job):
 * the drawer's form was its confirmation, so the start flow (`start-job.ts`) goes from the dry run straight to
 * the start with the device count planned. An offline device is skipped rather than waited for, and a skipped
 * device shows why instead of starting. Progress and the verified result arrive as `jobs.progressed`; the
 * drawer shows them from the jobs store.
 */
export async function runDeviceAction(
  device: DeviceSummary,
  step: JobStepInput,
  typedConfirmation?: string,
): Promise<void> {
  const name = actionJobName(device, step);
  actionRequested(device.id, step.action, name);
  const spec = {
    version: 1 as const,
    name,
    targets: { deviceIds: [device.id as DeviceId] },
    steps: [step],
    policy: {
      concurrency: 1,
      stepTimeoutMs: ACTIONS[step.action].stepTimeoutMs,
      offline: { mode: 'skip' as const },
    },
  };
  try {
    const planned = await planJob(spec);
    const skip = planned.plan.devices[0]?.skip;
    if (planned.plan.runnable === 0 && skip) return actionNotRun(device.id, skip.reason, skip.message);
    const outcome = await startJob(planned, {
      typedConfirmation,
      onStarted: (jobId) => actionStarted(device.id, jobId),
    });
    if (outcome.state === 'refused') actionRefused(device.id, errorMessage(outcome.error));
  } catch (error) {
    actionRefused(device.id, errorMessage(error));
  }
}

export async function cancelDeviceAction(jobId: string): Promise<void> {
  try {
    await invoke('jobs.cancel', { jobId: jobId as JobId });
  } catch (error) {
    reportError(error);
  }
}
