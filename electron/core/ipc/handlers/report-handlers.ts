import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type ReportCommand = Extract<keyof CommandHandlers, `reports.${string}`>;

export function reportHandlers(s: HandlerServices): Pick<CommandHandlers, ReportCommand> {
  return {
    'reports.export': async (input) => s.reports.export(input),
  };
}
