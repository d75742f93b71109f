import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type JobHandlers = Pick<CommandHandlers, 'jobs.start' | 'jobs.list' | 'jobs.get' | 'jobs.cancel'>;

export function jobHandlers(s: HandlerServices): JobHandlers {
  return {
    'jobs.start': async (spec) => ({ jobId: s.jobs.start(spec) }),
    'jobs.list': async () => s.jobs.list(),
    'jobs.get': async ({ jobId }) => s.jobs.get(jobId),
    'jobs.cancel': async ({ jobId }) => ({ state: s.jobs.cancel(jobId) }),
  };
}
