import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type JobCommand = Extract<keyof CommandHandlers, `jobs.${string}`>;

export function jobHandlers(s: HandlerServices): Pick<CommandHandlers, JobCommand> {
  return {
    'jobs.plan': async (spec) => s.planner.plan(spec),
    'jobs.start': async (input) => ({
      jobId: await s.jobs.startPlanned(input, await s.planner.plan(input.spec)),
    }),
    'jobs.list': async () => s.jobs.list(),
    'jobs.get': async ({ jobId }) => s.jobs.get(jobId),
    'jobs.log': async ({ jobId, afterSeq, limit }) => s.jobs.log(jobId, afterSeq, limit),
    'jobs.pause': async ({ jobId }) => ({ state: s.jobs.pause(jobId) }),
    'jobs.resume': async ({ jobId }) => ({ state: s.jobs.resume(jobId) }),
    'jobs.cancel': async ({ jobId }) => ({ state: s.jobs.cancel(jobId) }),
    'jobs.nextWave': async ({ jobId }) => s.jobs.nextWave(jobId),
    'jobs.retryPlan': async ({ jobId, policy }) => {
      const draft = s.jobs.retryDraft(jobId, policy);
      return { ...draft, plan: await s.planner.plan(draft.spec) };
    },
    'jobs.retryFailed': async ({ jobId, policy, confirmDevices }) => ({
      jobId: await s.jobs.retryFailed(jobId, { policy, confirmDevices }, (spec) => s.planner.plan(spec)),
    }),
    'jobs.controlDevice': async ({ jobId, deviceId, action }) =>
      s.jobs.controlDevice(jobId, deviceId, action),
    'jobs.getSettings': async () => s.jobs.settings(),
    'jobs.updateSettings': async (update) => s.jobs.updateSettings(update),
  };
}
