import type { DeviceId } from '../../../../shared/domain/device';
import type { JobId } from '../../../../shared/domain/job';
import { invoke } from '../../api/client';
import { jobDetailLoaded, jobSelected } from '../../stores/jobs-store';
import { selectionReplaced } from '../../stores/selection-store';
import { noticeShown, viewChosen } from '../../stores/ui-store';
import { reportError as report } from '../command-errors';

/** Opens a job in the monitor, loading its executions from main. */
export async function openJob(jobId: string): Promise<void> {
  jobSelected(jobId);
  try {
    jobDetailLoaded(await invoke('jobs.get', { jobId: jobId as JobId }));
  } catch (error) {
    report(error);
  }
}

export async function startRebootJob(deviceIds: readonly string[], concurrency: number): Promise<void> {
  try {
    const { jobId } = await invoke('jobs.start', {
      version: 1,
      name: `Reboot ${deviceIds.length} device${deviceIds.length === 1 ? '' : 's'}`,
      targets: { deviceIds: deviceIds as DeviceId[] },
      steps: [{ action: 'reboot' }],
      policy: { concurrency, stepTimeoutMs: 180_000 },
    });
    selectionReplaced([]);
    noticeShown(null);
    viewChosen('inventory');
    await openJob(jobId);
  } catch (error) {
    report(error);
  }
}

export async function cancelJob(jobId: string): Promise<void> {
  try {
    await invoke('jobs.cancel', { jobId: jobId as JobId });
  } catch (error) {
    report(error);
  }
}
