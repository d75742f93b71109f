import type { JobId } from '../../../../shared/domain/job';
import { invoke } from '../../api/client';
import { jobDetailLoaded, jobSelected } from '../../stores/jobs-store';
import { reportError } from '../command-errors';

/**
 * Opens a job in the monitor: selects it and loads it once with its executions (`jobs.get`). Later changes
 * arrive as `jobs.progressed` events; nothing here asks for the whole list again.
 */
export async function openJob(jobId: string): Promise<void> {
  jobSelected(jobId);
  try {
    jobDetailLoaded(await invoke('jobs.get', { jobId: jobId as JobId }));
  } catch (error) {
    reportError(error);
  }
}
