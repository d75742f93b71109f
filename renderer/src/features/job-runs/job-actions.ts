import type { DeviceId } from '../../../../shared/domain/device';
import type { JobId, JobPolicy } from '../../../../shared/domain/job';
import type { JobSettingsUpdate } from '../../../../shared/domain/job-settings';
import { invoke } from '../../api/client';
import {
  executionReported,
  jobControlled,
  jobDetailLoaded,
  jobLogReceived,
  jobSettingsLoaded,
  jobsLoaded,
  jobsStore,
} from '../../stores/jobs-store';
import { viewChosen } from '../../stores/ui-store';
import { errorMessage, reportError as report } from '../command-errors';
import { wizardClosed } from '../job-builder/job-builder-store';
import { openJob } from './open-job';
import {
  retryClosed,
  retryOpened,
  retryPlanned,
  retryPolicyEdited,
  retryRefused,
  retryStore,
} from './retry-store';

/** Lines asked for per poll of a job's log. */
const LOG_PAGE = 500;

async function loadRuns(): Promise<void> {
  jobsLoaded(await invoke('jobs.list', {}));
  const selected = jobsStore.getState().selectedJobId;
  if (selected) jobDetailLoaded(await invoke('jobs.get', { jobId: selected as JobId }));
}

/** The Jobs screen: every run with its counts, the open run's devices, and the engine's settings. */
export async function showJobs(): Promise<void> {
  viewChosen('jobs');
  await Promise.all([
    invoke('jobs.getSettings', {}).then(jobSettingsLoaded, report),
    loadRuns().catch(report),
  ]);
}

/** One run in the monitor of the Jobs screen (the wizard gives way to it). */
export async function showJob(jobId: string): Promise<void> {
  viewChosen('jobs');
  wizardClosed();
  await openJob(jobId);
}

export async function pauseJob(jobId: string): Promise<void> {
  try {
    jobControlled(jobId, await invoke('jobs.pause', { jobId: jobId as JobId }));
  } catch (error) {
    report(error);
  }
}

export async function resumeJob(jobId: string): Promise<void> {
  try {
    jobControlled(jobId, await invoke('jobs.resume', { jobId: jobId as JobId }));
  } catch (error) {
    report(error);
  }
}

export async function cancelJob(jobId: string): Promise<void> {
  try {
    jobControlled(jobId, await invoke('jobs.cancel', { jobId: jobId as JobId }));
  } catch (error) {
    report(error);
  }
}

export async function openNextWave(jobId: string): Promise<void> {
  try {
    jobControlled(jobId, await invoke('jobs.nextWave', { jobId: jobId as JobId }));
  } catch (error) {
    report(error);
  }
}

/** Opens the retry's own dry run: the failed devices, their reasons, and the old policy to edit. */
export async function openRetry(jobId: string): Promise<void> {
  retryOpened(jobId);
  await planRetry(jobId, undefined);
}

/** Plans the retry again with the edited policy (waves change with the canary). Stale answers are dropped. */
export async function editRetryPolicy(policy: JobPolicy): Promise<void> {
  const { jobId } = retryStore.getState();
  if (!jobId) return;
  retryPolicyEdited(policy);
  await planRetry(jobId, policy);
}

async function planRetry(jobId: string, policy: JobPolicy | undefined): Promise<void> {
  try {
    const draft = await invoke('jobs.retryPlan', { jobId: jobId as JobId, policy });
    const now = retryStore.getState();
    if (now.jobId === jobId && (policy === undefined || now.policy === policy)) {
      retryPlanned(draft, policy === undefined);
    }
  } catch (error) {
    retryRefused(errorMessage(error));
  }
}

/** Starts the retry the technician confirmed, with the policy shown; the monitor follows the new run. */
export async function startRetry(): Promise<void> {
  const { jobId, draft, policy } = retryStore.getState();
  if (!jobId || !draft || !policy) return;
  let retryId: string;
  try {
    retryId = (
      await invoke('jobs.retryFailed', {
        jobId: jobId as JobId,
        policy,
        confirmDevices: draft.plan.runnable,
      })
    ).jobId;
  } catch (error) {
    retryRefused(errorMessage(error));
    return;
  }
  retryClosed();
  await showJob(retryId);
}

/** Holds, releases or cancels one device of a job. */
export async function controlDevice(
  jobId: string,
  deviceId: string,
  action: 'hold' | 'release' | 'cancel',
): Promise<void> {
  try {
    const execution = await invoke('jobs.controlDevice', {
      jobId: jobId as JobId,
      deviceId: deviceId as DeviceId,
      action,
    });
    executionReported(jobId, execution);
  } catch (error) {
    report(error);
  }
}

/** Fetches the log lines after the newest one we have. Errors stay quiet: the next poll tries again. */
export async function pollJobLog(jobId: string): Promise<void> {
  const afterSeq = jobsStore.getState().logs[jobId]?.at(-1)?.seq ?? 0;
  try {
    jobLogReceived(jobId, await invoke('jobs.log', { jobId: jobId as JobId, afterSeq, limit: LOG_PAGE }));
  } catch {
    // A poll that fails (host busy, reconnecting) is simply repeated on the next tick.
  }
}

export async function updateJobSettings(update: JobSettingsUpdate): Promise<void> {
  try {
    jobSettingsLoaded(await invoke('jobs.updateSettings', update));
  } catch (error) {
    report(error);
  }
}
