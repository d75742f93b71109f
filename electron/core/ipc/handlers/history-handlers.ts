import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type HistoryCommand = Extract<keyof CommandHandlers, `history.${string}`>;

export function historyHandlers(s: HandlerServices): Pick<CommandHandlers, HistoryCommand> {
  return {
    'history.search': async (query) => s.history.search(query),
    'history.deviceTimeline': async ({ deviceId, offset, limit }) =>
      s.history.timeline(deviceId, offset, limit),
    'history.getRun': async ({ jobId }) => s.history.getRun(jobId),
    'history.getRetention': async () => s.retention.get(),
    'history.setRetention': async (settings) => s.retention.set(settings),
    'history.usage': async () => s.retention.usage(),
  };
}
