import type { JobPlan, JobSpecInput } from '../../../../shared/domain/job';
import { IpcError } from '../../../../shared/ipc/result';
import { invoke } from '../../api/client';
import { openJob } from './open-job';

/*
 * The one way the renderer starts a job, used by the drawer's actions, the inventory's reboot and the wizard:
 *   1. plan: `planJob` asks main for the dry run (what would happen, device by device; nothing is sent);
 *   2. confirm: the caller shows it and the technician confirms (a destructive job by typing its name);
 *   3. start: `startJob` starts what was confirmed, naming the dry run's runnable count: main plans again and
 *      refuses with `plan-changed` when the site changed since, so nothing starts on a plan nobody saw;
 *   4. open: the new job is selected and loaded once; its changes then arrive as `jobs.progressed` events.
 */

/** A dry run as the technician is shown it: starting it confirms its runnable devices and no others. */
export interface PlannedJob {
  readonly spec: JobSpecInput;
  readonly plan: JobPlan;
}

/** Why main refused a start (`details.problem` of its CONFLICT), when it said. */
export type StartProblem = 'plan-changed' | 'confirmation-required' | 'nothing-to-run';

export type StartOutcome =
  | { state: 'started'; jobId: string }
  /** `error` is main's refusal as thrown by `invoke` (to show), `problem` its kind when main named one. */
  | { state: 'refused'; problem: StartProblem | null; error: unknown };

export interface StartOptions {
  /** The job's name as typed, for a destructive job (main refuses a mismatch with `confirmation-required`). */
  typedConfirmation?: string;
  /** Called once the job exists, before it is opened (e.g. to clear the selection it was started from). */
  onStarted?: (jobId: string) => void;
}

/** Step 1: main's dry run of `spec`. Throws `invoke`'s error when main refuses the spec. */
export async function planJob(spec: JobSpecInput): Promise<PlannedJob> {
  return { spec, plan: await invoke('jobs.plan', spec) };
}

function startProblem(error: unknown): StartProblem | null {
  if (!(error instanceof IpcError) || error.code !== 'CONFLICT') return null;
  const problem = (error.details as { problem?: string } | undefined)?.problem;
  return problem === 'plan-changed' || problem === 'confirmation-required' || problem === 'nothing-to-run'
    ? problem
    : null;
}

/** Steps 3 and 4: starts the confirmed dry run, then opens the new job. A refusal is returned, not thrown. */
export async function startJob(planned: PlannedJob, options: StartOptions = {}): Promise<StartOutcome> {
  const { typedConfirmation, onStarted } = options;
  let jobId: string;
  try {
    ({ jobId } = await invoke('jobs.start', {
      spec: planned.spec,
      confirmDevices: planned.plan.runnable,
      ...(typedConfirmation === undefined ? {} : { typedConfirmation }),
    }));
  } catch (error) {
    return { state: 'refused', problem: startProblem(error), error };
  }
  onStarted?.(jobId);
  await openJob(jobId);
  return { state: 'started', jobId };
}
