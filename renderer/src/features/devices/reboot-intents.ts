import type { DeviceId } from '../../../../shared/domain/device';
import type { JobPlan, JobSpecInput } from '../../../../shared/domain/job';
import { invoke } from '../../api/client';
import { selectionReplaced } from '../../stores/selection-store';
import { noticeShown } from '../../stores/ui-store';
import { reportError } from '../command-errors';
import { openJob } from '../job-runs/job-actions';

/** A reboot of these devices, `concurrency` at a time. */
export function rebootSpec(deviceIds: readonly string[], concurrency: number): JobSpecInput {
  return {
    version: 1,
    name: `Reboot ${deviceIds.length} device${deviceIds.length === 1 ? '' : 's'}`,
    targets: { deviceIds: deviceIds as DeviceId[] },
    steps: [{ action: 'reboot' }],
    policy: { concurrency, stepTimeoutMs: 180_000 },
  };
}

/** The dry run the confirmation shows (how many devices reboot, how many are skipped); null when refused. */
export async function planReboot(spec: JobSpecInput): Promise<JobPlan | null> {
  try {
    return await invoke('jobs.plan', spec);
  } catch (error) {
    reportError(error);
    return null;
  }
}

/** Starts the confirmed reboot; the monitor below the inventory follows it. */
export async function startReboot(spec: JobSpecInput, plan: JobPlan): Promise<void> {
  try {
    const { jobId } = await invoke('jobs.start', { spec, confirmDevices: plan.runnable });
    selectionReplaced([]);
    noticeShown(null);
    await openJob(jobId);
  } catch (error) {
    reportError(error);
  }
}
