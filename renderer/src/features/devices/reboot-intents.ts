import type { DeviceId } from '../../../../shared/domain/device';
import type { JobSpecInput } from '../../../../shared/domain/job';
import { selectionReplaced } from '../../stores/selection-store';
import { noticeShown } from '../../stores/ui-store';
import { reportError } from '../command-errors';
import { planJob, startJob, type PlannedJob } from '../job-runs/start-job';

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
export async function planReboot(spec: JobSpecInput): Promise<PlannedJob | null> {
  try {
    return await planJob(spec);
  } catch (error) {
    reportError(error);
    return null;
  }
}

/** Starts the confirmed reboot; the monitor below the inventory follows it. */
export async function startReboot(planned: PlannedJob): Promise<void> {
  const outcome = await startJob(planned, {
    onStarted: () => {
      selectionReplaced([]);
      noticeShown(null);
    },
  });
  if (outcome.state === 'refused') reportError(outcome.error);
}
