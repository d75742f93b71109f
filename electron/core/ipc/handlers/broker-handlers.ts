import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type BrokerCommand = 'broker.getStatus' | 'broker.start' | 'broker.stop';

export function brokerHandlers(s: HandlerServices): Pick<CommandHandlers, BrokerCommand> {
  return {
    'broker.getStatus': async () => s.broker.status(),
    'broker.start': async (input) => s.broker.start(input),
    'broker.stop': async () => s.broker.stop(),
  };
}
